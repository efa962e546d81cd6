package dev.platformkit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.Platform;
import dev.platformkit.ResourceRef;
import dev.platformkit.tenant.IamAccess;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.Fault;
import dev.platformkit.testkit.Faults;
import dev.platformkit.testkit.InMemoryPlatform;
import dev.platformkit.testkit.Operation;
import dev.platformkit.testkit.StoreClient;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@PlatformTest
class PlatformTestTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/oncall";

  InMemoryPlatform memory;
  Platform platform;
  FakeClock clock;
  Faults faults;
  private InMemoryPlatform fromBeforeEach;

  @BeforeEach
  void freshAndAlreadyInjected(InMemoryPlatform given) {
    assertThat(memory).as("fields are set before @BeforeEach methods run").isSameAs(given);
    assertThat(given.kubernetes().all()).as("nothing another test wrote").noneMatch(r -> r.ref().name().startsWith("team-"));
    assertThat(given.faults().pending()).isZero();
    fromBeforeEach = given;
  }

  @AfterEach
  void sameInAfterEach(InMemoryPlatform given) {
    assertThat(given).isSameAs(fromBeforeEach);
  }

  @Test
  void injectsOnePlatformIntoParametersAndFields(InMemoryPlatform m, Platform p, FakeClock c, Faults f) {
    assertThat(m).isSameAs(memory).isSameAs(fromBeforeEach);
    assertThat(p).isSameAs(platform).isSameAs(m.platform());
    assertThat(c).isSameAs(clock).isSameAs(m.clock()).isSameAs(p.clock());
    assertThat(f).isSameAs(faults).isSameAs(m.faults());
    assertThat(clock.instant()).isEqualTo(FakeClock.standard().instant());
  }

  // writes, and leaves a fault unused: the next test's @BeforeEach would see both if it shared the platform
  @Test
  void oneTestWrites() {
    platform.tenants().apply(Tenant.builder().name("team-a").build());
    faults.failNext(1, Operation.DELETE, Fault.conflict());
  }

  @Test
  void anotherTestWrites() {
    platform.tenants().apply(Tenant.builder().name("team-b").build());
    faults.failNext(1, Operation.DELETE, Fault.conflict());
  }

  @Test
  void theInjectedFaultsAreThePlatforms() {
    faults.failNext(1, Operation.CREATE, "Namespace", Fault.throttling());

    platform.tenants().apply(Tenant.builder().name("team-c").build());

    assertThat(faults.injected()).isEqualTo(1);
  }

  @Test
  @PlatformTest(state = "night-state.yaml")
  void startsFromTheFixtureTheMethodNames() {
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-06T23:00:00Z"));
    assertThat(StoreClient.of(memory.kubernetes()).get(ResourceRef.kubernetes("Namespace", "shop-dev"))).isPresent();
    assertThat(memory.kubernetes().all()).hasSize(2);
  }

  @Test
  void withoutSettingsIamRolesGetAccessEntries() {
    platform.tenants().apply(Tenant.builder().name("team-d")
        .addMembers(Member.builder().kind(MemberKind.IamRole).name(ROLE).role(Role.VIEW).build()).build());

    assertThat(memory.aws().all()).hasSize(1);
  }

  @Nested
  class InANestedClass {
    Platform inner;

    @Test
    void theEnclosingInstanceGetsTheSamePlatform(InMemoryPlatform given) {
      assertThat(inner).isSameAs(platform).isSameAs(given.platform());
      assertThat(memory).isSameAs(given);
    }
  }

  @Nested
  @PlatformTest(iamAccess = IamAccess.AWS_AUTH_CONFIGMAP, state = "/dev/platformkit/testkit/junit/night-state.yaml")
  class WithItsOwnSettings {

    @Test
    void takesTheInnermostSettings() {
      platform.tenants().apply(Tenant.builder().name("team-e")
          .addMembers(Member.builder().kind(MemberKind.IamRole).name(ROLE).role(Role.VIEW).build()).build());

      assertThat(memory.aws().all()).as("aws-auth, not access entries").isEmpty();
      assertThat(StoreClient.of(memory.kubernetes()).get(ResourceRef.kubernetes("Namespace", "shop-dev"))).isPresent();
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OneInstanceForAllItsTests {
    private final Set<InMemoryPlatform> seen = new HashSet<>();
    InMemoryPlatform mine;

    @Test
    void first() {
      assertThat(seen.add(mine)).as("a platform of its own, though the instance is shared").isTrue();
    }

    @Test
    void second() {
      assertThat(seen.add(mine)).as("a platform of its own, though the instance is shared").isTrue();
    }
  }
}
