/**
 * Upgrade plans: multi-minor EKS upgrades as one-minor hops, findings and steps; `KubernetesVersion`.
 */
package dev.platformkit.upgrade;
