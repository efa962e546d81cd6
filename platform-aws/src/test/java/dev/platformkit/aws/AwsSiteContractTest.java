package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.Platform;
import dev.platformkit.site.Component;
import dev.platformkit.site.Dns;
import dev.platformkit.site.Environment;
import dev.platformkit.site.Site;
import dev.platformkit.site.SiteObjects;
import dev.platformkit.site.SiteTimeouts;
import dev.platformkit.site.Sites;
import dev.platformkit.site.Source;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.InMemoryStore;
import dev.platformkit.testkit.aws.FakeAcmClient;
import dev.platformkit.testkit.aws.FakeRoute53Client;
import dev.platformkit.testkit.contract.SiteContract;
import dev.platformkit.testkit.sim.SiteWorld;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The site contract with AWS through {@link AwsBackend} on the ACM and Route53 fakes (the fake ACM issues once
 * the validation records exist in the fake Route53), Kubernetes in memory with the testkit's {@link SiteWorld}
 * playing Argo CD and the load balancer controller; the load balancers' use of certificates is told to the
 * fake ACM as the Ingresses name them.
 */
class AwsSiteContractTest extends SiteContract {
  // the fake Route53 of the last world made (JUnit makes one instance per test)
  private FakeRoute53Client lastRoute53;

  // the fake Route53 of the last world made, for tests that count its calls
  FakeRoute53Client route53() {
    return lastRoute53;
  }

  @Override
  protected World world() {
    FakeClock clock = FakeClock.standard();
    FakeRoute53Client route53 = new FakeRoute53Client(clock).addZone(ZONE_ID, ZONE);
    lastRoute53 = route53;
    FakeAcmClient acm = new FakeAcmClient(clock, route53, "eu-west-1", "111122223333").issuanceDelay(Duration.ofMinutes(2));
    AwsBackend aws = AwsBackend.builder().acm(acm).route53(route53).build();
    InMemoryStore k8s = InMemoryStore.kubernetes().clock(clock);
    SiteWorld sim = SiteWorld.attach(k8s, InMemoryStore.aws().clock(clock), clock).installArgoCd();
    InMemoryStore green = InMemoryStore.kubernetes().clock(clock);
    sim.addCluster(green);
    return new World() {
      @Override
      public ResourceStore secondCluster() {
        return green;
      }

      @Override
      public ResourceStore kubernetes() {
        return k8s;
      }

      @Override
      public ResourceStore aws() {
        return aws;
      }

      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public void advance(Duration d) {
        clock.advance(d);
        sim.run();
        Map<String, List<String>> users = new HashMap<>();
        for (InMemoryStore cluster : List.of(k8s, green)) {
          for (Resource ingress : cluster.list(SiteObjects.INGRESS, Map.of())) {
            String arn = ingress.annotations().get("alb.ingress.kubernetes.io/certificate-arn");
            if (arn != null) {
              users.computeIfAbsent(arn, a -> new ArrayList<>()).add("arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/"
                  + (cluster == k8s ? "blue" : "green") + "/1");
            }
          }
        }
        acm.setInUse(users);
      }

      @Override
      public void issuing(boolean on) {
        acm.issuanceDelay(on ? Duration.ofMinutes(2) : Duration.ofDays(3650));
      }

      @Override
      public void provisioning(boolean on) {
        sim.provisioning(on);
      }

      @Override
      public String foreignCertificate(List<String> domains) {
        String arn = acm.requestValidatedByOthers("Z0SHOP", domains);
        clock.advance(Duration.ofMinutes(3));
        return arn;
      }

      @Override
      public void foreignRecord(String name, String type, String value) {
        route53.addRecord("Z0SHOP", ResourceRecordSet.builder().name(name).type(type).ttl(300L)
            .resourceRecords(ResourceRecord.builder().value(value).build()).build());
      }
    };
  }

  // --- the hosted zone named by id or by domain: one set of records either way ---

  private static final SiteTimeouts ZONE_TIMEOUTS = new SiteTimeouts(Duration.ofMinutes(30), Duration.ofMinutes(15),
      Duration.ofMinutes(10), Duration.ofSeconds(30));

  private Sites zoneSites(World world) {
    Platform platform = Platform.builder().kubernetes(world.kubernetes()).aws(world.aws()).clock(world.clock())
        .sleeper(world::advance).jitterSeed(3).siteTimeouts(ZONE_TIMEOUTS).build();
    platform.tenants().apply(Tenant.builder().name("shop").addHostnames(ZONE, "*." + ZONE).build());
    return platform.sites();
  }

  private static Site zoneSite(Dns dns) {
    return Site.builder().name("brand").tenant("shop").environment(Environment.PRODUCTION)
        .addHosts("www." + ZONE, ZONE)
        .addComponents(Component.of("storefront", Source.builder().repoURL("https://github.com/acme/storefront.git")
            .targetRevision("main").path("chart").build()))
        .dns(dns)
        .build();
  }

  private static final Dns BY_DOMAIN = Dns.zone(ZONE);
  private static final Dns BY_ID = Dns.builder().hostedZone(ZONE).hostedZoneId("Z0SHOP").build();

  // a second apply plans nothing and writes nothing to Route53
  private void assertSteady(Sites sites, Site site) {
    int writes = lastRoute53.calls(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS);
    assertThat(sites.plan(site).isEmpty()).as(sites.plan(site).render()).isTrue();
    assertThat(sites.apply(site).isNoop()).isTrue();
    assertThat(lastRoute53.calls(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS)).isEqualTo(writes);
  }

  private List<String> recordNames() {
    return lastRoute53.listResourceRecordSets(r -> r.hostedZoneId("Z0SHOP")).resourceRecordSets().stream()
        .map(r -> r.name() + " " + r.typeAsString()).sorted().toList();
  }

  @Test
  void aSiteNamingItsUnambiguousZoneByIdIsSteadyOnTheSecondApply() {
    World world = world();
    Sites sites = zoneSites(world);
    sites.apply(zoneSite(BY_ID));
    List<String> records = recordNames();
    assertThat(records).contains("www." + ZONE + ". A", ZONE + ". AAAA");

    assertSteady(sites, zoneSite(BY_ID));
    assertThat(recordNames()).isEqualTo(records);
  }

  @Test
  void aSiteNamingItsZoneByDomainIsSteadyOnTheSecondApply() {
    World world = world();
    Sites sites = zoneSites(world);
    sites.apply(zoneSite(BY_DOMAIN));

    assertSteady(sites, zoneSite(BY_DOMAIN));
  }

  @Test
  void switchingASiteFromTheZonesDomainToItsIdOrBackChangesNothing() {
    World world = world();
    Sites sites = zoneSites(world);
    sites.apply(zoneSite(BY_DOMAIN));
    List<String> records = recordNames();

    assertSteady(sites, zoneSite(BY_ID));
    assertSteady(sites, zoneSite(BY_DOMAIN));
    assertThat(recordNames()).isEqualTo(records);
  }
}
