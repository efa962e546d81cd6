package dev.platformkit.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.site.Component;
import dev.platformkit.site.Environment;
import dev.platformkit.site.Expiry;
import dev.platformkit.site.Site;
import dev.platformkit.site.Source;
import dev.platformkit.site.Tls;
import dev.platformkit.tenant.Member;
import dev.platformkit.tenant.MemberKind;
import dev.platformkit.tenant.Namespace;
import dev.platformkit.tenant.NetworkIsolation;
import dev.platformkit.tenant.PodSecurity;
import dev.platformkit.tenant.Role;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.UpgradePlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecWriterTest {

  @Test
  void writesCleanYamlInDeclarationOrderWithSortedMapKeysAndNoDefaults() {
    Tenant tenant = Tenant.builder()
        .name("payments")
        .putLabels("team", "payments")
        .putLabels("cost-center", "cc-1234")
        .addNamespaces(Namespace.of("payments-dev"))
        .addMembers(Member.builder().kind(MemberKind.Group).name("payments-devs").role(Role.EDIT).build())
        .addMembers(Member.builder().kind(MemberKind.User).name("alice").role(Role.VIEW).build())
        .putQuota("requests.cpu", "8")
        .putQuota("limits.memory", "32Gi")
        // only one setting differs from the defaults
        .network(NetworkIsolation.builder().allowDnsEgress(false).build())
        .podSecurity(PodSecurity.defaults())
        .build();

    assertThat(SpecWriter.yaml().write(tenant)).isEqualTo("""
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: payments
          labels:
            cost-center: cc-1234
            team: payments
        spec:
          namespaces:
          - name: payments-dev
          members:
          - kind: Group
            name: payments-devs
            role: edit
          - kind: User
            name: alice
          quota:
            limits.memory: 32Gi
            requests.cpu: "8"
          network:
            allowDnsEgress: false
        """);
  }

  @Test
  void aValueWithOnlyDefaultsHasNoSpec() {
    assertThat(SpecWriter.yaml().write(Tenant.builder().name("search").build())).isEqualTo("""
        apiVersion: platformkit.dev/v1alpha1
        kind: Tenant
        metadata:
          name: search
        """);
  }

  @Test
  void quotesStringsThatYamlWouldReadAsOtherTypesAndKeepsMultiLineTextReadable() {
    Site site = Site.builder()
        .name("shop")
        .tenant("shop")
        .environment(Environment.STAGING)
        .addHosts("staging.shop.example.com")
        .addComponents(Component.of("web", Source.builder().repoURL("https://charts.example.com").targetRevision("1.10").chart("shop")
            .values("replicas: 2\nfeature: on\n").build()))
        .tls(Tls.none())
        .expiry(Expiry.parse("7d"))
        .build();

    assertThat(SpecWriter.yaml().write(site)).isEqualTo("""
        apiVersion: platformkit.dev/v1alpha1
        kind: Site
        metadata:
          name: shop
        spec:
          tenant: shop
          environment: staging
          hosts:
          - staging.shop.example.com
          components:
          - name: web
            source:
              repoURL: https://charts.example.com
              targetRevision: "1.10"
              chart: shop
              values: |
                replicas: 2
                feature: on
          tls:
            mode: none
          expiry: 7d
        """);
  }

  @Test
  void anUpgradePlanIsNamedByItsCluster() {
    UpgradePlan plan = UpgradePlan.builder().cluster("shop-prod").targetVersion(KubernetesVersion.parse("1.27")).build();

    assertThat(SpecWriter.yaml().write(plan)).isEqualTo("""
        apiVersion: platformkit.dev/v1alpha1
        kind: UpgradePlan
        metadata:
          name: shop-prod
        spec:
          targetVersion: "1.27"
        """);
  }

  @Test
  void writesJsonAndSeparatesYamlDocuments() {
    Tenant a = Tenant.builder().name("a").build();
    Tenant b = Tenant.builder().name("b").build();

    assertThat(SpecWriter.json().write(a)).isEqualTo("""
        {
          "apiVersion" : "platformkit.dev/v1alpha1",
          "kind" : "Tenant",
          "metadata" : {
            "name" : "a"
          }
        }
        """);
    assertThat(SpecWriter.yaml().writeAll(List.of(a, b))).isEqualTo(SpecWriter.yaml().write(a) + "---\n" + SpecWriter.yaml().write(b));
    assertThat(SpecWriter.yaml().writeAll(List.of())).isEmpty();
  }

  @Test
  void refusesValuesThatAreNotSpecs() {
    assertThatThrownBy(() -> SpecWriter.yaml().write("payments"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("java.lang.String is not a spec value; the kinds are Tenant, Schedule, Site, UpgradePlan");
  }
}
