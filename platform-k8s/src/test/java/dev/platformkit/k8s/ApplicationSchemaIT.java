package dev.platformkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.platformkit.site.Alb;
import dev.platformkit.site.AlbScheme;
import dev.platformkit.site.ArgoCd;
import dev.platformkit.site.Component;
import dev.platformkit.site.Dns;
import dev.platformkit.site.Environment;
import dev.platformkit.site.Expiry;
import dev.platformkit.site.Site;
import dev.platformkit.site.SiteObjects;
import dev.platformkit.site.Source;
import dev.platformkit.site.Tls;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.Tracking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Argo CD Application a site renders, exactly as the Kubernetes backend sends it (the body of its
 * POST to a mock server), is valid against the official Application CRD schema in
 * {@code ../shared/reference/argocd-application-crd.yaml} ({@code spec.versions[v1alpha1].schema.openAPIV3Schema},
 * the whole object). The schema is read strictly, as {@code kubectl}'s {@code fieldValidation=Strict} does: an
 * object schema that lists properties and does not preserve unknown fields refuses others, so that a
 * misspelled field is an error here instead of being pruned silently by the API server. The validator is
 * shown to catch what the recorded server refused ({@code 16-argocd-application-invalid}). Skipped when
 * {@code ../shared} is absent.
 */
class ApplicationSchemaIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String ARN = "arn:aws:acm:eu-central-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    Path crd = crd();
    if (crd == null) {
      return;
    }
    JsonNode root = YAML.readTree(crd.toFile());
    JsonNode openApi = null;
    for (JsonNode version : root.path("spec").path("versions")) {
      if (version.path("name").asText().equals("v1alpha1")) {
        openApi = version.path("schema").path("openAPIV3Schema");
      }
    }
    assertThat(openApi).as("v1alpha1 openAPIV3Schema in %s", crd).isNotNull();
    assertThat(openApi.path("properties").path("spec").path("required")).isNotEmpty();
    ObjectNode strict = openApi.deepCopy();
    strict(strict);
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
        .getSchema(JSON.writeValueAsString(strict), InputFormat.JSON);
  }

  static Path crd() {
    Path recordings = RealisticDispatcherIT.root();
    Path crd = recordings == null ? null : recordings.getParent().resolve("argocd-application-crd.yaml");
    return crd != null && Files.isRegularFile(crd) ? crd : null;
  }

  // structural schemas prune unknown fields; strict field validation refuses them: so does this schema
  private static void strict(JsonNode node) {
    if (node instanceof ObjectNode o) {
      if (o.has("properties") && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
          && !o.has("additionalProperties")) {
        o.put("additionalProperties", false);
      }
      for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
        strict(it.next());
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(ApplicationSchemaIT::strict);
    }
  }

  static Source git(String repo, String path) {
    return Source.builder().repoURL("https://github.com/acme/" + repo + ".git").targetRevision("main").path(path).build();
  }

  static Site.Builder site(String name) {
    return Site.builder().name(name).tenant("shop").environment(Environment.PRODUCTION)
        .addHosts(name + ".shop.example.com").dns(Dns.zone("shop.example.com"));
  }

  /** Sites that use every rendering path: one and three components, path and chart, values, previews. */
  static List<Site> sites() {
    return List.of(
        site("shop").addComponents(Component.of("web", git("shop", "charts/shop"))).build(),
        site("brand").addHosts("www.brand.shop.example.com")
            .addComponents(Component.of("storefront", git("storefront", ".").withValueFiles("values.yaml", "values-prod.yaml")
                    .withValues("replicaCount: 3\nresources:\n  requests: {cpu: 500m, memory: 1Gi}\nfeature: {flags: [a, b], ratio: 0.25}\n")),
                Component.of("api", Source.builder().repoURL("oci://registry.example.com/charts").chart("shop-api").targetRevision("1.4.*")
                    .values("ingress:\n  hosts:\n  - host: x\n    paths: [{path: /api, pathType: Prefix}]\n").build()),
                Component.of("admin", Source.builder().repoURL("https://charts.example.com").chart("admin").targetRevision("2.0.1").build()))
            .namespace("shop-prod")
            .tls(Tls.existing(ARN))
            .alb(Alb.builder().scheme(AlbScheme.INTERNAL).groupName("brands.internal").healthCheckPath("/healthz").build())
            .argocd(ArgoCd.builder().project("shop").namespace("gitops").autoSync(false).build())
            .build(),
        site("preview-jdoe-checkout").environment(Environment.PREVIEW).expiry(Expiry.parse("72h"))
            .addComponents(
                Component.builder().name("web").source(git("shop", "charts/shop")).branch("feature/JIRA-1234_new-checkout-flow").build(),
                Component.builder().name("api").source(git("shop-api", "charts/api").withValues("")).branch("feature/x").build())
            .tls(Tls.none()).build(),
        site("b" + "r".repeat(Site.MAX_NAME_LENGTH - 1)).environment(Environment.STAGING)
            .addComponents(Component.of("c" + "o".repeat(62), git("long", "charts/long"))).build());
  }

  static Stream<Site> everySite() {
    return sites().stream();
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("everySite")
  void everyApplicationAsSentIsValidAgainstTheCrdSchema(Site site) throws IOException {
    assumeTrue(schema != null, "../shared/reference/argocd-application-crd.yaml is absent");
    Optional<String> arn = site.tls().mode() == dev.platformkit.site.TlsMode.ACM ? Optional.of(ARN) : Optional.empty();
    List<JsonNode> sent = sent(SiteObjects.applications(site, arn));

    assertThat(sent).hasSize(site.components().size());
    for (JsonNode app : sent) {
      assertThat(errors(app)).as("%s", app.path("metadata").path("name")).isEmpty();
      assertThat(app.path("metadata").path("finalizers")).containsExactly(JSON.valueToTree("resources-finalizer.argocd.argoproj.io"));
      assertThat(app.has("status")).isFalse();
    }
  }

  // what the Kubernetes backend POSTs for these Applications (with the change record the engine adds)
  private static List<JsonNode> sent(List<Resource> apps) throws IOException {
    try (MockCluster cluster = MockCluster.verbatim()) {
      KubernetesBackend backend = KubernetesBackend.create(cluster.client);
      for (Resource app : apps) {
        backend.create(SiteObjects.APPLICATION, Tracking.ANNOTATIONS.record(app));
      }
      List<JsonNode> out = new ArrayList<>();
      for (MockCluster.Request r : cluster.takeRequests()) {
        assertThat(r.method()).isEqualTo("POST");
        out.add(JSON.readTree(r.body()));
      }
      return out;
    }
  }

  private static List<String> errors(JsonNode object) throws IOException {
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(JSON.writeValueAsString(object), InputFormat.JSON)) {
      out.add(path(e) + ": " + e.getMessage());
    }
    return out;
  }

  // the API server's field path: spec.syncPolicy.automated.prune; a missing or unknown property is named
  private static String path(Error e) {
    // the validator gives JSON pointers (/spec/ignoreDifferences/0): the server's spec.ignoreDifferences[0]
    StringBuilder field = new StringBuilder();
    for (String segment : e.getInstanceLocation().toString().split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      String key = segment.replace("~1", "/").replace("~0", "~");
      field.append(key.matches("\\d+") ? "[" + key + "]" : (field.length() == 0 ? "" : ".") + key);
    }
    String at = field.toString();
    boolean named = e.getKeyword().equals("required") || e.getKeyword().equals("additionalProperties");
    return named && e.getProperty() != null ? (at.isEmpty() ? "" : at + ".") + e.getProperty() : at;
  }

  private static Stream<String> recordedInvalid() {
    return Stream.of("1-prune-string", "2-unknown-fields-default", "3-unknown-fields-strict", "4-missing-required",
        "5-string-instead-of-list");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordedInvalid")
  void catchesWhatTheRecordedServerRefusedOrPruned(String step) throws IOException {
    assumeTrue(schema != null, "../shared/reference/argocd-application-crd.yaml is absent");
    Path dir = RealisticDispatcherIT.root().resolve("16-argocd-application-invalid");
    JsonNode request = JSON.readTree(dir.resolve(step + ".request.json").toFile());
    JsonNode response = JSON.readTree(dir.resolve(step + ".response.json").toFile());

    TreeSet<String> expected = new TreeSet<>();
    if (response.path("kind").asText().equals("Status")) {
      response.path("details").path("causes").forEach(c -> expected.add(c.path("field").asText()));
    }
    if (expected.isEmpty()) {
      // accepted with warnings (unknown fields pruned) or refused by strict decoding: the two unknown fields
      expected.addAll(List.of("spec.sourceRepo", "spec.syncPolicy.automated.prunee"));
      String body = Files.readString(dir.resolve(step + ".response" + (step.startsWith("2") ? "-headers.txt" : ".json")));
      expected.forEach(f -> assertThat(body).contains(f));
    }

    TreeSet<String> found = new TreeSet<>();
    for (Error e : schema.validate(JSON.writeValueAsString(request), InputFormat.JSON)) {
      found.add(path(e));
    }
    assertThat(found).as("%s: %s", step, found).isEqualTo(expected);
  }

  @Test
  void catchesABrokenRenderedApplication() throws IOException {
    assumeTrue(schema != null, "../shared/reference/argocd-application-crd.yaml is absent");
    JsonNode good = sent(SiteObjects.applications(sites().get(0), Optional.of(ARN))).get(0);
    assertThat(errors(good)).isEmpty();

    ObjectNode broken = good.deepCopy();
    ((ObjectNode) broken.at("/spec/syncPolicy/automated")).put("prune", "true");
    ((ObjectNode) broken.at("/spec/source")).put("targetRevison", "main");
    ((ObjectNode) broken.at("/spec")).remove("destination");
    ((ObjectNode) broken.at("/spec/ignoreDifferences/0")).put("jsonPointers", "/spec/replicas");

    assertThat(errors(broken)).extracting(s -> s.substring(0, s.indexOf(':')))
        .containsExactlyInAnyOrder("spec.destination", "spec.syncPolicy.automated.prune", "spec.source.targetRevison",
            "spec.ignoreDifferences[0].jsonPointers");
    // and the values handed to the chart are free-form, as the CRD says
    ((ObjectNode) good.at("/spec/source/helm/valuesObject")).set("anything", JSON.valueToTree(Map.of("x", List.of(1, "y"))));
    assertThat(errors(good)).isEmpty();
  }
}
