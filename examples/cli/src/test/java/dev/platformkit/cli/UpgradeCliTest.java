package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.cli.Cli.Run;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code platform upgrade plan}: offline on manifest files, on a live cluster (the fabric8 mock API server),
 * the output formats, exit statuses and errors.
 */
class UpgradeCliTest {
  @TempDir
  Path dir;

  private Path manifests;

  @BeforeEach
  void manifests() throws IOException {
    manifests = Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(manifests.resolve("storefront.yaml"), """
        apiVersion: v1
        kind: Service
        metadata: {name: storefront, namespace: shop}
        spec: {ports: [{port: 80}]}
        ---
        apiVersion: networking.k8s.io/v1beta1
        kind: Ingress
        metadata:
          name: storefront
          namespace: shop
        spec:
          rules: [{host: shop.example.com}]
        """);
    Files.writeString(manifests.resolve("nightly.json"), """
        {"apiVersion": "batch/v1beta1", "kind": "CronJob", "metadata": {"name": "nightly", "namespace": "batch"},
         "spec": {"schedule": "0 2 * * *"}}
        """);
  }

  @Test
  void offlineOnFilesPrintsMarkdown() {
    Run run = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.27", "-f", manifests.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith("# Upgrade plan: cluster 1.20 to 1.27\n\n**Strategy:** blue-green\n")
        .contains("| 1.21 → 1.22 | **1** |")
        .contains("`REMOVED_API` networking.k8s.io/v1beta1 Ingress shop/storefront is no longer served from 1.22 — `Ingress shop/storefront` at `"
            + manifests.resolve("storefront.yaml") + ":6`")
        .contains("`REMOVED_API` batch/v1beta1 CronJob batch/nightly is no longer served from 1.25");
  }

  @Test
  void jsonAndHtmlOutputs() throws IOException {
    Run json = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.27", "-f", manifests.toString(), "--strategy", "in-place",
        "--name", "shop-prod", "--output", "json");
    Run html = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.27", "-f", manifests.toString(), "-o", "html");

    assertThat(json.status()).as(json.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertThat(report.get("cluster").asText()).isEqualTo("shop-prod");
    assertThat(report.get("strategy").asText()).isEqualTo("in-place");
    assertThat(report.get("hops")).hasSize(7);
    assertThat(report.get("findings").get(1).get("location").asText()).isEqualTo(manifests.resolve("storefront.yaml") + ":6");
    assertThat(html.status()).as(html.err()).isZero();
    assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("<ol class=\"timeline\">").endsWith("</html>\n");
  }

  @Test
  void detailedExitCodeIsTwoWithBlockersAndZeroWithout() throws IOException {
    Path clean = Files.createDirectories(dir.resolve("clean"));
    Files.writeString(clean.resolve("ingress.yaml"), "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a, namespace: b}\n");

    Run blocked = Cli.run("upgrade", "plan", "--from", "1.21", "--to", "1.22", "-f", manifests.toString(), "--detailed-exitcode");
    Run plain = Cli.run("upgrade", "plan", "--from", "1.21", "--to", "1.22", "-f", manifests.toString());
    // 1.29 brings only warnings and notes
    Run fine = Cli.run("upgrade", "plan", "--from", "1.28", "--to", "1.29", "-f", clean.toString(), "--detailed-exitcode");

    assertThat(blocked.status()).as(blocked.err()).isEqualTo(2);
    assertThat(blocked.out()).contains("**1 blocker(s)**");
    assertThat(plain.status()).isZero();
    assertThat(fine.status()).as(fine.out()).isZero();
    assertThat(fine.out()).contains("No blockers");
  }

