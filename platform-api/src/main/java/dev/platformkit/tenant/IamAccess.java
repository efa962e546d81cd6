package dev.platformkit.tenant;

/** How IAM role members of a tenant get into the cluster. */
public enum IamAccess {
  /**
   * EKS access entries (the EKS API), each with an access policy association scoped to the tenant's
   * namespaces. Needs an AWS backend. The default.
   */
  ACCESS_ENTRIES,
  /**
   * For clusters still on the {@code kube-system/aws-auth} ConfigMap: the tenant's roles are merged into
   * {@code mapRoles} (every entry not owned by platformkit is kept byte for byte) and mapped to a group
   * that RoleBindings bind in the tenant's namespaces. Role ARNs are written without their path
   * ({@code role/teams/x} as {@code role/x}), since aws-auth never matches an ARN with one.
   */
  AWS_AUTH_CONFIGMAP
}
