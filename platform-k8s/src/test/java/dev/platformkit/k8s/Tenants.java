package dev.platformkit.k8s;

import dev.platformkit.tenant.ContainerLimits;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Namespace;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;

/** Tenants the tests apply. */
final class Tenants {
  static final String PAYMENTS_ROLE = "arn:aws:iam::111122223333:role/payments-admins";

  private Tenants() {}

  /** A tenant with every kind of object: two namespaces, quota, limits, network policies, bindings, an IAM role. */
  static Tenant payments() {
    return Tenant.builder()
        .name("payments")
        .addNamespaces(Namespace.of("payments-dev"), Namespace.of("payments-stage"))
        .addMembers(
            Member.builder().kind(MemberKind.Group).name("payments-devs").role(Role.EDIT).build(),
            Member.builder().kind(MemberKind.IamRole).name(PAYMENTS_ROLE).role(Role.ADMIN).build())
        .putQuota("requests.cpu", "8").putQuota("pods", "100")
        .limits(ContainerLimits.builder().putDefaultLimit("memory", "512Mi").build())
        .build();
  }

  /** A small tenant named {@code team-<i>} with two namespaces and a quota. */
  static Tenant team(int i) {
    return Tenant.builder().name("team-" + i)
        .addNamespaces(Namespace.of("team-" + i + "-dev"), Namespace.of("team-" + i + "-prod"))
        .putQuota("pods", "10")
        .addMembers(Member.builder().kind(MemberKind.Group).name("team-" + i).role(Role.EDIT).build())
        .build();
  }
}
