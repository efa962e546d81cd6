/**
 * Upgrade plans: multi-minor EKS upgrades as one-minor hops, findings and steps; `KubernetesVersion`.
 *
 * <p>The knowledge the planner draws on ships as data files in this package, read once and cached:
 * {@link dev.platformkit.upgrade.DeprecatedApis} (API versions removed from 1.16 on, after the upstream
 * deprecation guide), {@link dev.platformkit.upgrade.BreakingChanges} (other breaking changes per minor)
 * and {@link dev.platformkit.upgrade.ControllerCompatibility} (controller minimums and tested ranges).
 * {@link dev.platformkit.upgrade.SkewPolicy} carries the kubelet version skew rule.
 *
 * <p>The planner reads an {@link dev.platformkit.upgrade.Inventory}; {@link dev.platformkit.upgrade.ManifestScanner}
 * takes one from manifest files (streaming, file and line for each finding), {@code dev.platformkit.k8s.ClusterScanner}
 * (platform-k8s) from a live cluster. Both return a {@link dev.platformkit.upgrade.ScanResult} that lists what
 * could not be read as {@link dev.platformkit.upgrade.ScanProblem}s.
 *
 * <p>{@link dev.platformkit.upgrade.Planner} turns an {@link dev.platformkit.upgrade.UpgradePlan} and an
 * {@link dev.platformkit.upgrade.Inventory} (from {@link dev.platformkit.upgrade.ManifestScanner} and the
 * cluster and EKS scanners) into an {@link dev.platformkit.upgrade.UpgradeReport}, which renders as
 * Markdown, JSON or HTML ({@link dev.platformkit.upgrade.ReportFormat}).
 */
package dev.platformkit.upgrade;
