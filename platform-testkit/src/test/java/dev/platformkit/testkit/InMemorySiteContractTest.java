package dev.platformkit.testkit;

import dev.platformkit.ResourceRef;
import dev.platformkit.site.SiteObjects;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.testkit.contract.SiteContract;
import dev.platformkit.testkit.sim.SiteWorld;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The in-memory backends, with the testkit's simulation of ACM and Argo CD around them, pass the site contract. */
class InMemorySiteContractTest extends SiteContract {

  @Override
  protected World world() {
    FakeClock clock = FakeClock.standard();
    InMemoryStore k8s = InMemoryStore.kubernetes().clock(clock);
    InMemoryStore aws = InMemoryStore.aws().clock(clock).hostedZone(ZONE_ID, ZONE);
    SiteWorld sim = SiteWorld.attach(k8s, aws, clock).installArgoCd();
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
      public void advance(Duration duration) {
        clock.advance(duration);
        sim.run();
      }

      @Override
      public void issuing(boolean on) {
        sim.issuing(on);
      }

      @Override
      public void provisioning(boolean on) {
        sim.provisioning(on);
      }

      @Override
      public String foreignCertificate(List<String> domains) {
        String arn = "arn:aws:acm:eu-west-1:" + SiteWorld.ACCOUNT + ":certificate/00000000-0000-0000-0000-" + String.format("%012d", domains.hashCode() & 0xffffff);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("arn", arn);
        status.put("state", sim.isIssuing() ? "ISSUED" : "PENDING_VALIDATION");
        status.put("validationRecords", new TreeSet<>(domains).stream().map(SiteWorld::validationRecord).distinct().toList());
        status.put("inUseBy", List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domainName", domains.get(0));
        body.put("subjectAlternativeNames", List.copyOf(new TreeSet<>(domains)));
        body.put("validationMethod", "DNS");
        body.put("status", status);
        aws.create(SiteObjects.CERTIFICATE, Resource.desired(ResourceRef.aws("Certificate", "imported-" + arn.substring(arn.length() - 6)),
            Map.of("team", "web"), Map.of(), body));
        return arn;
      }

      @Override
      public void foreignRecord(String name, String type, String value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", type);
        body.put("ttl", 300);
        body.put("records", List.of(value));
        aws.create(SiteObjects.DNS_RECORD, Resource.desired(ResourceRef.aws("DnsRecord", ZONE + "/" + name + "/" + type), Map.of(), Map.of(), body));
      }
    };
  }
}
