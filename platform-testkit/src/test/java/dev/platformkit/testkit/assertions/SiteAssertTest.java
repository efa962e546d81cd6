package dev.platformkit.testkit.assertions;

import static dev.platformkit.testkit.assertions.PlatformAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.site.Component;
import dev.platformkit.site.Dns;
import dev.platformkit.site.Environment;
import dev.platformkit.site.Site;
import dev.platformkit.site.Source;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.InMemoryPlatform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiteAssertTest {
  private static final Site SHOP = Site.builder().name("shop").tenant("shop").environment(Environment.PRODUCTION)
      .addHosts("shop.example.com")
      .addComponents(Component.of("web", Source.builder().repoURL("https://github.com/acme/shop.git").targetRevision("main").path("chart").build()))
      .dns(Dns.zone("example.com"))
      .build();

  private final InMemoryPlatform memory = InMemoryPlatform.create();

  @BeforeEach
  void applySite() {
    memory.world().installArgoCd();
    memory.platform().tenants().apply(Tenant.builder().name("shop").addHostnames("shop.example.com").build());
    memory.platform().sites().apply(SHOP);
  }

  @Test
  void passesOnWhatTheSiteOwns() {
    assertThat(memory).site("shop")
        .hasApplications("shop-web")
        .hasDnsRecord("shop.example.com", "A")
        .hasDnsRecord("shop.example.com", "AAAA")
        .hasIssuedCertificateFor("shop.example.com");
  }

  @Test
  void failuresSayWhatTheSiteHas() {
    assertThatThrownBy(() -> assertThat(memory).site("shop").hasApplications("shop-api"))
        .hasMessage("Expecting site shop to have the Applications [shop-api], but it has [shop-web]");
    assertThatThrownBy(() -> assertThat(memory).site("shop").hasDnsRecord("www.example.com", "A"))
        .hasMessageContaining("to own the DNS record www.example.com A, but it owns: ")
        .hasMessageContaining("shop.example.com AAAA");
    assertThatThrownBy(() -> assertThat(memory).site("shop").hasIssuedCertificateFor("www.example.com"))
        .hasMessageContaining("an issued certificate for [www.example.com], but it owns: [[shop.example.com] ISSUED]");
    assertThatThrownBy(() -> assertThat(memory).site("shop").isGone())
        .hasMessageStartingWith("Expecting nothing owned by site shop to be left, but found: ");
  }

  @Test
  void isGoneOnceTheSiteIsDeleted() {
    memory.platform().sites().delete(SHOP);

    assertThat(memory).site("shop").isGone();
    assertThat(memory).site("other").isGone();
  }
}
