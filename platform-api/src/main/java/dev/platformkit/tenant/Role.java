package dev.platformkit.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platformkit.internal.Spelling;

/**
 * What a member may do in the tenant's namespaces: one of the built-in ClusterRoles, always bound with
 * namespaced RoleBindings (never cluster-wide), or the matching EKS access policy for IAM roles.
 */
public enum Role {
  /** Full control of the namespace, including RoleBindings (ClusterRole {@code admin}, {@code AmazonEKSAdminPolicy}). */
  ADMIN("AmazonEKSAdminPolicy"),
  /** Read and write most objects, no RBAC (ClusterRole {@code edit}, {@code AmazonEKSEditPolicy}). */
  EDIT("AmazonEKSEditPolicy"),
  /** Read-only, no Secrets (ClusterRole {@code view}, {@code AmazonEKSViewPolicy}). */
  VIEW("AmazonEKSViewPolicy");

  private final String eksPolicy;

  Role(String eksPolicy) {
    this.eksPolicy = eksPolicy;
  }

  /** The name of the built-in ClusterRole: {@code admin}, {@code edit} or {@code view}. */
  @JsonValue
  public String clusterRole() {
    return Spelling.of(this);
  }

  /** The ARN of the EKS access policy with the same permissions, in the commercial partition. */
  public String eksPolicyArn() {
    return eksPolicyArn("aws");
  }

  /** The ARN of the EKS access policy with the same permissions in a partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}). */
  public String eksPolicyArn(String partition) {
    return "arn:" + partition + ":eks::aws:cluster-access-policy/" + eksPolicy;
  }

  /** Parses {@code admin}, {@code edit} or {@code view} (any case). */
  @JsonCreator
  public static Role of(String value) {
    return Spelling.parse(Role.class, value, "a role");
  }
}