  @Test
  void usageErrorsAreExitStatusFour() {
    Run noFrom = Cli.run("upgrade", "plan", "--to", "1.27", "-f", manifests.toString());
    Run nothing = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.27");
    Run regionAlone = Cli.run("upgrade", "plan", "--to", "1.27", "--region", "eu-west-1");
    Run badVersion = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.2x", "-f", manifests.toString());
    Run badFormat = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.27", "-f", manifests.toString(), "-o", "pdf");
    Run alone = Cli.run("upgrade");

    assertThat(noFrom.status()).isEqualTo(1);
    assertThat(noFrom.err()).isEqualTo("error: --from is required offline: only a cluster or EKS says which version it runs\n");
    assertThat(nothing.status()).isEqualTo(1);
    assertThat(nothing.err()).startsWith("error: nothing to scan: give -f PATH for manifests");
    assertThat(regionAlone.status()).isEqualTo(1);
    assertThat(regionAlone.err()).isEqualTo("error: --region needs --cluster NAME, the EKS cluster to read\n");
    assertThat(badVersion.status()).isEqualTo(1);
    assertThat(badVersion.err()).contains("\"1.2x\" is not a Kubernetes version");
    assertThat(badFormat.status()).isEqualTo(1);
    assertThat(badFormat.err()).contains("pdf");
    assertThat(alone.status()).isEqualTo(1);
    assertThat(alone.err()).contains("Usage: platform upgrade");
  }

  @Test
  void badInputIsExitStatusOne() {
    Run backwards = Cli.run("upgrade", "plan", "--from", "1.27", "--to", "1.25", "-f", manifests.toString());
    Run missing = Cli.run("upgrade", "plan", "--from", "1.20", "--to", "1.21", "-f", dir.resolve("nope").toString());

    assertThat(backwards.status()).isEqualTo(1);
    assertThat(backwards.err()).contains("--to: 1.25 is not after --from 1.27");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("error: manifest path " + dir.resolve("nope") + " does not exist\n");
  }

  @Test
  void unreadableManifestsAreWarningsAndTheRestIsPlanned() throws IOException {
    Files.writeString(manifests.resolve("broken.yaml"), "apiVersion: v1\nkind: [unclosed\n");

    Run run = Cli.run("upgrade", "plan", "--from", "1.21", "--to", "1.22", "-f", manifests.toString());

    assertThat(run.status()).isZero();
    assertThat(run.err()).contains("warning: " + manifests.resolve("broken.yaml")).contains("1 problem(s) scanning " + manifests);
    assertThat(run.out()).contains("Ingress shop/storefront");
  }

  /**
   * CRUD mode for objects, fixed answers for {@code paths}: the CRUD dispatcher alone answers any other GET
   * ({@code /version}, {@code /apis}, {@code /metrics}) with every object it holds, and ignores expectations.
   */
  static final class FixedPathsDispatcher extends KubernetesCrudDispatcher {
    private final Map<String, Object> paths;

