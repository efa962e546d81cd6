/**
 * The AWS backend (`AwsBackend`) on AWS SDK v2 clients you configure, and the EKS side of UpgradePlan:
 * `EksScanner` reads a cluster's versions into an `Inventory`, `UpgradeExecutor` runs an `UpgradeReport`'s
 * in-place steps (resumable from the real state).
 */
package dev.platformkit.aws;
