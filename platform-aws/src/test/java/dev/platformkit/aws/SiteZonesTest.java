package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.site.Component;
import dev.platformkit.site.Dns;
import dev.platformkit.site.Environment;
import dev.platformkit.site.Site;
import dev.platformkit.site.SiteObjects;
import dev.platformkit.site.SiteTimeouts;
import dev.platformkit.site.Sites;
import dev.platformkit.site.Source;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.ForwardingStore;
import dev.platformkit.testkit.aws.FakeRoute53Client;
import dev.platformkit.testkit.contract.SiteContract.World;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A site reads the records of its own hosted zone only, not of every zone of the account (brands have a
 * domain each: an account has many zones), and moving it to another zone leaves nothing in the old one.
 */
class SiteZonesTest {
  private static final String SHOP = "shop.example.com";
  private static final String OUTLET = "outlet.example.net";
  private static final int OTHER_ZONES = 30;

  private World world;
  private FakeRoute53Client route53;

  @BeforeEach
  void world() {
    AwsSiteContractTest aws = new AwsSiteContractTest();
    world = aws.world();
    route53 = aws.route53().addZone("Z0OUTLET", OUTLET);
    // other brands' zones, each with records of its own
    for (int i = 0; i < OTHER_ZONES; i++) {
      String domain = "brand" + i + ".example.org";
      route53.addZone("Z0BRAND" + i, domain);
      route53.addRecord("Z0BRAND" + i, ResourceRecordSet.builder().name("www." + domain).type("A").ttl(300L)
          .resourceRecords(ResourceRecord.builder().value("192.0.2." + i).build()).build());
    }
  }

  private Platform platform(ResourceStore kubernetes) {
    Platform p = Platform.builder().kubernetes(kubernetes).aws(world.aws()).clock(world.clock()).sleeper(world::advance)
        .siteTimeouts(new SiteTimeouts(Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofSeconds(30)))
        .build();
    p.tenants().apply(Tenant.builder().name("shop").addHostnames(SHOP, "*." + SHOP, OUTLET, "*." + OUTLET).build());
    return p;
  }

  private static Site site(String zone) {
    return Site.builder().name("brand").tenant("shop").environment(Environment.PRODUCTION)
        .addHosts("www." + zone, zone)
        .addComponents(Component.of("web", Source.builder().repoURL("https://github.com/acme/storefront.git")
            .targetRevision("main").path("chart").build()))
        .dns(Dns.zone(zone))
        .build();
  }

  private List<String> records(String zoneId) {
    return route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)).resourceRecordSets().stream()
        .filter(r -> !r.typeAsString().equals("NS") && !r.typeAsString().equals("SOA"))
        .map(r -> r.name() + " " + r.typeAsString()).sorted().toList();
  }

  @Test
  void aSitesPlanAndApplyReadItsOwnZoneOnlyHoweverManyZonesTheAccountHas() {
    Sites sites = platform(world.kubernetes()).sites();
    sites.apply(site(SHOP));
    int listings = route53.calls(FakeRoute53Client.LIST_RESOURCE_RECORD_SETS);
    int zoneListings = route53.calls(FakeRoute53Client.LIST_HOSTED_ZONES);

    assertThat(sites.plan(site(SHOP)).isEmpty()).isTrue();
    assertThat(sites.apply(site(SHOP)).isNoop()).isTrue();

    // per plan: a few reads of one zone, none of the other brands' zones, no listing of every zone
    assertThat(route53.calls(FakeRoute53Client.LIST_RESOURCE_RECORD_SETS) - listings).isLessThan(OTHER_ZONES);
    assertThat(route53.calls(FakeRoute53Client.LIST_HOSTED_ZONES)).isEqualTo(zoneListings).isZero();
    assertThat(world.kubernetes().list(SiteObjects.APPLICATION, Map.of()))
        .allSatisfy(app -> assertThat(app.annotations()).containsEntry(Sites.ZONE_ANNOTATION, "Z0SHOP"));
  }

  @Test
  void aSiteMovedToAnotherZoneLeavesNothingInTheOldOneEvenWhenARunStoppedHalfway() {
    Platform platform = platform(world.kubernetes());
    platform.sites().apply(site(SHOP));
    assertThat(records("Z0SHOP")).contains("www." + SHOP + ". A");

    // the move dies after its first writes to the new zone: the Applications still name the old zone
    AtomicInteger budget = new AtomicInteger(2);
    ResourceStore dying = new ForwardingStore(world.aws()) {
      @Override
      protected void write(Runnable write) {
        if (budget.getAndDecrement() <= 0) {
          throw new PlatformException("the process died before this write", null, false);
        }
        write.run();
      }
    };
    Platform crashing = Platform.builder().kubernetes(world.kubernetes()).aws(dying).clock(world.clock()).sleeper(world::advance)
        .build();
    assertThatThrownBy(() -> crashing.sites().apply(site(OUTLET))).hasMessageContaining("died");
    assertThat(world.kubernetes().list(SiteObjects.APPLICATION, Map.of()))
        .allSatisfy(app -> assertThat(app.annotations()).containsEntry(Sites.ZONE_ANNOTATION, "Z0SHOP"));

    platform.sites().apply(site(OUTLET));

    assertThat(records("Z0SHOP")).noneMatch(r -> r.contains(SHOP) && !r.startsWith("_"));
    assertThat(records("Z0SHOP")).isEmpty();
    assertThat(records("Z0OUTLET")).contains("www." + OUTLET + ". A", OUTLET + ". AAAA");
    assertThat(world.kubernetes().list(SiteObjects.APPLICATION, Map.of()))
        .allSatisfy(app -> assertThat(app.annotations()).containsEntry(Sites.ZONE_ANNOTATION, "Z0OUTLET"));
    assertThat(platform.sites().plan(site(OUTLET)).isEmpty()).as(platform.sites().plan(site(OUTLET)).render()).isTrue();
    assertThat(platform.sites().apply(site(OUTLET)).isNoop()).isTrue();

    platform.sites().delete(site(OUTLET));
    assertThat(records("Z0OUTLET")).isEmpty();
    for (Resource cert : world.aws().list(SiteObjects.CERTIFICATE, Map.of())) {
      assertThat(world.aws().marks().owner(cert.labels())).isEmpty();
    }
    assertThat(Set.copyOf(records("Z0BRAND0"))).containsExactly("www.brand0.example.org. A");
  }
}
