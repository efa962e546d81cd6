/**
 * Tenants: a team's namespaces, quotas, limits, network isolation, RBAC, Pod Security and IAM access on a shared cluster; `Tenants` plans and applies them.
 */
package dev.platformkit.tenant;
