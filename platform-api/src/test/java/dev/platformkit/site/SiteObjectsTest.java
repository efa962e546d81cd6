package dev.platformkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteObjectsTest {

  static final String ARN = "arn:aws:acm:eu-central-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

  static Source git(String repo, String path) {
    return Source.builder().repoURL("https://github.com/acme/" + repo + ".git").targetRevision("main").path(path).build();
  }

  static Site.Builder pay() {
    return Site.builder()
        .name("pay")
        .tenant("payments")
        .environment(Environment.PRODUCTION)
        .addHosts("pay.example.com", "www.pay.example.com")
        .addComponents(Component.of("web", git("pay-site", "charts/pay").withValueFiles("values-production.yaml")
            .withValues("replicaCount: 3\ningress:\n  annotations:\n    alb.ingress.kubernetes.io/target-type: ip\n")))
        .dns(Dns.zone("example.com"));
  }

  @SuppressWarnings("unchecked")
  static Object at(Object tree, String... path) {
    Object node = tree;
    for (String key : path) {
      node = node instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<String, Object>) node).get(key);
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object tree, String... path) {
    return (Map<String, Object>) at(tree, path);
  }

  @Test
  void oneApplicationWithEverythingArgoCdNeeds() {
    List<Resource> apps = SiteObjects.applications(pay().build(), Optional.of(ARN));

    assertThat(apps).hasSize(1);
    Resource app = apps.get(0);
    assertThat(app.ref()).isEqualTo(ResourceRef.kubernetes("Application", "argocd", "pay-web"));
    assertThat(app.labels()).containsExactly(
        Map.entry("app.kubernetes.io/managed-by", "platformkit"),
        Map.entry("platformkit.dev/owner", "site.pay"),
        Map.entry("platformkit.dev/component", "web"));
    assertThat(app.annotations()).isEmpty();
    assertThat(app.body()).containsOnlyKeys("spec", Kind.FINALIZERS);
    assertThat(app.body().get(Kind.FINALIZERS)).isEqualTo(Map.of("resources-finalizer.argocd.argoproj.io", true));

    Map<String, Object> spec = map(app.body(), "spec");
    assertThat(spec).containsOnlyKeys("project", "source", "destination", "syncPolicy", "ignoreDifferences");
    assertThat(spec.get("project")).isEqualTo("default");
    assertThat(spec.get("destination")).isEqualTo(Map.of("server", "https://kubernetes.default.svc", "namespace", "payments"));
    assertThat(spec.get("syncPolicy")).isEqualTo(Map.of(
        "automated", Map.of("prune", true, "selfHeal", true),
        "syncOptions", List.of("CreateNamespace=false", "RespectIgnoreDifferences=true")));
    assertThat(spec.get("ignoreDifferences")).isEqualTo(List.of(
        Map.of("group", "apps", "kind", "Deployment", "jsonPointers", List.of("/spec/replicas")),
        Map.of("group", "apps", "kind", "StatefulSet", "jsonPointers", List.of("/spec/replicas"))));
    Map<String, Object> source = map(spec, "source");
    assertThat(source).containsOnlyKeys("repoURL", "targetRevision", "path", "helm");
    assertThat(source.get("repoURL")).isEqualTo("https://github.com/acme/pay-site.git");
    assertThat(source.get("targetRevision")).isEqualTo("main");
    assertThat(source.get("path")).isEqualTo("charts/pay");
    assertThat(at(source, "helm", "valueFiles")).isEqualTo(List.of("values-production.yaml"));

    Map<String, Object> values = map(source, "helm", "valuesObject");
    assertThat(values.get("replicaCount")).isEqualTo(3); // the component's inline values are kept
    Map<String, Object> ingress = map(values, "ingress");
    assertThat(ingress.get("enabled")).isEqualTo(true);
    assertThat(ingress.get("className")).isEqualTo("alb");
    assertThat(map(ingress, "annotations")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "alb.ingress.kubernetes.io/target-type", "ip", // the component's own annotation survives the merge
        "alb.ingress.kubernetes.io/scheme", "internet-facing",
        "alb.ingress.kubernetes.io/group.name", "site.pay",
        "alb.ingress.kubernetes.io/load-balancer-name", "pay",
        "alb.ingress.kubernetes.io/healthcheck-path", "/",
        "alb.ingress.kubernetes.io/certificate-arn", ARN,
        "alb.ingress.kubernetes.io/listen-ports", "[{\"HTTP\": 80}, {\"HTTPS\": 443}]",
        "alb.ingress.kubernetes.io/ssl-redirect", "443"));
    assertThat(ingress.get("hosts")).isEqualTo(List.of(
        Map.of("host", "pay.example.com", "paths", List.of(Map.of("path", "/", "pathType", "Prefix"))),
        Map.of("host", "www.pay.example.com", "paths", List.of(Map.of("path", "/", "pathType", "Prefix")))));
  }

  @Test
  void oneApplicationPerComponentInOrderWithBranchOverridesAndCharts() {
    Site site = pay()
        .addComponents(Component.builder().name("api").source(git("pay-api", ".")).branch("feature/JIRA-1234_new-checkout-flow").build())
        .addComponents(Component.of("admin", Source.builder().repoURL("oci://registry.example.com/charts").chart("admin")
            .targetRevision("1.2.*").values("ingress:\n  hosts:\n  - host: ignored\n    paths: [{path: /admin, pathType: Prefix}]\n").build()))
        .namespace("payments-prod")
        .alb(Alb.builder().groupName("brands").scheme(AlbScheme.INTERNAL).healthCheckPath("/healthz").build())
        .argocd(ArgoCd.builder().project("payments").namespace("gitops").autoSync(false).build())
        .build();

    List<Resource> apps = SiteObjects.applications(site, Optional.empty());

    assertThat(apps).extracting(r -> r.ref().name()).containsExactly("pay-web", "pay-api", "pay-admin");
    assertThat(apps).extracting(r -> r.ref().namespace()).containsOnly("gitops");
    assertThat(apps).extracting(r -> r.labels().get("platformkit.dev/component")).containsExactly("web", "api", "admin");
    assertThat(apps).extracting(r -> at(r.body(), "spec", "source", "targetRevision"))
        .containsExactly("main", "feature/JIRA-1234_new-checkout-flow", "1.2.*");
    Map<String, Object> admin = map(apps.get(2).body(), "spec", "source");
    assertThat(admin).containsEntry("chart", "admin").doesNotContainKey("path");
    assertThat(map(admin, "helm")).doesNotContainKey("valueFiles");
    // the component's paths, on every host of the site
    assertThat(at(admin, "helm", "valuesObject", "ingress", "hosts")).isEqualTo(List.of(
        Map.of("host", "pay.example.com", "paths", List.of(Map.of("path", "/admin", "pathType", "Prefix"))),
        Map.of("host", "www.pay.example.com", "paths", List.of(Map.of("path", "/admin", "pathType", "Prefix")))));
    for (Resource app : apps) {
      Map<String, Object> spec = map(app.body(), "spec");
      assertThat(spec.get("project")).isEqualTo("payments");
      assertThat(at(spec, "destination", "namespace")).isEqualTo("payments-prod");
      assertThat(spec.get("syncPolicy")).isEqualTo(Map.of("syncOptions", List.of("CreateNamespace=false", "RespectIgnoreDifferences=true")));
      Map<String, Object> annotations = map(spec, "source", "helm", "valuesObject", "ingress", "annotations");
      // one ALB for all components: same group and name everywhere
      assertThat(annotations).containsEntry("alb.ingress.kubernetes.io/group.name", "brands")
          .containsEntry("alb.ingress.kubernetes.io/load-balancer-name", "brands")
          .containsEntry("alb.ingress.kubernetes.io/scheme", "internal")
          .containsEntry("alb.ingress.kubernetes.io/healthcheck-path", "/healthz")
          .containsEntry("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTP\": 80}]")
          .doesNotContainKeys("alb.ingress.kubernetes.io/certificate-arn", "alb.ingress.kubernetes.io/ssl-redirect");
    }
  }

  @Test
  void theCertificateComesFromTheCallerOrTheSite() {
    Site existing = pay().tls(Tls.existing(ARN)).build();
    assertThat(annotations(existing, Optional.empty())).containsEntry("alb.ingress.kubernetes.io/certificate-arn", ARN);
    String other = ARN.replace("0b1c2d3e", "99999999");
    assertThat(annotations(existing, Optional.of(other))).containsEntry("alb.ingress.kubernetes.io/certificate-arn", other);

    Site plain = pay().tls(Tls.none()).build();
    assertThat(annotations(plain, Optional.empty())).doesNotContainKey("alb.ingress.kubernetes.io/certificate-arn");
    assertThatThrownBy(() -> SiteObjects.applications(plain, Optional.of(ARN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tls mode none");
  }

  private static Map<String, Object> annotations(Site site, Optional<String> arn) {
    return map(SiteObjects.applications(site, arn).get(0).body(), "spec", "source", "helm", "valuesObject", "ingress", "annotations");
  }

  @Test
  void longNamesFitTheirBudgetsAndStayApart() {
    String site = "brand-" + "x".repeat(Site.MAX_NAME_LENGTH - 6);
    String long1 = "storefront-" + "a".repeat(52);
    String long2 = "storefront-" + "a".repeat(51) + "b";
    Site s = Site.builder().name(site).tenant("brands").environment(Environment.STAGING).addHosts("brand.example.com")
        .addComponents(Component.of(long1, git("a", "charts")), Component.of(long2, git("b", "charts")), Component.of("api", git("c", ".")))
        .tls(Tls.none())
        .build();

    List<Resource> apps = SiteObjects.applications(s, Optional.empty());

    assertThat(apps).extracting(r -> r.ref().name()).allSatisfy(n -> {
      assertThat(n.length()).isLessThanOrEqualTo(Names.APPLICATION_MAX);
      assertThat(Names.isDnsLabel(n)).isTrue();
    }).doesNotHaveDuplicates();
    for (Resource app : apps) {
      assertThat(app.labels().values()).allSatisfy(v -> assertThat(Names.isLabelValue(v)).as(v).isTrue());
      assertThat(SiteObjects.applicationRef(s, s.component(app.labels().get(SiteObjects.COMPONENT_LABEL)).orElseThrow()))
          .isEqualTo(app.ref());
    }
    assertThat(Names.isAlbGroupName(s.albGroupName())).isTrue();
    assertThat(Names.isLoadBalancerName(s.loadBalancerName())).isTrue();
  }

  @Test
  void theKindsSayWhatIsWrittenAndWhatIsOnlyRead() {
    assertThat(SiteObjects.APPLICATION.fields()).containsExactly("spec", Kind.FINALIZERS);
    assertThat(SiteObjects.APPLICATION.hasFinalizers()).isTrue();
    assertThat(SiteObjects.APPLICATION.readOnly()).containsExactly("status");
    assertThat(SiteObjects.APPLICATION.readFields()).containsExactly("spec", Kind.FINALIZERS, "status");
    assertThat(SiteObjects.INGRESS.readFields()).containsExactly("spec", "status");
    assertThat(SiteObjects.INGRESS.hasFinalizers()).isFalse();
    assertThat(SiteObjects.KINDS).containsExactly(SiteObjects.CERTIFICATE, SiteObjects.DNS_RECORD, SiteObjects.APPLICATION);
    assertThat(SiteObjects.APPLICATION.writable(Map.of("spec", 1, "status", 2))).containsOnlyKeys("spec");
    assertThatThrownBy(() -> Kind.kubernetes("v1", "X", "xs", true, "spec").withReadOnly("spec"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
