package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.OwnershipException;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.aws.FakeAcmClient;
import dev.platformkit.testkit.aws.FakeRoute53Client;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/** The ACM Certificate store on the ACM fake, validated through the Route53 fake by the DnsRecord store. */
class CertificateStoreTest {
  static final Kind CERTIFICATE = Kind.aws("Certificate");
  static final Kind DNS_RECORD = Kind.aws("DnsRecord");

  private final FakeClock clock = FakeClock.standard();
  private final FakeRoute53Client route53 = new FakeRoute53Client(clock).addZone("Z1", "example.com");
  private final FakeAcmClient acm = new FakeAcmClient(clock, route53);
  private final AwsBackend backend = AwsBackend.builder().acm(acm).route53(route53).build();

  static Resource certificate(String site, String... hosts) {
    Map<String, String> tags = new LinkedHashMap<>(Marks.TAGS.of("site." + site));
    tags.put("platformkit:name", site);
    return Resource.desired(ResourceRef.aws("Certificate", site), tags, Map.of(), Map.of("domainName", hosts[0],
        "subjectAlternativeNames", List.of(hosts).stream().sorted().toList(), "validationMethod", "DNS"));
  }

  private Resource get(String name) {
    return backend.get(CERTIFICATE, ResourceRef.aws("Certificate", name)).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(Resource r) {
    return (Map<String, Object>) r.body().get("status");
  }

  @SuppressWarnings("unchecked")
  private void createValidationRecords(Resource cert, String owner) {
    for (Map<String, Object> record : (List<Map<String, Object>>) status(cert).get("validationRecords")) {
      String name = (String) record.get("name");
      backend.create(DNS_RECORD, Resource.desired(ResourceRef.aws("DnsRecord", "example.com/" + name + "/CNAME"),
          Marks.TAGS.of(owner), Map.of(), Map.of("ttl", 300, "records", List.of(record.get("value")))));
    }
  }

  @Test
  void aCertificateIsRequestedOnceWithItsTagsAndIssuedOnceItsValidationRecordsExist() {
    backend.create(CERTIFICATE, certificate("shop", "shop.example.com", "*.shop.example.com"));
    backend.create(CERTIFICATE, certificate("shop", "shop.example.com", "*.shop.example.com")); // a retry after a timeout
    assertThat(acm.arns()).hasSize(1);

    Resource read = get("shop");
    assertThat(read.labels()).containsEntry("platformkit:owner", "site.shop").containsEntry("platformkit:name", "shop");
    assertThat(read.body()).containsEntry("domainName", "shop.example.com")
        .containsEntry("subjectAlternativeNames", List.of("*.shop.example.com", "shop.example.com"))
        .containsEntry("validationMethod", "DNS");
    assertThat(status(read)).containsEntry("arn", acm.arns().get(0)).containsEntry("state", "PENDING_VALIDATION")
        .containsEntry("inUseBy", List.of());
    List<String> expected = acm.validationRecord("shop.example.com");
    assertThat(status(read).get("validationRecords")).isEqualTo(List.of(Map.of("name",
        expected.get(0).substring(0, expected.get(0).length() - 1), "type", "CNAME", "value", expected.get(1))));

    createValidationRecords(read, "site.shop");
    clock.advance(Duration.ofMinutes(1));
    assertThat(status(get("shop"))).containsEntry("state", "ISSUED");
  }

  @Test
  void anEmptySelectorListsIssuedAndPendingCertificatesWithoutACallPerCertificate() {
    backend.create(CERTIFICATE, certificate("shop", "shop.example.com"));
    String foreign = acm.requestCertificate(r -> r.domainName("*.example.com").validationMethod(ValidationMethod.DNS)).certificateArn();
    acm.resetCalls();
    List<Resource> all = backend.list(CERTIFICATE, Map.of());
    assertThat(all).hasSize(2);
    assertThat(all).filteredOn(r -> r.ref().name().equals(foreign)).singleElement().satisfies(r -> {
      assertThat(r.labels()).isEmpty();
      assertThat(r.body()).containsEntry("domainName", "*.example.com").containsEntry("subjectAlternativeNames", List.of("*.example.com"));
      assertThat(status(r)).containsEntry("state", "PENDING_VALIDATION");
    });
    // the one we requested is known by name already
    assertThat(all).extracting(r -> r.ref().name()).contains("shop");
    assertThat(acm.callCounts()).containsOnlyKeys(FakeAcmClient.LIST_CERTIFICATES);
  }

  @Test
  void anOwnerSelectorReadsEachCertificatesTagsOnce() {
    for (String site : List.of("a", "b", "c")) {
      backend.create(CERTIFICATE, certificate(site, site + ".example.com"));
    }
    acm.requestCertificate(r -> r.domainName("other.example.com").validationMethod(ValidationMethod.DNS));
    AwsBackend fresh = AwsBackend.builder().acm(acm).build();
    acm.resetCalls();
    assertThat(fresh.list(CERTIFICATE, Marks.TAGS.selector(Set.of("site.b")))).extracting(r -> r.ref().name()).containsExactly("b");
    assertThat(acm.calls(FakeAcmClient.LIST_TAGS_FOR_CERTIFICATE)).isEqualTo(4);
    assertThat(acm.calls(FakeAcmClient.DESCRIBE_CERTIFICATE)).isEqualTo(1);
    fresh.list(CERTIFICATE, Marks.TAGS.selector(Set.of("site.a", "site.b")));
    assertThat(acm.calls(FakeAcmClient.LIST_TAGS_FOR_CERTIFICATE)).isEqualTo(4); // remembered
  }

  @Test
  void aCertificateInUseIsNotDeletedAndTheErrorNamesItsUsers() {
    backend.create(CERTIFICATE, certificate("shop", "shop.example.com"));
    Resource read = get("shop");
    String lb = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/k8s-shop/0123";
    acm.setInUse((String) status(read).get("arn"), List.of(lb));
    assertThatThrownBy(() -> backend.delete(CERTIFICATE, get("shop"))).isInstanceOf(ConflictException.class)
        .hasMessageContaining("still in use by " + lb);
    assertThat(acm.calls(FakeAcmClient.DELETE_CERTIFICATE)).isZero();
    acm.setInUse((String) status(read).get("arn"), List.of());
    backend.delete(CERTIFICATE, get("shop"));
    assertThat(acm.arns()).isEmpty();
    backend.delete(CERTIFICATE, read); // gone already: nothing happens
  }

  @Test
  void aCertificateWithoutOurMarksIsNeverDeletedOrTagged() {
    String arn = acm.requestCertificate(r -> r.domainName("shop.example.com").validationMethod(ValidationMethod.DNS)).certificateArn();
    Resource byArn = backend.get(CERTIFICATE, ResourceRef.aws("Certificate", arn)).orElseThrow();
    assertThat(byArn.labels()).isEmpty();
    Resource claimed = new Resource(byArn.ref(), Marks.TAGS.of("site.shop"), Map.of(), byArn.body(), byArn.version());
    assertThatThrownBy(() -> backend.delete(CERTIFICATE, claimed)).isInstanceOf(OwnershipException.class);
    assertThatThrownBy(() -> backend.update(CERTIFICATE, claimed, new ResourceUpdate(Map.of("x", "y"), Set.of(), Map.of(), Set.of(),
        Map.of()))).isInstanceOf(OwnershipException.class);
    assertThat(acm.arns()).containsExactly(arn);
  }

  @Test
  void namesCannotChangeInPlaceAndAReplacedCertificateKeepsAnOlderName() {
    backend.create(CERTIFICATE, certificate("shop", "shop.example.com"));
    Resource old = get("shop");
    assertThatThrownBy(() -> backend.update(CERTIFICATE, old, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("subjectAlternativeNames", List.of("shop.example.com", "www.example.com")))))
        .isInstanceOf(PlatformException.class).hasMessageContaining("cannot change; it is replaced");
    clock.advance(Duration.ofMinutes(5));
    backend.create(CERTIFICATE, certificate("shop", "shop.example.com", "www.example.com"));
    String oldArn = (String) status(old).get("arn");
    String oldName = "shop@" + oldArn.substring(oldArn.lastIndexOf('/') + 1);
    assertThat(backend.list(CERTIFICATE, Marks.TAGS.selector(Set.of("site.shop")))).extracting(r -> r.ref().name())
        .containsExactlyInAnyOrder("shop", oldName);
    assertThat(get("shop").body()).containsEntry("subjectAlternativeNames", List.of("shop.example.com", "www.example.com"));
    backend.delete(CERTIFICATE, get(oldName));
    assertThat(acm.arns()).hasSize(1).doesNotContain(oldArn);
  }

