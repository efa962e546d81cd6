package dev.platformkit.aws;

import dev.platformkit.site.SiteObjects;
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
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * The site contract with AWS through {@link AwsBackend} on the ACM and Route53 fakes (the fake ACM issues once
 * the validation records exist in the fake Route53), Kubernetes in memory with the testkit's {@link SiteWorld}
 * playing Argo CD and the load balancer controller; the load balancers' use of certificates is told to the
 * fake ACM as the Ingresses name them.
 */
class AwsSiteContractTest extends SiteContract {
  @Override
  protected World world() {
    FakeClock clock = FakeClock.standard();
    FakeRoute53Client route53 = new FakeRoute53Client(clock).addZone("Z0SHOP", ZONE);
    FakeAcmClient acm = new FakeAcmClient(clock, route53, "eu-west-1", "111122223333").issuanceDelay(Duration.ofMinutes(2));
    AwsBackend aws = AwsBackend.builder().acm(acm).route53(route53).build();
    InMemoryStore k8s = InMemoryStore.kubernetes().clock(clock);
    SiteWorld sim = SiteWorld.attach(k8s, InMemoryStore.aws().clock(clock), clock).installArgoCd();
    return new World() {
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
        for (Resource ingress : k8s.list(SiteObjects.INGRESS, Map.of())) {
          String arn = ingress.annotations().get("alb.ingress.kubernetes.io/certificate-arn");
          if (arn != null) {
            users.computeIfAbsent(arn, a -> new ArrayList<>()).add("arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/x/1");
          }
        }
        for (String arn : acm.arns()) {
          acm.setInUse(arn, users.getOrDefault(arn, List.of()));
        }
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
        String arn = acm.requestCertificate(r -> r.domainName(domains.get(0)).subjectAlternativeNames(domains)
            .validationMethod(ValidationMethod.DNS)).certificateArn();
        // validate it by hand, as its owner would
        for (String d : domains) {
          List<String> v = acm.validationRecord(d);
          try {
            route53.changeResourceRecordSets(r -> r.hostedZoneId("Z0SHOP").changeBatch(b -> b.changes(c -> c.action(ChangeAction.UPSERT)
                .resourceRecordSet(s -> s.name(v.get(0)).type(RRType.CNAME).ttl(300L).resourceRecords(x -> x.value(v.get(1)))))));
          } catch (RuntimeException e) {
            // shared with another domain of the list
          }
        }
        clock.advance(Duration.ofMinutes(3));
        return arn;
      }

      @Override
      public void foreignRecord(String name, String type, String value) {
        route53.changeResourceRecordSets(r -> r.hostedZoneId("Z0SHOP").changeBatch(b -> b.changes(c -> c.action(ChangeAction.CREATE)
            .resourceRecordSet(s -> s.name(name).type(type).ttl(300L).resourceRecords(x -> x.value(value))))));
      }
    };
  }
}
