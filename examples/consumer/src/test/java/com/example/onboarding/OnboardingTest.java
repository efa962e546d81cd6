package com.example.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.ResourceRef;
import dev.platformkit.ValidationException;
import dev.platformkit.testkit.InMemoryPlatform;
import dev.platformkit.testkit.StoreClient;
import dev.platformkit.testkit.junit.InMemoryPlatformExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tool's tests, written only against the testkit: an in-memory platform injected by its JUnit extension. */
@ExtendWith(InMemoryPlatformExtension.class)
class OnboardingTest {

  @Test
  void previewWritesNothing(Platform platform, InMemoryPlatform memory) {
    Plan plan = new Onboarding(platform).preview("payments", "payments-devs");

    assertThat(plan.isEmpty()).isFalse();
    assertThat(plan.render()).contains("Namespace payments-dev").contains("Namespace payments-stage");
    assertThat(memory.kubernetes().all()).isEmpty();
  }

  @Test
  void onboardingCreatesTheNamespacesAndIsANoOpTheSecondTime(Platform platform, InMemoryPlatform memory) {
    Onboarding onboarding = new Onboarding(platform);

    assertThat(onboarding.onboard("payments", "payments-devs").isNoop()).isFalse();
    StoreClient k8s = StoreClient.of(memory.kubernetes());
    assertThat(k8s.get(ResourceRef.kubernetes("Namespace", "payments-dev"))).isPresent();
    assertThat(k8s.get(ResourceRef.kubernetes("Namespace", "payments-stage"))).isPresent();
    assertThat(onboarding.preview("payments", "payments-devs").isEmpty()).isTrue();
    assertThat(onboarding.onboard("payments", "payments-devs").isNoop()).isTrue();
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

    assertThat(StoreClient.of(memory.kubernetes()).get(ResourceRef.kubernetes("Namespace", "search-dev"))).isPresent();
  }
}