    FixedPathsDispatcher(Map<String, Object> paths) {
      this.paths = paths;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      Object body = request.getMethod().equalsIgnoreCase("GET") ? paths.get(request.getPath().split("\\?", 2)[0]) : null;
      if (body == null) {
        return super.dispatch(request);
      }
      try {
        return body instanceof String text
            ? new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain; version=0.0.4").setBody(text)
            : new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(new ObjectMapper().writeValueAsString(body));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  // the mock server logs every request through java.util.logging; held so that the level sticks
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private static Map<String, Object> resource(String name, String kind, boolean namespaced) {
    return Map.of("name", name, "singularName", "", "kind", kind, "namespaced", namespaced, "verbs", List.of("get", "list", "watch"));
  }

  /**
   * A 1.28 cluster (the fabric8 mock API server in CRUD mode, answering {@code /version} and discovery as 1.28
   * does) holding a FlowSchema last applied as flowcontrol v1beta2, which 1.29 no longer serves: what the
   * API server returns is the object at its preferred version, v1beta3; only the annotation tells.
   */
  @Test
  void aLiveClusterIsScannedAndItsObjectsAreInTheReport() throws IOException {
    MOCK_LOG.setLevel(Level.WARNING);
    // what is not an object (version, discovery, metrics) is answered as a 1.28 server does; objects are stored
    Map<String, Object> fixed = Map.of(
        "/version", Map.of("major", "1", "minor", "28", "gitVersion", "v1.28.5-eks-5e0fdde", "platform", "linux/amd64"),
        "/apis", Map.of("kind", "APIGroupList", "apiVersion", "v1",
            "groups", List.of(Map.of("name", "flowcontrol.apiserver.k8s.io",
                "versions", List.of(Map.of("groupVersion", "flowcontrol.apiserver.k8s.io/v1beta3", "version", "v1beta3"),
                    Map.of("groupVersion", "flowcontrol.apiserver.k8s.io/v1beta2", "version", "v1beta2")),
                "preferredVersion", Map.of("groupVersion", "flowcontrol.apiserver.k8s.io/v1beta3", "version", "v1beta3")))),
        "/apis/flowcontrol.apiserver.k8s.io/v1beta3", Map.of("kind", "APIResourceList", "apiVersion", "v1",
            "groupVersion", "flowcontrol.apiserver.k8s.io/v1beta3",
            "resources", List.of(resource("flowschemas", "FlowSchema", false),
                resource("prioritylevelconfigurations", "PriorityLevelConfiguration", false))),
        "/metrics", "# HELP apiserver_requested_deprecated_apis Gauge of deprecated APIs that have been requested, broken out by API"
            + " group, version, resource, subresource, and removed_release.\n# TYPE apiserver_requested_deprecated_apis gauge\n");
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new FixedPathsDispatcher(fixed), false);
    server.init();
    try (KubernetesClient client = server.createClient()) {
      ResourceDefinitionContext flowSchemas = new ResourceDefinitionContext.Builder().withGroup("flowcontrol.apiserver.k8s.io")
          .withVersion("v1beta3").withKind("FlowSchema").withPlural("flowschemas").withNamespaced(false).build();
      GenericKubernetesResource flowSchema = new GenericKubernetesResourceBuilder()
          .withApiVersion("flowcontrol.apiserver.k8s.io/v1beta3").withKind("FlowSchema")
          .withNewMetadata().withName("catch-all-custom").addToAnnotations("kubectl.kubernetes.io/last-applied-configuration",
              "{\"apiVersion\":\"flowcontrol.apiserver.k8s.io/v1beta2\",\"kind\":\"FlowSchema\",\"metadata\":{\"annotations\":{},"
                  + "\"name\":\"catch-all-custom\"},\"spec\":{\"matchingPrecedence\":9000}}").endMetadata()
          .addToAdditionalProperties("spec", Map.of("matchingPrecedence", 9000)).build();
      client.genericKubernetesResources(flowSchemas).resource(flowSchema).create();
      Path kubeconfig = Cli.kubeconfig(dir.resolve("kubeconfig"), "mock", server.url("/"));

      Run run = Cli.run("upgrade", "plan", "--to", "1.29", "--kubeconfig", kubeconfig.toString(), "--detailed-exitcode");

      assertThat(run.status()).as(run.err() + run.out()).isEqualTo(2);
      assertThat(run.err()).isEmpty();
      assertThat(run.out()).startsWith("# Upgrade plan: cluster 1.28.5 to 1.29\n")
          .contains("| 1.28 → 1.29 | **1** |")
          .contains("`REMOVED_API` flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema catch-all-custom is no longer served from 1.29 (as last"
              + " applied) — `FlowSchema catch-all-custom` at `last-applied of FlowSchema catch-all-custom`")
          // the 1.28 cluster cannot serve v1 yet: the plan moves the manifest to v1beta3 first
          .contains("`migrate-api` rewrite flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema to flowcontrol.apiserver.k8s.io/v1beta3"
              + " (served since 1.26; flowcontrol.apiserver.k8s.io/v1 is served only from 1.29) before the control plane goes 1.28 -&gt; 1.29");
    } finally {
      server.destroy();
    }
  }

  @Test
  void aClusterThatDoesNotAnswerIsExitStatusThree() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    Path kubeconfig = Cli.kubeconfig(dir.resolve("kubeconfig"), "gone", "https://127.0.0.1:" + port);

    Run run = Cli.run("upgrade", "plan", "--to", "1.27", "--kubeconfig", kubeconfig.toString(), "--request-timeout", "2s");

    assertThat(run.status()).as(run.out()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot read the version of the cluster at https://127.0.0.1:" + port + "/: ");
  }
}
