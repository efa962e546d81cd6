package dev.platformkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.ValidationException;
import dev.platformkit.tenant.IamAccess;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules that span several tenants or depend on the configured backends. */
class TenantsPlanningTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/teams/a/oncall";

  private static Tenant tenant(String name, String roleArn, Role role) {
    return Tenant.builder().name(name)
        .addMembers(Member.builder().kind(MemberKind.IamRole).name(roleArn).role(role).build()).build();
  }

  @Test
  void deletingWithoutTheAwsBackendWouldLeaveAccessEntriesSoItIsRefused() {
    InMemoryPlatform memory = InMemoryPlatform.create();
    Tenant t = tenant("alpha", ROLE, Role.ADMIN);
    memory.platform().tenants().apply(t);
    Platform kubernetesOnly = Platform.builder().kubernetes(memory.kubernetes()).build();

    assertThatThrownBy(() -> kubernetesOnly.tenants().planDelete(t))
        .isInstanceOf(ValidationException.class).hasMessageContaining("would leave the tenant's access entries behind");
    assertThat(memory.aws().all()).hasSize(1);
  }

  @Test
  void anIamRoleBelongsToOneTenant() {
    InMemoryPlatform memory = InMemoryPlatform.create();

    assertThatThrownBy(() -> memory.platform().tenants().plan(List.of(tenant("alpha", ROLE, Role.ADMIN), tenant("beta", ROLE, Role.VIEW))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("is also given by tenant alpha members[0]");
  }

  @Test
  void inAwsAuthModeRolesDifferingOnlyInPathOrCaseAreTheSameRole() {
    InMemoryPlatform memory = InMemoryPlatform.of(InMemoryStore.kubernetes(), InMemoryStore.aws(),
        IamAccess.AWS_AUTH_CONFIGMAP, dev.platformkit.ProgressListener.NONE);
    Tenant both = Tenant.builder().name("alpha")
        .addMembers(Member.builder().kind(MemberKind.IamRole).name(ROLE).role(Role.ADMIN).build(),
            Member.builder().kind(MemberKind.IamRole).name("arn:aws:iam::123456789012:role/teams/b/OnCall").role(Role.VIEW).build())
        .build();

    assertThatThrownBy(() -> memory.platform().tenants().plan(both))
        .isInstanceOf(ValidationException.class).hasMessageContaining("members[1]");
    // with access entries they are two different principals
    assertThat(InMemoryPlatform.create().platform().tenants().plan(both).changes())
        .filteredOn(c -> c.target().kind().equals("AccessEntry")).hasSize(2);
  }

  @Test
  void anObjectWantedTwiceIsRefusedBeforeAnyWrite() {
    InMemoryPlatform memory = InMemoryPlatform.create();
    Tenant alpha = Tenant.builder().name("alpha").build();
    // two tenants cannot claim one namespace (checked with the specs); the engine guards the rest
    assertThatThrownBy(() -> memory.platform().tenants().plan(List.of(alpha, alpha)))
        .isInstanceOf(PlatformException.class).hasMessageContaining("given twice");
    assertThat(memory.kubernetes().all()).isEmpty();
  }
}