  @Test
  void tagsAreUpdatedAndThrottlingIsRetryable() {
    backend.create(CERTIFICATE, certificate("shop", "shop.example.com"));
    backend.update(CERTIFICATE, get("shop"), new ResourceUpdate(Map.of("platformkit:tenant", "web"), Set.of(), Map.of(), Set.of(), Map.of()));
    assertThat(get("shop").labels()).containsEntry("platformkit:tenant", "web");
    acm.throttleNext(FakeAcmClient.LIST_CERTIFICATES, 1);
    assertThatThrownBy(() -> backend.list(CERTIFICATE, Map.of()))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(acm.status(acm.arns().get(0))).isEqualTo(CertificateStatus.PENDING_VALIDATION);
  }

  @Test
  void anotherRegionIsAScopeOfItsOwn() {
    FakeAcmClient useast1 = new FakeAcmClient(clock, route53, "us-east-1", "111122223333");
    FakeAcmClient regional = new FakeAcmClient(clock, route53, "eu-west-1", "111122223333");
    AwsBackend aws = AwsBackend.builder().acm(regional).acm("us-east-1", useast1).build();
    aws.scope("us-east-1").create(CERTIFICATE, certificate("cdn", "cdn.example.com"));
    assertThat(useast1.arns()).hasSize(1);
    assertThat(regional.arns()).isEmpty();
    assertThat(aws.scope("us-east-1").list(CERTIFICATE, Map.of())).hasSize(1);
    assertThat(aws.list(CERTIFICATE, Map.of())).isEmpty();
    assertThatThrownBy(() -> aws.scope("ap-south-1")).hasMessageContaining("no ACM client was given for scope \"ap-south-1\"");
  }
}
