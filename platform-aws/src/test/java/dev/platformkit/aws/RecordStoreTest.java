package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.BackendException;
import dev.platformkit.Change;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.OwnershipException;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Write;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.aws.FakeRoute53Client;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The Route53 DnsRecord store on the Route53 fake: ownership TXT records, exact deletes, batches, zones, paging. */
class RecordStoreTest {
  static final Kind DNS_RECORD = Kind.aws("DnsRecord");
  static final String LB = "k8s-shop-0123456789.us-east-1.elb.amazonaws.com";

  private final FakeClock clock = FakeClock.standard();
  private final FakeRoute53Client fake = new FakeRoute53Client(clock).addZone("Z1", "example.com");
  private final Recording route53 = new Recording(fake);
  private final AwsBackend backend = AwsBackend.builder().route53(route53).build();

  /** Delegates to the fake and keeps every change batch sent. */
  static final class Recording implements Route53Client {
    final FakeRoute53Client fake;
    final List<ChangeResourceRecordSetsRequest> batches = new ArrayList<>();

    Recording(FakeRoute53Client fake) {
      this.fake = fake;
    }

    @Override
    public ChangeResourceRecordSetsResponse changeResourceRecordSets(ChangeResourceRecordSetsRequest r) {
      batches.add(r);
      return fake.changeResourceRecordSets(r);
    }

    @Override
    public ListResourceRecordSetsResponse listResourceRecordSets(ListResourceRecordSetsRequest r) {
      return fake.listResourceRecordSets(r);
    }

    @Override
    public ListHostedZonesByNameResponse listHostedZonesByName(ListHostedZonesByNameRequest r) {
      return fake.listHostedZonesByName(r);
    }

    @Override
    public ListHostedZonesResponse listHostedZones(ListHostedZonesRequest r) {
      return fake.listHostedZones(r);
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {}
  }

  static Map<String, String> marks(String owner) {
    return Marks.TAGS.of(owner);
  }

  static Resource alias(String zone, String name, String owner) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("type", "A");
    body.put("alias", Map.of("hostedZoneId", "Z35SXDOTRQ7X7K", "dnsName", LB, "evaluateTargetHealth", false));
    return Resource.desired(ResourceRef.aws("DnsRecord", zone + "/" + name + "/A"), marks(owner), Map.of(), body);
  }

  static Resource cname(String zone, String name, String value, String owner) {
    return Resource.desired(ResourceRef.aws("DnsRecord", zone + "/" + name + "/CNAME"), marks(owner), Map.of(),
        Map.of("name", name, "type", "CNAME", "ttl", 300, "records", List.of(value)));
  }

  private Resource get(String name) {
    return backend.get(DNS_RECORD, ResourceRef.aws("DnsRecord", name)).orElseThrow();
  }

  private List<String> recordNames() {
    return fake.records("Z1").stream().map(s -> s.name() + " " + s.typeAsString()).toList();
  }

