package com.example.onboarding;

import static dev.platformkit.testkit.assertions.PlatformAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.ConflictException;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.ResourceRef;
import dev.platformkit.ValidationException;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.Fault;
import dev.platformkit.testkit.Faults;
import dev.platformkit.testkit.InMemoryPlatform;
import dev.platformkit.testkit.Operation;
import dev.platformkit.testkit.junit.PlatformTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tool's tests, written only against the testkit: an in-memory platform injected by {@code @PlatformTest}. */
@PlatformTest
class OnboardingTest {

  @Test
  void previewWritesNothing(Platform platform, InMemoryPlatform memory) {
    Plan plan = new Onboarding(platform).preview("payments", "payments-devs");

    assertThat(plan).creates("Namespace payments-dev").creates("Namespace payments-stage")
        .creates("RoleBinding payments-dev/platformkit-edit").creates("ResourceQuota payments-stage/platformkit");
    assertThat(memory.kubernetes().all()).isEmpty();
  }

  @Test
  void onboardingCreatesTheNamespacesAndIsANoOpTheSecondTime(Platform platform, InMemoryPlatform memory) {
    Onboarding onboarding = new Onboarding(platform);

    assertThat(onboarding.onboard("payments", "payments-devs").isNoop()).isFalse();
    assertThat(memory).tenant("payments").hasNamespaces("payments-dev", "payments-stage")
        .hasQuota("requests.cpu", "8").hasQuota("limits.memory", "32Gi")
        .hasBinding("platformkit-edit", "group:payments-devs").hasNoBinding("platformkit-admin");
    assertThat(onboarding.preview("payments", "payments-devs")).hasNoChanges();
    assertThat(onboarding.onboard("payments", "payments-devs").isNoop()).isTrue();
  }

  @Test
  void aConflictWhileCreatingIsRetried(Platform platform, InMemoryPlatform memory, Faults faults) {
    new Onboarding(platform).onboard("payments", "payments-devs");
    memory.kubernetes().clear();   // someone deleted everything: the next onboarding creates it again
    faults.failNext(2, Operation.CREATE, "ResourceQuota", Fault.conflict());

    new Onboarding(platform).onboard("payments", "payments-devs");

    assertThat(faults.injected()).isEqualTo(2);
    assertThat(memory).tenant("payments").hasQuota("requests.cpu", "8");
  }

  @Test
  void aTimeoutTakesItsTimeAndIsRetried(Platform platform, InMemoryPlatform memory, Faults faults) {
    faults.failNext(1, Operation.LIST, Fault.timeout(Duration.ofSeconds(5)));

    new Onboarding(platform).onboard("payments", "payments-devs");

    assertThat(faults.injected()).isEqualTo(1);
    assertThat(memory.clock().instant()).isAfterOrEqualTo(FakeClock.standard().instant().plusSeconds(5));
    assertThat(memory).tenant("payments").hasNamespaces("payments-dev", "payments-stage");
  }

  @Test
  void aConflictThatDoesNotGoAwayIsReported(Platform platform, Faults faults) {
    faults.failNextWrites(100, Fault.conflict());

    assertThatThrownBy(() -> new Onboarding(platform).onboard("payments", "payments-devs"))
        .isInstanceOf(ConflictException.class).hasMessageContaining("create of Namespace payments-dev");
  }

  @Test
  void aBadTeamNameIsRefusedBeforeAnythingIsWritten(Platform platform, InMemoryPlatform memory) {
    assertThatThrownBy(() -> new Onboarding(platform).onboard("Payments Team", "payments-devs"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("name");
    assertThat(memory.kubernetes().all()).isEmpty();
  }

  @Test
  void worksWithoutTheExtensionToo() {
    InMemoryPlatform memory = InMemoryPlatform.create();

    new Onboarding(memory.platform()).onboard("search", "search-devs");

    assertThat(memory).hasObject(ResourceRef.kubernetes("Namespace", "search-dev"));
  }
}
