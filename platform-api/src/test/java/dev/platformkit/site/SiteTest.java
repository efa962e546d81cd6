package dev.platformkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiteTest {

  private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
  private static final String ARN = "arn:aws:acm:eu-central-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

  private static Source.Builder gitSource() {
    return Source.builder()
        .repoURL("https://github.com/acme/shop-deploy.git")
        .targetRevision("feature/checkout")
        .path("charts/shop");
  }

  private static Component component(String name, Source source) {
    return Component.of(name, source);
  }

  private static Site.Builder withSource(Site.Builder site, Source source) {
    return site.components(List.of(Component.of("web", source)));
  }

  private static Site.Builder preview() {
    return Site.builder()
        .name("preview-jdoe-checkout")
        .tenant("shop")
        .environment(Environment.PREVIEW)
        .addHosts("jdoe-checkout.preview.shop.example.com")
        .addComponents(Component.of("web", gitSource().build()))
        .dns(Dns.zone("shop.example.com"))
        .expiry(Expiry.parse("72h"));
  }

  private static Site.Builder production() {
    return Site.builder()
        .name("shop")
        .tenant("shop")
        .environment(Environment.PRODUCTION)
        .addHosts("shop.example.com", "www.shop.example.com")
        .namespace("shop-prod")
        .addComponents(component("storefront", Source.builder()
            .repoURL("oci://registry.example.com/charts")
            .chart("shop")
            .targetRevision("2.4.*")
            .addValueFiles("values-prod.yaml")
            .values("replicaCount: 3\nimage:\n  tag: v2.4.1\n")
            .build()))
        .addComponents(Component.builder().name("api").source(gitSource().build()).branch("feature/JIRA-1234_new-checkout-flow").build())
        .tls(Tls.existing(ARN))
        .dns(Dns.builder().hostedZone("shop.example.com").hostedZoneId("Z0123456789ABCDEFGHIJ").ttl(60)
            .weight(100).setIdentifier("blue").build())
        .alb(Alb.builder().scheme(AlbScheme.INTERNAL).groupName("shop.public").healthCheckPath("/healthz").build())
        .argocd(ArgoCd.builder().project("shop").autoSync(false).build());
  }

  private static List<Violation> violations(ThrowingCallable build) {
    ValidationException[] caught = new ValidationException[1];
    assertThatThrownBy(build).isInstanceOfSatisfying(ValidationException.class, e -> caught[0] = e);
    return caught[0].violations();
  }

  private static List<Violation> violationsOf(UnaryOperator<Site.Builder> change) {
    return violations(() -> change.apply(preview()).build());
  }

  @Test
  void aPreviewWithDefaults() {
    Site site = preview().build();

    assertThat(site.tls()).isEqualTo(Tls.acm());
    assertThat(site.alb()).isEqualTo(Alb.defaults());
    assertThat(site.alb().scheme()).isEqualTo(AlbScheme.INTERNET_FACING);
    assertThat(site.alb().ingressClassName()).isEqualTo("alb");
    assertThat(site.alb().healthCheckPath()).isEqualTo("/");
    assertThat(site.argocd().project()).isEqualTo("default");
    assertThat(site.argocd().namespace()).isEqualTo("argocd");
    assertThat(site.argocd().autoSync()).isTrue();
    assertThat(site.dns().orElseThrow().ttl()).isEqualTo(300);
    assertThat(site.destinationNamespace()).isEqualTo("shop");
    assertThat(site.owner()).isEqualTo("site.preview-jdoe-checkout");
    assertThat(site.loadBalancerName()).isEqualTo("preview-jdoe-checkout");
  }

  @Test
  void aProductionSiteWithEverythingGiven() {
    Site site = production().build();

    assertThat(site.destinationNamespace()).isEqualTo("shop-prod");
    assertThat(site.expiresAt(CREATED)).isEmpty();
    assertThat(site.isExpired(CREATED, Instant.MAX)).isFalse();
    Site other = production().name("shop-admin").addHosts("admin.shop.example.com").build();
    assertThat(site.loadBalancerName())
        .as("derived from the group, so that every site of the group agrees")
        .isEqualTo(other.loadBalancerName())
        .isEqualTo(Names.loadBalancer("shop.public"))
        .isEqualTo("shop-public-8f3ff700");
    assertThat(site.withAlb(site.alb().withLoadBalancerName("Shop-Internal-1")).loadBalancerName()).isEqualTo("Shop-Internal-1");
  }

  @Test
  void aLongSiteNameGetsAnAlbNameWithinBudget() {
    Site site = preview().name("preview-jdoe-feature-checkout-redesign-with-new-cart").build();

    assertThat(site.loadBalancerName()).hasSizeLessThanOrEqualTo(32).startsWith("preview-jdoe-feature-ch-");
  }

  @Test
  void everythingMissingIsReportedAtOnce() {
    assertThat(violations(() -> Site.builder().build()))
        .extracting(Violation::path, Violation::message)
        .containsExactly(
            tuple("name", "is required"),
            tuple("tenant", "is required"),
            tuple("environment", "is required"),
            tuple("hosts", "at least one host is required"),
            tuple("components", "at least one component is required (a name and the source its Argo CD Application deploys)"),
            tuple("dns", "is required when tls.mode is acm: the certificate is validated through records in the hosted zone"));
  }

  @Test
  void manyViolationsAreReportedWithTheirPaths() {
    List<Violation> found = violations(() -> Site.builder()
        .name("Preview_JDoe")
        .tenant("shop")
        .environment(Environment.PREVIEW)
        .addHosts("a.shop.example.com", "*.shop.example.com", "a.shop.example.com", "shop.example.org")
        .addComponents(Component.of("web", Source.builder().repoURL("ftp://example.com/repo").targetRevision("feature..x").build()))
        .tls(Tls.builder().mode(TlsMode.EXISTING).build())
        .dns(Dns.builder().hostedZone("shop.example.com").ttl(0).weight(256).build())
        .alb(Alb.builder().loadBalancerName("internal-shop").healthCheckPath("healthz").build())
        .build());

    assertThat(found).extracting(Violation::path).containsExactly(
        "name",
        "hosts[1]",
        "hosts[2]",
        "hosts[3]",
        "components[0].source.repoURL",
        "components[0].source.targetRevision",
        "components[0].source",
        "tls.certificateArn",
        "dns.ttl",
        "dns.weight",
        "dns.setIdentifier",
        "alb.loadBalancerName",
        "alb.healthCheckPath",
        "expiry");
    assertThat(found.get(1).message()).contains("wildcard");
    assertThat(found.get(2).message()).isEqualTo("\"a.shop.example.com\" is listed twice");
    assertThat(found.get(3).message()).isEqualTo("\"shop.example.org\" is not in the hosted zone shop.example.com");
    assertThat(found.get(8).message()).isEqualTo("0 is out of range: 1 to 172800 seconds");
  }

  @Test
  void theExceptionMessageListsEveryViolation() {
    assertThatThrownBy(() -> preview().name("x_y").tenant("").build())
        .hasMessage("invalid Site x_y (2 problems):\n"
            + "  name: \"x_y\" is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)\n"
            + "  tenant: must not be empty");
  }

  @Test
  void namesAreBounded() {
    assertThat(violationsOf(b -> b.name("a".repeat(59)).tenant("t".repeat(57))))
        .extracting(Violation::path, Violation::message)
        .containsExactly(
            tuple("name", "\"" + "a".repeat(59) + "\" is 59 characters; at most 58 are allowed"),
            tuple("tenant", "\"" + "t".repeat(57) + "\" is 57 characters; at most 56 are allowed"));
    assertThat(preview().name("a".repeat(58)).tenant("t".repeat(56)).build().owner()).as("fits a label value").hasSize(63);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://github.com/acme/shop-deploy.git",
      "https://gitlab.example.com:8443/group/sub/repo",
      "ssh://git@github.com/acme/shop-deploy.git",
      "ssh://github.com/acme/shop-deploy.git",
      "git@github.com:acme/shop-deploy.git"})
  void gitRepositoryUrls(String url) {
    assertThat(withSource(preview(), gitSource().repoURL(url).build()).build().components().get(0).source().repoURL()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://github.com/acme/shop-deploy.git",
      "github.com/acme/shop-deploy.git",
      "file:///srv/git/shop.git",
      "https:///no-host",
      "https://github.com/acme/shop deploy.git",
      "git@github.com:/abs.git",
      "oci://registry.example.com/charts",
      ""})
  void notGitRepositoryUrls(String url) {
    assertThat(violationsOf(b -> withSource(b, gitSource().repoURL(url).build())))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("components[0].source.repoURL", "\"" + url + "\" is not a Git repository URL "
            + "(https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://jdoe:ghp_secret@github.com/acme/shop.git", "https://token@github.com/acme/shop.git",
      "ssh://git:secret@github.com/acme/shop.git"})
  void credentialsInRepositoryUrlsAreRejected(String url) {
    assertThat(violationsOf(b -> withSource(b, gitSource().repoURL(url).build())))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("components[0].source.repoURL", "\"" + url + "\" must not hold credentials: Argo CD takes them from its repository secrets"));
  }

  @Test
  void chartRepositoriesAreHttpsOrOci() {
    Source chart = Source.builder().repoURL("https://charts.example.com").chart("shop").targetRevision(">=1.0.0 <2.0.0").build();
    assertThat(withSource(preview(), chart).build().components().get(0).source().chart()).contains("shop");

    assertThat(violationsOf(b -> withSource(b, chart.withRepoURL("git@github.com:acme/charts.git").withChart("Shop"))))
        .extracting(Violation::path)
        .containsExactly("components[0].source.repoURL", "components[0].source.chart");
  }

  @ParameterizedTest
  @ValueSource(strings = {"main", "v1.4.2", "3f2a9c1", "release/2026.03", "HEAD", "0123456789abcdef0123456789abcdef01234567"})
  void gitRevisions(String revision) {
    assertThat(withSource(preview(), gitSource().targetRevision(revision).build()).build().components().get(0).source().targetRevision()).isEqualTo(revision);
  }

  @ParameterizedTest
  @ValueSource(strings = {"feature x", "a..b", "topic~1", "HEAD^", "refs:heads", "what?", "br*", "br[0]", "a@{1}", "-x",
      "feature/", "x.lock", ".hidden"})
  void notGitRevisions(String revision) {
    assertThat(violationsOf(b -> withSource(b, gitSource().targetRevision(revision).build())))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("components[0].source.targetRevision", "\"" + revision + "\" is not a branch, tag or commit SHA"));
  }

  @Test
  void aBlankRevisionIsNamedAsSuch() {
    assertThat(violationsOf(b -> withSource(b, gitSource().targetRevision(" ").build())))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("components[0].source.targetRevision", "must not be blank"));
  }

  @Test
  void pathAndChartAreExclusive() {
    String message = "give exactly one of path (a chart directory in a Git repository) and chart (a chart name in a Helm repository)";
    Source both = Source.builder().repoURL("https://charts.example.com").targetRevision("1.0.0").path("charts/shop").chart("shop").build();
    Source neither = Source.builder().repoURL("https://github.com/acme/shop.git").targetRevision("main").build();

    assertThat(violationsOf(b -> withSource(b, both))).extracting(Violation::path, Violation::message).containsExactly(tuple("components[0].source", message));
    assertThat(violationsOf(b -> withSource(b, neither))).extracting(Violation::path, Violation::message).containsExactly(tuple("components[0].source", message));
  }

  @Test
  void pathsStayInsideTheRepository() {
    assertThat(withSource(preview(), gitSource().path(".").build()).build().components().get(0).source().path()).contains(".");
    for (String path : List.of("/charts/shop", "../other", "charts/../../x", "")) {
      assertThat(violationsOf(b -> withSource(b, gitSource().path(path).build())))
          .extracting(Violation::path)
          .as(path)
          .containsExactly("components[0].source.path");
    }
  }

  @Test
  void valueFilesAndInlineValues() {
    assertThat(violationsOf(b -> withSource(b, gitSource().addValueFiles("values.yaml", " ").values("- a\n- b\n").build())))
        .extracting(Violation::path, Violation::message)
        .containsExactly(
            tuple("components[0].source.valueFiles[1]", "must not be blank"),
            tuple("components[0].source.values", "must be a YAML mapping of Helm values (key: value), not a list"));
    assertThat(violationsOf(b -> withSource(b, gitSource().values("image: {tag: v1").build())))
        .extracting(Violation::path)
        .containsExactly("components[0].source.values");
    assertThat(withSource(preview(), gitSource().values("").build()).build().components().get(0).source().values()).contains("");
  }

  @Test
  void tlsModesAreConsistent() {
    assertThat(violationsOf(b -> b.tls(Tls.builder().certificateArn(ARN).build())))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("tls.certificateArn", "is only used when tls.mode is existing, not acm"));
    assertThat(violationsOf(b -> b.tls(Tls.existing("arn:aws:iam::123456789012:role/x"))))
        .extracting(Violation::path)
        .containsExactly("tls.certificateArn");
    assertThat(violationsOf(b -> b.tls(Tls.builder().mode(null).build())))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("tls.mode", "is required"));
    assertThat(preview().tls(Tls.none()).dns(Optional.empty()).build().dns()).isEmpty();
    assertThat(preview().tls(Tls.existing("arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"))
        .build().tls().mode()).isEqualTo(TlsMode.EXISTING);
  }

  @Test
  void weightedRecordsNeedBothWeightAndSetIdentifier() {
    assertThat(violationsOf(b -> b.dns(Dns.builder().hostedZone("shop.example.com").setIdentifier("x".repeat(129)).build())))
        .extracting(Violation::path, Violation::message)
        .containsExactly(
            tuple("dns.setIdentifier", "must be 1 to 128 characters"),
            tuple("dns.weight", "is required when dns.setIdentifier is given"));
    assertThat(violationsOf(b -> b.dns(Dns.builder().hostedZone("example").hostedZoneId("/hostedzone/Z1").ttl(172_801).weight(-1).setIdentifier("blue").build())))
        .extracting(Violation::path)
        .containsExactly("dns.hostedZone", "dns.hostedZoneId", "dns.ttl", "dns.weight");
    Dns weighted = preview().dns(Dns.builder().hostedZone("shop.example.com").weight(0).setIdentifier("green").ttl(172_800).build()).build().dns().orElseThrow();
    assertThat(weighted.weight()).contains(0);
  }

  @Test
  void albSettings() {
    assertThat(violationsOf(b -> b.alb(Alb.builder().groupName("Shop_Group").loadBalancerName("a".repeat(33))
            .ingressClassName("ALB").scheme(null).healthCheckPath("/a b").build())))
        .extracting(Violation::path)
        .containsExactly("alb.ingressClassName", "alb.scheme", "alb.groupName", "alb.loadBalancerName", "alb.healthCheckPath");
    assertThat(violationsOf(b -> b.argocd(ArgoCd.builder().project("Shop").namespace("argo.cd").build())))
        .extracting(Violation::path)
        .containsExactly("argocd.project", "argocd.namespace");
  }

  @Test
  void expiryDependsOnTheEnvironment() {
    assertThat(violationsOf(b -> b.expiry(Optional.empty())))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("expiry", "is required for a preview (a time to live such as 72h, or an instant)"));
    assertThat(violations(() -> production().expiry(Expiry.parse("30d")).build()))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("expiry", "a production site never expires; remove expiry or use environment staging"));
    assertThat(preview().environment(Environment.STAGING).expiry(Optional.empty()).build().expiry()).isEmpty();
    assertThat(preview().environment(Environment.STAGING).build().expiry()).contains(Expiry.parse("3d"));
  }

  @Test
  void expiresAfterItsTimeToLiveOrAtItsInstant() {
    Site ttl = preview().build();
    assertThat(ttl.expiresAt(CREATED)).contains(Instant.parse("2026-03-04T10:00:00Z"));
    assertThat(ttl.isExpired(CREATED, Instant.parse("2026-03-04T09:59:59Z"))).isFalse();
    assertThat(ttl.isExpired(CREATED, Instant.parse("2026-03-04T10:00:00Z"))).isTrue();

    Site fixed = preview().expiry(Expiry.at(Instant.parse("2026-03-02T00:00:00Z"))).build();
    assertThat(fixed.expiresAt(CREATED)).contains(Instant.parse("2026-03-02T00:00:00Z"));
    assertThat(fixed.isExpired(CREATED, Instant.parse("2026-03-02T00:00:00Z"))).isTrue();
  }

  @Test
  void javaSerializationRoundTrip() throws Exception {
    for (Site site : List.of(preview().build(), production().build())) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(site);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        assertThat(in.readObject()).isEqualTo(site);
      }
    }
  }

  @Test
  void jacksonRoundTripWithSpecNames() throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    for (Site site : List.of(preview().build(), production().build())) {
      assertThat(json.readValue(json.writeValueAsString(site), Site.class)).isEqualTo(site);
    }

    JsonNode tree = json.valueToTree(production().build());
    assertThat(tree.get("environment").asText()).isEqualTo("production");
    assertThat(tree.at("/components/0/source/repoURL").asText()).isEqualTo("oci://registry.example.com/charts");
    assertThat(tree.at("/tls/mode").asText()).isEqualTo("existing");
    assertThat(tree.at("/dns/setIdentifier").asText()).isEqualTo("blue");
    assertThat(tree.at("/alb/scheme").asText()).isEqualTo("internal");
    assertThat(tree.at("/argocd/autoSync").asBoolean(true)).isFalse();
    assertThat(tree.has("owner")).isFalse();
    assertThat(tree.has("loadBalancerName")).isFalse();
    assertThat(json.valueToTree(preview().build()).get("expiry").asText()).isEqualTo("3d");
  }

  @Test
  void readsTheYamlOfASpec() throws Exception {
    String yaml = String.join("\n",
        "name: preview-jdoe-checkout",
        "tenant: shop",
        "environment: preview",
        "hosts: [jdoe-checkout.preview.shop.example.com]",
        "components:",
        "- name: web",
        "  source:",
        "    repoURL: git@github.com:acme/shop-deploy.git",
        "    targetRevision: feature/checkout",
        "    path: charts/shop",
        "    values: |",
        "      replicaCount: 1",
        "tls: {mode: acm}",
        "dns: {hostedZone: shop.example.com, ttl: 60}",
        "alb: {scheme: internet-facing, groupName: previews}",
        "expiry: 2026-03-08T00:00:00Z",
        "");
    Site site = new ObjectMapper(new YAMLFactory()).findAndRegisterModules().readValue(yaml, Site.class);

    assertThat(site.environment()).isEqualTo(Environment.PREVIEW);
    assertThat(site.components().get(0).source().values()).contains("replicaCount: 1\n");
    assertThat(site.dns().orElseThrow().ttl()).isEqualTo(60);
    assertThat(site.alb().groupName()).contains("previews");
    assertThat(site.expiresAt(CREATED)).contains(Instant.parse("2026-03-08T00:00:00Z"));
  }

  @Test
  void unquotedYamlNumbersStayAsWritten() throws Exception {
    String yaml = "repoURL: https://charts.example.com\nchart: shop\ntargetRevision: 1.10\n";

    Source source = new ObjectMapper(new YAMLFactory()).findAndRegisterModules().readValue(yaml, Source.class);

    assertThat(source.targetRevision()).isEqualTo("1.10");
  }

  @Test
  void readingAnInvalidSpecReportsEveryViolation() {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    assertThatThrownBy(() -> json.readValue("{\"name\":\"shop\",\"environment\":\"preview\",\"dns\":{\"hostedZone\":\"example.com\"}}", Site.class))
        .rootCause()
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Violation::path)
            .containsExactly("tenant", "hosts", "components", "expiry"));
    assertThatThrownBy(() -> json.readValue("{\"environment\":\"qa\"}", Site.class))
        .hasMessageContaining("\"qa\" is not an environment (production, staging or preview)");
  }
}
