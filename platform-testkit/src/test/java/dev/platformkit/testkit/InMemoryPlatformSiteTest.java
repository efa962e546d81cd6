package dev.platformkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.Platform;
import dev.platformkit.WaitTimeoutException;
import dev.platformkit.site.Component;
import dev.platformkit.site.Dns;
import dev.platformkit.site.Environment;
import dev.platformkit.site.Site;
import dev.platformkit.site.SiteObjects;
import dev.platformkit.site.Source;
import dev.platformkit.spi.Resource;
import dev.platformkit.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link InMemoryPlatform} applies sites end to end: its {@code SiteWorld} issues certificates and makes load balancers. */
class InMemoryPlatformSiteTest {
  static final Site SITE = Site.builder().name("shop").tenant("shop").environment(Environment.PRODUCTION)
      .addHosts("shop.example.com")
      .addComponents(Component.of("web", Source.builder().repoURL("https://github.com/acme/shop.git").targetRevision("main").path("chart").build()))
      .dns(Dns.zone("shop.example.com"))
      .build();

  @Test
  void aSiteAppliesOnTheInMemoryPlatformAndTheClockShowsHowLongTheWorldTook() {
    InMemoryPlatform memory = InMemoryPlatform.create();
    memory.world().installArgoCd();
    Platform platform = memory.platform();
    platform.tenants().apply(Tenant.builder().name("shop").addHostnames("shop.example.com").build());
    Instant start = memory.clock().instant();

    platform.sites().apply(SITE);

    // issued two minutes after its validation record exists; the load balancer one minute after the Application
    Duration took = Duration.between(start, memory.clock().instant());
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMinutes(3)).isLessThan(Duration.ofMinutes(4));
    Resource ingress = memory.kubernetes().list(SiteObjects.INGRESS, Map.of()).get(0);
    assertThat(String.valueOf(ingress.body().get("status"))).matches(".*hostname=k8s-site[a-z0-9]*-[0-9a-f]{10}\\.eu-west-1\\.elb\\.amazonaws\\.com.*");
    assertThat(platform.sites().plan(SITE).isEmpty()).isTrue();
  }

  @Test
  void theWorldCanBeToldNeverToIssueSoApplyTimesOut() {
    InMemoryPlatform memory = InMemoryPlatform.create();
    memory.world().installArgoCd().issuing(false);
    memory.platform().tenants().apply(Tenant.builder().name("shop").addHostnames("shop.example.com").build());

    assertThatThrownBy(() -> memory.platform().sites().apply(SITE)).isInstanceOf(WaitTimeoutException.class);

    memory.world().issuing(true);
    memory.platform().sites().apply(SITE);
    assertThat(memory.kubernetes().list(SiteObjects.APPLICATION, Map.of())).hasSize(1);
  }
}
