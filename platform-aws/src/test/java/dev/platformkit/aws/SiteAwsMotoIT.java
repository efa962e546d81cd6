package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.Change;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Marks;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.spi.Write;
import dev.platformkit.testkit.junit.MotoServer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A site's certificate and DNS records against moto's server: the real SDK wire protocols (Route53's REST-XML,
 * ACM's JSON), the hosted zone id forms moto answers with, and tag round trips. Moto is lenient where Route53
 * and ACM are strict (duplicate CREATEs, inexact DELETEs), so those rules are tested on the testkit's fakes
 * ({@link RecordStoreTest}, {@link CertificateStoreTest}); this is the happy path. Skipped when moto is not
 * installed.
 */
class SiteAwsMotoIT {
  static final Kind CERTIFICATE = Kind.aws("Certificate");
  static final Kind DNS_RECORD = Kind.aws("DnsRecord");

  private static MotoServer moto;
  private static Route53Client route53;
  private static AcmClient acm;

  @BeforeAll
  static void startMoto() throws IOException {
    moto = MotoServer.start();
    route53 = Route53Client.builder().region(Region.AWS_GLOBAL).endpointOverride(moto.endpoint())
        .credentialsProvider(MotoServer.CREDENTIALS).build();
    acm = AcmClient.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint()).credentialsProvider(MotoServer.CREDENTIALS).build();
  }

  @AfterAll
  static void stopMoto() throws InterruptedException {
    if (route53 != null) {
      route53.close();
      acm.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  private static Map<String, String> marks() {
    return Marks.TAGS.of("site.shop");
  }

  private static List<String> names(String zoneId) {
    return route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)).resourceRecordSets().stream()
        .map(s -> s.name() + " " + s.typeAsString()).toList();
  }

  @Test
  void aSitesRecordsAndTheirTxtAreCreatedUpdatedAndDeleted() {
    String zoneId = route53.createHostedZone(r -> r.name("example.com").callerReference("site-aws-it")).hostedZone().id();
    AwsBackend backend = AwsBackend.builder().route53(route53).build();

    Map<String, Object> alias = new LinkedHashMap<>();
    alias.put("name", "shop.example.com");
    alias.put("type", "A");
    alias.put("alias", Map.of("hostedZoneId", "Z35SXDOTRQ7X7K", "dnsName", "k8s-shop-0123.us-east-1.elb.amazonaws.com",
        "evaluateTargetHealth", false));
    Resource a = Resource.desired(ResourceRef.aws("DnsRecord", "example.com/shop.example.com/A"), marks(), Map.of(), alias);
    Resource www = Resource.desired(ResourceRef.aws("DnsRecord", zoneId + "/www.shop.example.com/CNAME"), marks(), Map.of(),
        Map.of("name", "www.shop.example.com", "type", "CNAME", "ttl", 300, "records", List.of("shop.example.com")));
    backend.write(DNS_RECORD, List.of(new Write(Change.Action.CREATE, null, a, null), new Write(Change.Action.CREATE, null, www, null)));

    assertThat(names(zoneId)).contains("shop.example.com. A", "_platformkit-a.shop.example.com. TXT",
        "www.shop.example.com. CNAME", "_platformkit-cname.www.shop.example.com. TXT");
    List<Resource> ours = backend.list(DNS_RECORD, Marks.TAGS.selector(Set.of("site.shop")));
    String bare = zoneId.replaceFirst("^/hostedzone/", "");
    assertThat(ours).extracting(r -> r.ref().name())
        .containsExactlyInAnyOrder(bare + "/shop.example.com/A", bare + "/www.shop.example.com/CNAME"); // by zone id
    Resource readA = backend.get(DNS_RECORD, a.ref()).orElseThrow();
    assertThat(readA.labels()).isEqualTo(marks());
    assertThat(readA.body()).isEqualTo(alias);

    Resource readWww = backend.get(DNS_RECORD, www.ref()).orElseThrow();
    backend.update(DNS_RECORD, readWww, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("ttl", 60, "records", List.of("shop-v2.example.com"))));
    ResourceRecordSet updated = route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)).resourceRecordSets().stream()
        .filter(s -> s.name().equals("www.shop.example.com.") && s.typeAsString().equals("CNAME")).findFirst().orElseThrow();
    assertThat(updated.ttl()).isEqualTo(60L);
    assertThat(updated.resourceRecords().get(0).value()).isEqualTo("shop-v2.example.com");

    backend.write(DNS_RECORD, backend.list(DNS_RECORD, Marks.TAGS.selector(Set.of("site.shop"))).stream()
        .map(r -> new Write(Change.Action.DELETE, r, null, null)).toList());
    assertThat(names(zoneId)).noneMatch(n -> n.contains("shop.example.com"));
  }

  @Test
  void aSitesCertificateIsRequestedTaggedReadAndDeleted() {
    AwsBackend backend = AwsBackend.builder().acm(acm).build();
    Map<String, String> tags = new LinkedHashMap<>(marks());
    tags.put("platformkit:name", "shop");
    Resource desired = Resource.desired(ResourceRef.aws("Certificate", "shop"), tags, Map.of(), Map.of("domainName", "shop.example.com",
        "subjectAlternativeNames", List.of("shop.example.com", "www.shop.example.com"), "validationMethod", "DNS"));
    backend.create(CERTIFICATE, desired);

    Resource read = backend.get(CERTIFICATE, desired.ref()).orElseThrow();
    assertThat(read.labels()).containsAllEntriesOf(tags);
    assertThat(read.body()).containsEntry("domainName", "shop.example.com")
        .containsEntry("subjectAlternativeNames", List.of("shop.example.com", "www.shop.example.com"));
    @SuppressWarnings("unchecked")
    Map<String, Object> status = (Map<String, Object>) read.body().get("status");
    assertThat((String) status.get("arn")).startsWith("arn:aws:acm:us-east-1:");
    assertThat(status.get("state")).isIn("PENDING_VALIDATION", "ISSUED");
    assertThat(backend.list(CERTIFICATE, Marks.TAGS.selector(Set.of("site.shop")))).extracting(r -> r.ref().name()).containsExactly("shop");
    assertThat(backend.list(CERTIFICATE, Map.of())).extracting(r -> (Object) ((Map<?, ?>) r.body().get("status")).get("arn"))
        .contains(status.get("arn"));

    backend.update(CERTIFICATE, read, new ResourceUpdate(Map.of("platformkit:tenant", "web"), Set.of(), Map.of(), Set.of(), Map.of()));
    assertThat(backend.get(CERTIFICATE, desired.ref()).orElseThrow().labels()).containsEntry("platformkit:tenant", "web");

    backend.delete(CERTIFICATE, backend.get(CERTIFICATE, desired.ref()).orElseThrow());
    assertThat(backend.get(CERTIFICATE, desired.ref())).isEmpty();
  }
}
