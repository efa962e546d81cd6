package dev.platformkit.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.platformkit.Violation;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantConflictTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/teams/a/oncall";
  private static final String SAME_ROLE_OTHER_PATH = "arn:aws:iam::123456789012:role/platform/OnCall";
  private static final Set<IamAccess> ACCESS_ENTRIES = EnumSet.of(IamAccess.ACCESS_ENTRIES);
  private static final Set<IamAccess> AWS_AUTH = EnumSet.of(IamAccess.AWS_AUTH_CONFIGMAP);
  private static final Set<IamAccess> EVERY_MODE = EnumSet.allOf(IamAccess.class);

  private static Tenant tenant(String name, List<String> namespaces, String... roles) {
    Tenant.Builder b = Tenant.builder().name(name);
    namespaces.forEach(ns -> b.addNamespaces(Namespace.of(ns)));
    for (String role : roles) {
      b.addMembers(Member.builder().kind(MemberKind.IamRole).name(role).build());
    }
    return b.build();
  }

  @Test
  void aNamespaceClaimedByTwoTenantsIsReportedAtTheLaterOne() {
    List<Tenant> tenants = List.of(tenant("a", List.of("a-dev", "shared")), tenant("b", List.of("shared")));

    assertThat(TenantConflict.find(tenants, ACCESS_ENTRIES)).singleElement().satisfies(c -> {
      assertThat(c.tenant()).isEqualTo(1);
      assertThat(c.path()).isEqualTo("namespaces[0]");
      assertThat(c.other()).isEqualTo(0);
      assertThat(c.otherPath()).isEqualTo("namespaces[1]");
      assertThat(c.violation()).isEqualTo(Violation.of("namespaces[0]", "namespace \"shared\" is claimed by tenants \"a\" and \"b\""));
      assertThat(c.message("a.yaml:8:5")).isEqualTo("namespace \"shared\" is also claimed by tenant \"a\" (a.yaml:8:5)");
      assertThat(c.message(null)).isEqualTo(c.message());
    });
  }

  @Test
  void theNamespaceNamedAfterATenantWithoutNamespacesCountsAndIsAtItsName() {
    List<Tenant> tenants = List.of(tenant("a", List.of()), tenant("b", List.of("a")), tenant("a-dev", List.of()),
        tenant("c", List.of("a-dev")));

    assertThat(TenantConflict.find(tenants, ACCESS_ENTRIES))
        .extracting(TenantConflict::tenant, TenantConflict::path, TenantConflict::other, TenantConflict::otherPath, c -> c.message("X"))
        .containsExactly(
            tuple(1, "namespaces[0]", 0, "name", "namespace \"a\" is also claimed by tenant \"a\" as its default namespace (X)"),
            tuple(3, "namespaces[0]", 2, "name", "namespace \"a-dev\" is also claimed by tenant \"a-dev\" as its default namespace (X)"));
    assertThat(TenantConflict.find(List.of(tenant("b", List.of("a")), tenant("a", List.of())), ACCESS_ENTRIES))
        .extracting(TenantConflict::path, c -> c.message("X"))
        .containsExactly(tuple("name", "the tenant lists no namespaces, so it gets one named after it: namespace \"a\","
            + " which is also claimed by tenant \"b\" (X)"));
  }

  @Test
  void aTenantGivenTwiceIsReportedByItsNameNotByItsNamespaces() {
    Tenant a = tenant("a", List.of("a-dev"), ROLE);

    assertThat(TenantConflict.find(List.of(a, a), ACCESS_ENTRIES).get(0).message("a.yaml:4:9"))
        .isEqualTo("tenant \"a\" is also given (a.yaml:4:9)");
    assertThat(TenantConflict.find(List.of(a, a), ACCESS_ENTRIES)).extracting(TenantConflict::violation).containsExactly(
        Violation.of("name", "tenant \"a\" is given twice"),
        Violation.of("members[0]", "IAM role " + ROLE + " is also given by tenant a members[0]; an IAM role gets one"
            + " mapping per cluster, so give it to one tenant with one role"));
  }

  @Test
  void withAccessEntriesRolesAreComparedByTheirExactArn() {
    List<Tenant> tenants = List.of(tenant("a", List.of(), ROLE), tenant("b", List.of(), SAME_ROLE_OTHER_PATH, ROLE));

    assertThat(TenantConflict.find(tenants, ACCESS_ENTRIES)).singleElement().satisfies(c -> {
      assertThat(c.violation()).isEqualTo(Violation.of("members[1]", "IAM role " + ROLE + " is also given by tenant a"
          + " members[0]; an IAM role gets one mapping per cluster, so give it to one tenant with one role"));
      assertThat(c.message("a.yaml:10:5")).isEqualTo("IAM role " + ROLE + " is also given by tenant \"a\" (a.yaml:10:5);"
          + " an IAM role gets one mapping per cluster, so give it to one tenant with one role");
    });
  }

  @Test
  void withAwsAuthRolesDifferingOnlyInPathOrCaseAreOneRoleInOneTenantOrTwo() {
    String pathless = "; aws-auth matches roles without their path and case, and IAM role names are unique in an account"
        + " whatever both: these name one role, and an IAM role gets one mapping per cluster, so give it to one tenant with one role";
    List<Tenant> twoTenants = List.of(tenant("a", List.of(), ROLE), tenant("b", List.of(), SAME_ROLE_OTHER_PATH));
    List<Tenant> oneTenant = List.of(tenant("a", List.of(), ROLE, SAME_ROLE_OTHER_PATH));

    assertThat(TenantConflict.find(twoTenants, AWS_AUTH)).extracting(TenantConflict::violation).containsExactly(
        Violation.of("members[0]", "IAM role " + SAME_ROLE_OTHER_PATH + " is also given by tenant a members[0] as " + ROLE + pathless));
    assertThat(TenantConflict.find(twoTenants, EVERY_MODE)).singleElement()
        .satisfies(c -> assertThat(c.message("a.yaml:10:5")).isEqualTo("IAM role " + SAME_ROLE_OTHER_PATH
            + " is also given by tenant \"a\" as " + ROLE + " (a.yaml:10:5)" + pathless));
    assertThat(TenantConflict.find(oneTenant, AWS_AUTH)).extracting(TenantConflict::tenant, TenantConflict::path, TenantConflict::otherPath)
        .containsExactly(tuple(0, "members[1]", "members[0]"));
    assertThat(TenantConflict.find(twoTenants, ACCESS_ENTRIES)).isEmpty();
    assertThat(TenantConflict.find(oneTenant, ACCESS_ENTRIES)).isEmpty();
  }

  @Test
  void anExactClashIsReportedOnceInEveryModeAndOtherAccountsAreOtherRoles() {
    List<Tenant> tenants = List.of(tenant("a", List.of(), ROLE),
        tenant("b", List.of(), ROLE, "arn:aws:iam::210987654321:role/teams/a/oncall", "arn:aws-cn:iam::123456789012:role/oncall"));

    assertThat(TenantConflict.find(tenants, EVERY_MODE)).extracting(TenantConflict::path, TenantConflict::message)
        .containsExactly(tuple("members[0]", "IAM role " + ROLE + " is also given by tenant a members[0]; an IAM role gets one"
            + " mapping per cluster, so give it to one tenant with one role"));
  }

  @Test
  void tenantsSharingNothingDoNotConflictAndModesMustBeGiven() {
    List<Tenant> tenants = List.of(tenant("a", List.of("a-dev"), ROLE), tenant("b", List.of("b-dev"),
        "arn:aws:iam::123456789012:role/teams/b/b-oncall"));

    assertThat(TenantConflict.find(tenants, EVERY_MODE)).isEmpty();
    assertThat(TenantConflict.find(List.of(), EVERY_MODE)).isEmpty();
    assertThatThrownBy(() -> TenantConflict.find(tenants, Set.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("modes");
  }
}
