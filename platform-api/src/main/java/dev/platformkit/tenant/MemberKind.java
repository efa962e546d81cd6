package dev.platformkit.tenant;

/** Who a {@link Member} is. */
public enum MemberKind {
  /** A Kubernetes user name as the authenticator reports it. */
  User,
  /** A Kubernetes group name as the authenticator reports it. */
  Group,
  /** A Kubernetes service account; {@link Member#namespace()} says where it lives. */
  ServiceAccount,
  /** An AWS IAM role, given by ARN: an EKS access entry (or an {@code aws-auth} mapping) scoped to the tenant's namespaces. */
  IamRole
}