  private ResourceRecordSet record(String name, String type) {
    return fake.records("Z1").stream().filter(s -> s.name().equals(name) && s.typeAsString().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void aCreateWritesTheRecordAndItsOwnershipTxtInOneBatch() {
    backend.create(DNS_RECORD, alias("Z1", "shop.example.com", "site.shop"));

    assertThat(route53.batches).singleElement().satisfies(b -> assertThat(b.changeBatch().changes())
        .extracting(c -> c.action() + " " + c.resourceRecordSet().name() + " " + c.resourceRecordSet().typeAsString())
        .containsExactly("CREATE shop.example.com. A", "CREATE _platformkit-a.shop.example.com. TXT"));
    assertThat(record("_platformkit-a.shop.example.com.", "TXT").resourceRecords()).extracting(ResourceRecord::value)
        .containsExactly("\"platformkit:managed-by=platformkit,platformkit:owner=site.shop\"");
    Resource read = get("Z1/shop.example.com/A");
    assertThat(read.labels()).isEqualTo(marks("site.shop"));
    assertThat(read.body()).isEqualTo(Map.of("name", "shop.example.com", "type", "A",
        "alias", Map.of("hostedZoneId", "Z35SXDOTRQ7X7K", "dnsName", LB, "evaluateTargetHealth", false)));
    assertThat(backend.list(DNS_RECORD, Marks.TAGS.selector(Set.of("site.shop")))).extracting(r -> r.ref().name())
        .containsExactly("Z1/shop.example.com/A"); // named by zone id, however it was addressed
    assertThat(backend.list(DNS_RECORD, Marks.TAGS.selector(Set.of("site.other")))).isEmpty();
  }

  @Test
  void theTxtOfACnameSitsBelowItAndLabelsRoundTripEscaped() {
    Map<String, String> labels = new LinkedHashMap<>(marks("site.shop"));
    labels.put("platformkit:tenant", "a,b=c \"d\" é");
    Resource desired = cname("Z1", "www.example.com", "shop.example.com", "site.shop");
    backend.create(DNS_RECORD, new Resource(desired.ref(), labels, Map.of(), desired.body(), null));
    assertThat(recordNames()).contains("www.example.com. CNAME", "_platformkit-cname.www.example.com. TXT")
        .doesNotContain("www.example.com. TXT");
    assertThat(get("Z1/www.example.com/CNAME").labels()).isEqualTo(labels);
  }

  @Test
  void recordsWithoutOurTxtAreForeignReadUnlabelledAndNeverWritten() {
    fake.addRecord("Z1", ResourceRecordSet.builder().name("shop.example.com").type("CNAME").ttl(60L)
        .resourceRecords(ResourceRecord.builder().value("legacy.example.net").build()).build());
    Resource foreign = get("Z1/shop.example.com/CNAME");
    assertThat(foreign.labels()).isEmpty();
    assertThat(backend.list(DNS_RECORD, Map.of())).extracting(r -> r.ref().name()).contains("Z1/shop.example.com/CNAME");
    assertThat(backend.list(DNS_RECORD, Marks.TAGS.selector(Set.of("site.shop")))).isEmpty();

    assertThatThrownBy(() -> backend.create(DNS_RECORD, cname("Z1", "shop.example.com", "lb.example.net", "site.shop")))
        .isInstanceOf(OwnershipException.class).hasMessageContaining("has no platformkit ownership record")
        .hasMessageContaining("refusing to create it for site.shop");
    // as if the engine had wrongly believed it ours
    Resource claimed = new Resource(foreign.ref(), marks("site.shop"), Map.of(), foreign.body(), foreign.version());
    assertThatThrownBy(() -> backend.delete(DNS_RECORD, claimed)).isInstanceOf(OwnershipException.class)
        .hasMessageContaining("refusing to delete it");
    assertThatThrownBy(() -> backend.update(DNS_RECORD, claimed, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("ttl", 300)))).isInstanceOf(OwnershipException.class).hasMessageContaining("refusing to change it");
    assertThat(route53.batches).isEmpty();
    assertThat(record("shop.example.com.", "CNAME").ttl()).isEqualTo(60L);
  }

  @Test
  void anotherOwnersRecordIsRefusedNamingTheOwner() {
    backend.create(DNS_RECORD, alias("Z1", "shop.example.com", "site.shop"));
    Resource theirs = get("Z1/shop.example.com/A");
    assertThatThrownBy(() -> backend.create(DNS_RECORD, alias("Z1", "shop.example.com", "site.thief")))
        .isInstanceOf(OwnershipException.class).hasMessageContaining("is owned by site.shop");
    assertThatThrownBy(() -> backend.delete(DNS_RECORD, new Resource(theirs.ref(), marks("site.thief"), Map.of(), theirs.body(),
        theirs.version()))).isInstanceOf(OwnershipException.class);
    assertThat(recordNames()).contains("shop.example.com. A");
  }

  @Test
  void anUpdateIsAnExactDeleteAndACreateInOneBatchAndAStaleReadIsAConflict() {
    backend.create(DNS_RECORD, cname("Z1", "www.example.com", "old.example.net", "site.shop"));
    Resource current = get("Z1/www.example.com/CNAME");
    route53.batches.clear();
    backend.update(DNS_RECORD, current, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("records", List.of("new.example.net"), "ttl", 60)));
    assertThat(route53.batches).singleElement().satisfies(b -> assertThat(b.changeBatch().changes())
        .extracting(c -> c.action() + " " + c.resourceRecordSet().ttl() + " " + c.resourceRecordSet().resourceRecords().get(0).value())
        .containsExactly("DELETE 300 old.example.net", "CREATE 60 new.example.net"));
    assertThat(record("www.example.com.", "CNAME").ttl()).isEqualTo(60L);

    // someone changes the record after our read: the update is a conflict, nothing is written
    Resource read = get("Z1/www.example.com/CNAME");
    fake.changeResourceRecordSets(r -> r.hostedZoneId("Z1").changeBatch(b -> b.changes(c -> c.action(ChangeAction.UPSERT)
        .resourceRecordSet(s -> s.name("www.example.com").type("CNAME").ttl(30L)
            .resourceRecords(ResourceRecord.builder().value("hand.example.net").build())))));
    route53.batches.clear();
    assertThatThrownBy(() -> backend.update(DNS_RECORD, read, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("ttl", 120)))).isInstanceOf(ConflictException.class).hasMessageContaining("changed since it was read");
    assertThat(route53.batches).isEmpty();
  }

  @Test
  void aLabelChangeRewritesOnlyTheTxtAndTheOwnerCanHandTheRecordOver() {
    backend.create(DNS_RECORD, alias("Z1", "shop.example.com", "site.shop"));
    Resource current = get("Z1/shop.example.com/A");
    route53.batches.clear();
    backend.update(DNS_RECORD, current, new ResourceUpdate(Map.of("platformkit:tenant", "web"), Set.of(), Map.of(), Set.of(), Map.of()));
    assertThat(route53.batches).singleElement().satisfies(b -> assertThat(b.changeBatch().changes())
        .extracting(c -> c.action() + " " + c.resourceRecordSet().typeAsString()).containsExactly("DELETE TXT", "CREATE TXT"));
    assertThat(get("Z1/shop.example.com/A").labels()).containsEntry("platformkit:tenant", "web");

    backend.update(DNS_RECORD, get("Z1/shop.example.com/A"), new ResourceUpdate(Map.of("platformkit:owner", "site.other"), Set.of(),
        Map.of(), Set.of(), Map.of()));
    assertThat(Marks.TAGS.owner(get("Z1/shop.example.com/A").labels())).contains("site.other");
    // the old owner's view is stale now: it can no longer touch the record
    assertThatThrownBy(() -> backend.delete(DNS_RECORD, current)).isInstanceOf(OwnershipException.class)
        .hasMessageContaining("owned by site.other");
    assertThatThrownBy(() -> backend.update(DNS_RECORD, get("Z1/shop.example.com/A"), new ResourceUpdate(Map.of(),
        Set.of("platformkit:owner", "platformkit:managed-by"), Map.of(), Set.of(), Map.of())))
        .isInstanceOf(PlatformException.class).hasMessageContaining("without an owner");
  }

  @Test
  void aDeleteRemovesRecordAndTxtExactlyAndAGoneRecordTakesItsLeftoverTxtAlong() {
    backend.create(DNS_RECORD, alias("Z1", "shop.example.com", "site.shop"));
    backend.create(DNS_RECORD, cname("Z1", "www.example.com", "shop.example.com", "site.shop"));
    backend.delete(DNS_RECORD, get("Z1/shop.example.com/A"));
    assertThat(recordNames()).doesNotContain("shop.example.com. A", "_platformkit-a.shop.example.com. TXT");

    Resource www = get("Z1/www.example.com/CNAME");
    fake.changeResourceRecordSets(r -> r.hostedZoneId("Z1").changeBatch(b -> b.changes(c -> c.action(ChangeAction.DELETE)
        .resourceRecordSet(record("www.example.com.", "CNAME")))));
    backend.delete(DNS_RECORD, www); // deleted by hand meanwhile
    assertThat(recordNames()).containsExactly("example.com. NS", "example.com. SOA");
    backend.delete(DNS_RECORD, www); // nothing left: nothing happens
  }

  @Test
  void weightedRecordsHaveOneTxtEach() {
    for (String color : List.of("blue", "green")) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", "api.example.com");
      body.put("type", "CNAME");
      body.put("ttl", 60);
      body.put("records", List.of(color + ".example.net"));
      body.put("setIdentifier", color);
      body.put("weight", color.equals("blue") ? 90 : 10);
      backend.create(DNS_RECORD, Resource.desired(ResourceRef.aws("DnsRecord", "Z1/api.example.com/CNAME/" + color),
          marks("upgrade.prod"), Map.of(), body));
    }
    assertThat(recordNames()).filteredOn(n -> n.startsWith("_platformkit-cname-")).hasSize(2);
    Resource blue = get("Z1/api.example.com/CNAME/blue");
    assertThat(blue.body()).containsEntry("weight", 90L).containsEntry("setIdentifier", "blue");
    backend.update(DNS_RECORD, blue, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of("weight", 0)));
    backend.delete(DNS_RECORD, get("Z1/api.example.com/CNAME/green"));
    assertThat(backend.list(DNS_RECORD, Marks.TAGS.selector(Set.of("upgrade.prod")))).singleElement()
        .satisfies(r -> assertThat(r.body()).containsEntry("weight", 0L));
  }

  @Test
  void batchesHoldAtMostAThousandChangesAndNeverSplitARecordFromItsTxt() {
    List<Write> creates = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      creates.add(new Write(Change.Action.CREATE, null, alias("Z1", "s" + i + ".example.com", "site.s" + i), null));
    }
    backend.write(DNS_RECORD, creates);
    assertThat(route53.batches).extracting(b -> b.changeBatch().changes().size()).containsExactly(1000, 1000, 400);
    assertThat(fake.calls(FakeRoute53Client.LIST_RESOURCE_RECORD_SETS)).isEqualTo(1); // one read of the (empty) zone

    // an update of the value is two changes (exact DELETE + CREATE): 500 per batch
    List<Resource> current = backend.list(DNS_RECORD, Marks.TAGS.selector(Set.of()));
    List<Write> updates = new ArrayList<>();
    for (Resource r : current.subList(0, 600)) {
      updates.add(new Write(Change.Action.UPDATE, r, null, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
          Map.of("alias", Map.of("evaluateTargetHealth", true)))));
    }
    route53.batches.clear();
    backend.write(DNS_RECORD, updates);
    assertThat(route53.batches).extracting(b -> b.changeBatch().changes().size()).containsExactly(1000, 200);

    // with the labels too, four changes, and the TXT values count against the 32,000 value characters of a request
    current = backend.list(DNS_RECORD, Marks.TAGS.selector(Set.of()));
    updates.clear();
    for (Resource r : current.subList(0, 300)) {
      updates.add(new Write(Change.Action.UPDATE, r, null, new ResourceUpdate(Map.of("platformkit:tenant", "web"), Set.of(),
          Map.of(), Set.of(), Map.of("alias", Map.of("evaluateTargetHealth", false)))));
    }
    route53.batches.clear();
    backend.write(DNS_RECORD, updates);
    assertThat(route53.batches).hasSize(2).allSatisfy(b -> {
      assertThat(b.changeBatch().changes().size() % 4).isZero();
      assertThat(b.changeBatch().changes().stream().filter(c -> c.resourceRecordSet().hasResourceRecords())
          .mapToInt(c -> c.resourceRecordSet().resourceRecords().get(0).value().length()).sum()).isLessThanOrEqualTo(32000);
    });
    assertThat(route53.batches.stream().mapToInt(b -> b.changeBatch().changes().size()).sum()).isEqualTo(1200);
    for (ChangeResourceRecordSetsRequest b : route53.batches) {
      List<String> records = b.changeBatch().changes().stream().filter(c -> !c.resourceRecordSet().typeAsString().equals("TXT"))
          .map(c -> c.resourceRecordSet().name()).toList();
      List<String> txts = b.changeBatch().changes().stream().filter(c -> c.resourceRecordSet().typeAsString().equals("TXT"))
          .map(c -> c.resourceRecordSet().name().replace("_platformkit-a.", "")).toList();
      assertThat(txts).isEqualTo(records);
    }
  }

  @Test
  void listingIsOnePagedListingPerZone() {
    List<Write> creates = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      creates.add(new Write(Change.Action.CREATE, null, alias("Z1", "s" + i + ".example.com", "site.s" + (i % 2)), null));
    }
    backend.write(DNS_RECORD, creates);
    fake.resetCalls();
    List<Resource> ours = backend.list(DNS_RECORD, Marks.TAGS.selector(Set.of("site.s1")));
    assertThat(ours).hasSize(200);
    // 802 record sets (400 + 400 TXT + NS + SOA) in pages of 300
    assertThat(fake.calls(FakeRoute53Client.LIST_RESOURCE_RECORD_SETS)).isEqualTo(3);
    assertThat(fake.calls(FakeRoute53Client.LIST_HOSTED_ZONES)).isEqualTo(1);
    assertThat(backend.list(DNS_RECORD, "Z1", Map.of())).extracting(r -> r.ref().name()).contains("Z1/s7.example.com/A");
  }

  @Test
  void everyFormOfAZoneIsCanonicalisedToItsIdAsListedAndReadWithoutACallPerRecord() {
    backend.create(DNS_RECORD, alias("example.com", "a.example.com", "site.a"));
    fake.resetCalls();
    for (String zone : List.of("example.com", "Z1", "/hostedzone/Z1", "hostedzone/Z1")) {
      ResourceRef ref = ResourceRef.aws("DnsRecord", zone + "/a.example.com/A");
      assertThat(backend.canonical(DNS_RECORD, ref).name()).as(zone).isEqualTo("Z1/a.example.com/A");
      assertThat(get(zone + "/a.example.com/A").ref().name()).as(zone).isEqualTo("Z1/a.example.com/A");
    }
    assertThat(backend.canonical(DNS_RECORD, ResourceRef.aws("DnsRecord", "Z1/w.example.com/CNAME/blue")).name())
        .isEqualTo("Z1/w.example.com/CNAME/blue");
    assertThat(fake.calls(FakeRoute53Client.LIST_HOSTED_ZONES_BY_NAME)).isZero(); // resolved by the create
    assertThat(backend.list(DNS_RECORD, "example.com", Map.of())).extracting(r -> r.ref().name()).contains("Z1/a.example.com/A");
    assertThatThrownBy(() -> backend.canonical(DNS_RECORD, ResourceRef.aws("DnsRecord", "Z1/A.example.com/A")))
        .isInstanceOf(PlatformException.class).hasMessageContaining("lower-case");
  }

  @Test
  void zonesAreNamedByIdWithOrWithoutPrefixOrByDomainAndAnAmbiguousDomainIsAnError() {
    backend.create(DNS_RECORD, alias("/hostedzone/Z1", "a.example.com", "site.a"));
    backend.create(DNS_RECORD, alias("example.com", "b.example.com", "site.b"));
    backend.create(DNS_RECORD, alias("Z1", "c.example.com", "site.c"));
    assertThat(get("example.com/a.example.com/A").labels()).isEqualTo(marks("site.a"));
    assertThat(get("/hostedzone/Z1/b.example.com/A").labels()).isEqualTo(marks("site.b"));
    assertThat(fake.calls(FakeRoute53Client.LIST_HOSTED_ZONES_BY_NAME)).isEqualTo(1); // resolved once

    fake.addZone("Z2PRIVATE", "example.com", true);
    AwsBackend fresh = AwsBackend.builder().route53(fake).build();
    assertThatThrownBy(() -> fresh.get(DNS_RECORD, ResourceRef.aws("DnsRecord", "example.com/a.example.com/A")))
        .isInstanceOf(PlatformException.class).hasMessageContaining("Z1").hasMessageContaining("Z2PRIVATE")
        .hasMessageContaining("dns.hostedZoneId");
    assertThat(fresh.list(DNS_RECORD, Marks.TAGS.selector(Set.of("site.a")))).extracting(r -> r.ref().name())
        .containsExactly("Z1/a.example.com/A");
    assertThatThrownBy(() -> fresh.get(DNS_RECORD, ResourceRef.aws("DnsRecord", "example.org/a.example.org/A")))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("no hosted zone named example.org");
  }

  @Test
  void badRefsAndBodiesNameTheField() {
    assertThatThrownBy(() -> backend.get(DNS_RECORD, ResourceRef.aws("DnsRecord", "Z1/Shop.Example.com./A")))
        .hasMessageContaining("lower-case, fully qualified DNS name without the trailing dot");
    assertThatThrownBy(() -> backend.get(DNS_RECORD, ResourceRef.aws("DnsRecord", "Z1/shop.example.com/ALIAS")))
        .hasMessageContaining("record type \"ALIAS\"");
    assertThatThrownBy(() -> backend.get(DNS_RECORD, ResourceRef.aws("DnsRecord", "Z1/_platformkit-a.shop.example.com/TXT")))
        .hasMessageContaining("ownership records");
    Resource noTtl = Resource.desired(ResourceRef.aws("DnsRecord", "Z1/x.example.com/A"), marks("site.x"), Map.of(),
        Map.of("records", List.of("192.0.2.1")));
    assertThatThrownBy(() -> backend.create(DNS_RECORD, noTtl)).hasMessageContaining("body.ttl");
    Resource unowned = Resource.desired(ResourceRef.aws("DnsRecord", "Z1/x.example.com/A"), Map.of(), Map.of(),
        Map.of("ttl", 60, "records", List.of("192.0.2.1")));
    assertThatThrownBy(() -> backend.create(DNS_RECORD, unowned)).hasMessageContaining("owner's marks");
  }

  @Test
  void throttlingAndPriorRequestNotCompleteAreRetryable() {
    fake.throttleNext(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS, 1);
    assertThatThrownBy(() -> backend.create(DNS_RECORD, alias("Z1", "shop.example.com", "site.shop")))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.retryable()).isTrue());
    fake.priorRequestNotCompleteNext(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS, 1);
    assertThatThrownBy(() -> backend.create(DNS_RECORD, alias("Z1", "shop.example.com", "site.shop")))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("PriorRequestNotComplete");
    backend.create(DNS_RECORD, alias("Z1", "shop.example.com", "site.shop"));
    assertThat(recordNames()).contains("shop.example.com. A");
  }
}
