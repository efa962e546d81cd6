package dev.platformkit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.Platform;
import dev.platformkit.ResourceRef;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.InMemoryPlatform;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InMemoryPlatformExtension.class)
class InMemoryPlatformExtensionTest {

  @Test
  void injectsOnePlatformPerTest(Platform platform, InMemoryPlatform memory, FakeClock clock) {
    platform.tenants().apply(Tenant.builder().name("team-a").build());

    assertThat(memory.platform()).isSameAs(platform);
    assertThat(memory.clock()).isSameAs(clock);
    assertThat(dev.platformkit.testkit.StoreClient.of(memory.kubernetes()).get(ResourceRef.kubernetes("Namespace", "team-a"))).isPresent();
    clock.advance(Duration.ofHours(1));
    assertThat(platform.clock().instant()).isEqualTo(FakeClock.standard().instant().plus(Duration.ofHours(1)));
  }

  @Test
  void startsEmptyInEveryTest(InMemoryPlatform memory) {
    assertThat(memory.kubernetes().all()).isEmpty();
  }
}
