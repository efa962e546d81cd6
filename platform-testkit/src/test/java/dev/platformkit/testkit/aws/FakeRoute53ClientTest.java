package dev.platformkit.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.testkit.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

class FakeRoute53ClientTest {
  private final FakeClock clock = FakeClock.standard();
  private final FakeRoute53Client r53 = new FakeRoute53Client(clock).addZone("Z1", "example.com");

  private static ResourceRecordSet a(String name, long ttl, String... ips) {
    return ResourceRecordSet.builder().name(name).type("A").ttl(ttl)
        .resourceRecords(java.util.Arrays.stream(ips).map(v -> ResourceRecord.builder().value(v).build()).toList()).build();
  }

  private static Change change(ChangeAction action, ResourceRecordSet set) {
    return Change.builder().action(action).resourceRecordSet(set).build();
  }

  private void send(String zone, Change... changes) {
    r53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(changes)));
  }

  private List<String> names() {
    return r53.records("Z1").stream().map(s -> s.name() + " " + s.typeAsString()).toList();
  }

  @Test
  void createOfAnExistingRecordFailsTheWholeBatchAndWritesNothing() {
    send("Z1", change(ChangeAction.CREATE, a("www.example.com", 300, "192.0.2.1")));
    assertThatThrownBy(() -> send("Z1", change(ChangeAction.CREATE, a("api.example.com", 60, "192.0.2.2")),
        change(ChangeAction.CREATE, a("WWW.example.com.", 300, "192.0.2.9"))))
        .isInstanceOf(InvalidChangeBatchException.class)
        .satisfies(e -> assertThat(((Route53Exception) e).statusCode()).isEqualTo(400))
        .hasMessageContaining("Tried to create resource record set [name='www.example.com.', type='A'] but it already exists");
    assertThat(names()).containsExactly("example.com. NS", "example.com. SOA", "www.example.com. A");
  }

  @Test
  void deleteMustMatchTtlAndValuesExactlyButNotTheirOrder() {
    send("Z1", change(ChangeAction.CREATE, a("www.example.com", 300, "192.0.2.1", "192.0.2.2")));
    assertThatThrownBy(() -> send("Z1", change(ChangeAction.DELETE, a("www.example.com", 60, "192.0.2.1", "192.0.2.2"))))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("values provided do not match the current values");
    assertThatThrownBy(() -> send("Z1", change(ChangeAction.DELETE, a("www.example.com", 300, "192.0.2.1"))))
        .isInstanceOf(InvalidChangeBatchException.class);
    assertThatThrownBy(() -> send("Z1", change(ChangeAction.DELETE, a("api.example.com", 300, "192.0.2.1"))))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("but it was not found");
    send("Z1", change(ChangeAction.DELETE, a("www.example.com", 300, "192.0.2.2", "192.0.2.1")));
    assertThat(names()).doesNotContain("www.example.com. A");
  }

  @Test
  void deleteThenCreateInOneBatchReplacesAndUpsertWritesEither() {
    send("Z1", change(ChangeAction.CREATE, a("www.example.com", 300, "192.0.2.1")));
    send("Z1", change(ChangeAction.DELETE, a("www.example.com", 300, "192.0.2.1")),
        change(ChangeAction.CREATE, a("www.example.com", 60, "192.0.2.7")));
    send("Z1", change(ChangeAction.UPSERT, a("api.example.com", 60, "192.0.2.8")));
    assertThat(r53.records("Z1")).filteredOn(s -> s.name().equals("www.example.com.")).singleElement()
        .satisfies(s -> assertThat(s.ttl()).isEqualTo(60L));
    assertThat(names()).contains("api.example.com. A");
  }

  @Test
  void cnameCannotShareItsNameWithOtherTypes() {
    send("Z1", change(ChangeAction.CREATE, a("www.example.com", 300, "192.0.2.1")));
    ResourceRecordSet cname = ResourceRecordSet.builder().name("www.example.com").type("CNAME").ttl(300L)
        .resourceRecords(ResourceRecord.builder().value("lb.example.net").build()).build();
    assertThatThrownBy(() -> send("Z1", change(ChangeAction.CREATE, cname)))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("conflicting RRSet of type A");
    send("Z1", change(ChangeAction.CREATE, cname.toBuilder().name("shop.example.com").build()));
    ResourceRecordSet txt = ResourceRecordSet.builder().name("shop.example.com").type("TXT").ttl(300L)
        .resourceRecords(ResourceRecord.builder().value("\"x\"").build()).build();
    assertThatThrownBy(() -> send("Z1", change(ChangeAction.CREATE, txt))).isInstanceOf(InvalidChangeBatchException.class);
  }

  @Test
  void recordSetRulesAreChecked() {
    ResourceRecordSet alias = ResourceRecordSet.builder().name("shop.example.com").type("A").aliasTarget(AliasTarget.builder()
        .hostedZoneId("Z35SXDOTRQ7X7K").dnsName("k8s-shop-1.us-east-1.elb.amazonaws.com").evaluateTargetHealth(false).build()).build();
    assertThatThrownBy(() -> send("Z1", change(ChangeAction.CREATE, alias.toBuilder().ttl(60L).build())))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("Expected exactly one of");
    assertThatThrownBy(() -> send("Z1", change(ChangeAction.CREATE, a("www.example.org", 60, "192.0.2.1"))))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("is not permitted in zone example.com.");
    assertThatThrownBy(() -> send("Z1", change(ChangeAction.CREATE, ResourceRecordSet.builder().name("t.example.com").type("TXT")
        .ttl(60L).resourceRecords(ResourceRecord.builder().value("unquoted").build()).build())))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("enclosed in quotation marks");
    assertThatThrownBy(() -> send("Z1", change(ChangeAction.CREATE, a("w.example.com", 60, "192.0.2.1").toBuilder().setIdentifier("blue").build())))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("Missing field 'Weight'");
    // weighted sets live next to each other, never next to a simple one
    send("Z1", change(ChangeAction.CREATE, a("w.example.com", 60, "192.0.2.1").toBuilder().setIdentifier("blue").weight(90L).build()),
        change(ChangeAction.CREATE, a("w.example.com", 60, "192.0.2.2").toBuilder().setIdentifier("green").weight(10L).build()),
        change(ChangeAction.CREATE, alias));
    assertThatThrownBy(() -> send("Z1", change(ChangeAction.CREATE, a("w.example.com", 60, "192.0.2.3"))))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("weighted set exists");
    List<Change> tooMany = new ArrayList<>();
    for (int i = 0; i <= FakeRoute53Client.MAX_CHANGES; i++) {
      tooMany.add(change(ChangeAction.CREATE, a("h" + i + ".example.com", 60, "192.0.2.1")));
    }
    assertThatThrownBy(() -> r53.changeResourceRecordSets(r -> r.hostedZoneId("Z1").changeBatch(b -> b.changes(tooMany))))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("exceeds the limit of 1000");
  }

  @Test
  void zonesAnswerWithAndWithoutThePrefixAndUnknownOnesAreNoSuchHostedZone() {
    r53.addZone("Z2", "example.com", true);
    List<HostedZone> found = r53.listHostedZonesByName(r -> r.dnsName("example.com")).hostedZones();
    assertThat(found).extracting(HostedZone::id).containsExactly("/hostedzone/Z1", "/hostedzone/Z2");
    assertThat(r53.getHostedZone(r -> r.id("/hostedzone/Z2")).hostedZone().id()).isEqualTo("Z2");
    send("/hostedzone/Z1", change(ChangeAction.CREATE, a("www.example.com", 300, "192.0.2.1")));
    assertThatThrownBy(() -> r53.listResourceRecordSets(r -> r.hostedZoneId("Z9")))
        .isInstanceOf(NoSuchHostedZoneException.class).satisfies(e -> assertThat(((Route53Exception) e).statusCode()).isEqualTo(404));
  }

  @Test
  void listingPagesInRoute53OrderWithNextRecordToStartFrom() {
    for (int i = 0; i < 7; i++) {
      send("Z1", change(ChangeAction.CREATE, a("h" + i + ".example.com", 60, "192.0.2.1")));
    }
    send("Z1", change(ChangeAction.CREATE, a("*.example.com", 60, "192.0.2.1")));
    List<String> seen = new ArrayList<>();
    String name = null;
    String type = null;
    int pages = 0;
    while (true) {
      String n = name;
      String t = type;
      ListResourceRecordSetsResponse page = r53.listResourceRecordSets(r -> r.hostedZoneId("Z1").maxItems("3").startRecordName(n).startRecordType(t));
      pages++;
      page.resourceRecordSets().forEach(s -> seen.add(s.name() + " " + s.typeAsString()));
      if (!page.isTruncated()) {
        break;
      }
      name = page.nextRecordName();
      type = page.nextRecordTypeAsString();
    }
    assertThat(pages).isEqualTo(4);
    assertThat(seen).hasSize(10).startsWith("example.com. NS", "example.com. SOA", "\\052.example.com. A").endsWith("h6.example.com. A");
  }

  @Test
  void changesArePendingThenInSyncOnTheClock() {
    r53.propagation(Duration.ofSeconds(40));
    String id = r53.changeResourceRecordSets(r -> r.hostedZoneId("Z1").changeBatch(b -> b.changes(
        change(ChangeAction.CREATE, a("www.example.com", 300, "192.0.2.1"))))).changeInfo().id();
    assertThat(r53.getChange(r -> r.id(id)).changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
    clock.advance(Duration.ofSeconds(40));
    assertThat(r53.getChange(r -> r.id("/change/" + id)).changeInfo().status()).isEqualTo(ChangeStatus.INSYNC);
  }

  @Test
  void throttlingIsInjectedOrRateLimitedOnTheClock() {
    r53.throttleNext(FakeRoute53Client.LIST_RESOURCE_RECORD_SETS, 1).priorRequestNotCompleteNext(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS, 1);
    assertThatThrownBy(() -> r53.listResourceRecordSets(r -> r.hostedZoneId("Z1"))).isInstanceOf(Route53Exception.class)
        .satisfies(e -> {
          Route53Exception r = (Route53Exception) e;
          assertThat(r.statusCode()).isEqualTo(400);
          assertThat(r.awsErrorDetails().errorCode()).isEqualTo("Throttling");
          assertThat(r.isThrottlingException()).isTrue();
        });
    assertThatThrownBy(() -> send("Z1", change(ChangeAction.CREATE, a("www.example.com", 300, "192.0.2.1"))))
        .isInstanceOf(PriorRequestNotCompleteException.class);
    assertThat(names()).doesNotContain("www.example.com. A");

    r53.rateLimit(5);
    for (int i = 0; i < 5; i++) {
      r53.listResourceRecordSets(r -> r.hostedZoneId("Z1"));
    }
    assertThatThrownBy(() -> r53.listResourceRecordSets(r -> r.hostedZoneId("Z1"))).isInstanceOf(Route53Exception.class);
    clock.advance(Duration.ofSeconds(1));
    r53.listResourceRecordSets(r -> r.hostedZoneId("Z1"));
    assertThat(r53.rateLimited()).isEqualTo(1);
    assertThat(r53.calls(FakeRoute53Client.LIST_RESOURCE_RECORD_SETS)).isEqualTo(8);
  }
}
