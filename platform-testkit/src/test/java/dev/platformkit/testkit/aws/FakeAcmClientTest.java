package dev.platformkit.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.testkit.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.AcmException;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.InvalidTagException;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;

class FakeAcmClientTest {
  private final FakeClock clock = FakeClock.standard();
  private final FakeRoute53Client r53 = new FakeRoute53Client(clock).addZone("Z1", "example.com");
  private final FakeAcmClient acm = new FakeAcmClient(clock, r53);

  private String request(String token, String... names) {
    return acm.requestCertificate(r -> r.domainName(names[0]).subjectAlternativeNames(names).validationMethod(ValidationMethod.DNS)
        .idempotencyToken(token)).certificateArn();
  }

  private CertificateDetail describe(String arn) {
    return acm.describeCertificate(r -> r.certificateArn(arn)).certificate();
  }

  private void cname(String name, String value) {
    r53.changeResourceRecordSets(r -> r.hostedZoneId("Z1").changeBatch(b -> b.changes(c -> c.action(ChangeAction.CREATE)
        .resourceRecordSet(s -> s.name(name).type("CNAME").ttl(300L).resourceRecords(ResourceRecord.builder().value(value).build())))));
  }

  @Test
  void theSameTokenAndNamesWithinAnHourIsTheSameCertificate() {
    String first = request("pk1", "shop.example.com");
    assertThat(request("pk1", "shop.example.com")).isEqualTo(first);
    assertThat(request("pk1", "shop.example.com", "www.example.com")).isNotEqualTo(first);
    clock.advance(FakeAcmClient.IDEMPOTENCY_WINDOW);
    assertThat(request("pk1", "shop.example.com")).isNotEqualTo(first);
    assertThat(acm.arns()).hasSize(3);
    assertThatThrownBy(() -> request("not-a-word-token", "shop.example.com")).isInstanceOf(AcmException.class)
        .hasMessageContaining("idempotencyToken");
  }

  @Test
  void validationRecordsDependOnTheDomainOnlyAndIssueOnceTheyExistAfterTheDelay() {
    String one = request("a", "shop.example.com", "*.shop.example.com");
    String two = request("b", "shop.example.com", "api.example.com");
    List<DomainValidation> v1 = describe(one).domainValidationOptions();
    List<DomainValidation> v2 = describe(two).domainValidationOptions();
    assertThat(v1.get(0).resourceRecord()).isEqualTo(v2.get(0).resourceRecord()); // same domain, same record
    assertThat(v1.get(1).resourceRecord()).isEqualTo(v1.get(0).resourceRecord()); // the wildcard shares its base's
    assertThat(v1.get(0).resourceRecord().name()).endsWith(".shop.example.com.").startsWith("_");
    assertThat(acm.validationRecord("*.shop.example.com")).containsExactly(v1.get(0).resourceRecord().name(), v1.get(0).resourceRecord().value());

    cname(v1.get(0).resourceRecord().name(), v1.get(0).resourceRecord().value());
    clock.advance(Duration.ofSeconds(59));
    assertThat(describe(one).status()).isEqualTo(CertificateStatus.PENDING_VALIDATION);
    clock.advance(Duration.ofSeconds(1));
    assertThat(describe(one).status()).isEqualTo(CertificateStatus.ISSUED);
    assertThat(describe(two).status()).isEqualTo(CertificateStatus.PENDING_VALIDATION); // api.example.com still missing
    clock.advance(FakeAcmClient.VALIDATION_TIMEOUT);
    assertThat(describe(two).status()).isEqualTo(CertificateStatus.VALIDATION_TIMED_OUT);
  }

  @Test
  void validationRecordsShowAfterTheirDelay() {
    acm.validationRecordDelay(Duration.ofSeconds(5));
    String arn = request("a", "shop.example.com");
    assertThat(describe(arn).domainValidationOptions().get(0).resourceRecord()).isNull();
    clock.advance(Duration.ofSeconds(5));
    assertThat(describe(arn).domainValidationOptions().get(0).resourceRecord()).isNotNull();
  }

  @Test
  void listingPagesAndFiltersByStatus() {
    for (int i = 0; i < 60; i++) {
      request("t" + i, "h" + i + ".example.com");
    }
    List<String> all = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListCertificatesResponse page = acm.listCertificates(r -> r.nextToken(t));
      pages++;
      page.certificateSummaryList().forEach(s -> all.add(s.certificateArn()));
      token = page.nextToken();
    } while (token != null);
    assertThat(pages).isEqualTo(2);
    assertThat(all).hasSize(60).doesNotHaveDuplicates();
    assertThat(acm.listCertificates(r -> r.certificateStatuses(CertificateStatus.ISSUED)).certificateSummaryList()).isEmpty();
  }

  @Test
  void tagsAreCheckedAndACertificateInUseCannotBeDeleted() {
    String arn = request("a", "shop.example.com");
    acm.addTagsToCertificate(r -> r.certificateArn(arn).tags(Tag.builder().key("platformkit:owner").value("site.shop").build()));
    assertThat(acm.listTagsForCertificate(r -> r.certificateArn(arn)).tags()).extracting(Tag::key).containsExactly("platformkit:owner");
    assertThatThrownBy(() -> acm.addTagsToCertificate(r -> r.certificateArn(arn).tags(Tag.builder().key("aws:x").value("y").build())))
        .isInstanceOf(InvalidTagException.class);

    acm.setInUse(arn, List.of("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/shop/1"));
    assertThatThrownBy(() -> acm.deleteCertificate(r -> r.certificateArn(arn))).isInstanceOf(ResourceInUseException.class)
        .hasMessageContaining("loadbalancer/app/shop/1");
    acm.setInUse(arn, List.of());
    acm.deleteCertificate(r -> r.certificateArn(arn));
    assertThatThrownBy(() -> describe(arn)).isInstanceOf(ResourceNotFoundException.class);
    assertThat(acm.calls(FakeAcmClient.DELETE_CERTIFICATE)).isEqualTo(2);
  }

  @Test
  void throttlingIsInjected() {
    acm.throttleNext(null, 1);
    assertThatThrownBy(() -> request("a", "shop.example.com")).isInstanceOf(AcmException.class)
        .satisfies(e -> assertThat(((AcmException) e).isThrottlingException()).isTrue());
    assertThat(acm.arns()).isEmpty();
  }
}
