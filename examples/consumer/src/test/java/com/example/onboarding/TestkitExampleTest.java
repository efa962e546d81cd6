package com.example.onboarding;

// README: begin (the root README's "Test your code with the testkit" shows this region; ReadmeSnippetsTest checks it)
import static dev.platformkit.testkit.assertions.PlatformAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.BackendException;
import dev.platformkit.OwnershipException;
import dev.platformkit.Platform;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.Fault;
import dev.platformkit.testkit.Faults;
import dev.platformkit.testkit.InMemoryPlatform;
import dev.platformkit.testkit.Operation;
import dev.platformkit.testkit.junit.PlatformTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@PlatformTest
class TestkitExampleTest {
  Platform platform;          // a fresh in-memory platform for each test
  InMemoryPlatform memory;    // its state, for assertions and snapshots
  Faults faults;              // what its calls do: fail, take time
  FakeClock clock;            // its time, moved only by the test (and by retries' waits)

  @Test
  void onboardsATeamOnce() {
    new Onboarding(platform).onboard("payments", "payments-devs");

    assertThat(memory).tenant("payments").hasNamespaces("payments-dev", "payments-stage")
        .hasQuota("requests.cpu", "8").hasBinding("platformkit-edit", "group:payments-devs");
    assertThat(new Onboarding(platform).preview("payments", "payments-devs")).hasNoChanges();
  }

  @Test
  void retriesThrottlingAndGivesUpOnAnOutage() {
    faults.failNext(2, Operation.CREATE, "Namespace", Fault.throttling());
    faults.slowDown(Operation.LIST, Duration.ofMillis(300));

    new Onboarding(platform).onboard("payments", "payments-devs");

    assertThat(memory).tenant("payments").hasNamespaces("payments-dev", "payments-stage");
    assertThat(faults.injected()).isEqualTo(2);
    assertThat(clock.instant()).isAfter(FakeClock.standard().instant());

    faults.failNextWrites(10, Fault.status(503));
    assertThatThrownBy(() -> new Onboarding(platform).onboard("search", "search-devs"))
        .isInstanceOf(BackendException.class).hasMessageContaining("HTTP 503");
  }

  @Test
  @PlatformTest(state = "argo-owns-payments-dev.yaml")   // a state document on the test classpath
  void neverTakesOverANamespaceSomeoneElseOwns() {
    assertThatThrownBy(() -> new Onboarding(platform).onboard("payments", "payments-devs"))
        .isInstanceOf(OwnershipException.class).hasMessageContaining("managed-by=argocd");
    assertThat(memory).tenant("payments").hasNamespaces();
  }

  @Test
  void savesAndRestoresItsState(@TempDir Path dir) {
    new Onboarding(platform).onboard("payments", "payments-devs");
    memory.snapshot(dir.resolve("onboarded.yaml"));   // JSON for any other name; written atomically

    InMemoryPlatform restored = InMemoryPlatform.restore(dir.resolve("onboarded.yaml"));

    assertThat(restored).tenant("payments").hasNamespaces("payments-dev", "payments-stage");
    assertThat(new Onboarding(restored.platform()).preview("payments", "payments-devs")).hasNoChanges();
  }
}
// README: end
