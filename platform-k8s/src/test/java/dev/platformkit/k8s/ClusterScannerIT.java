package dev.platformkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformkit.upgrade.DeprecatedApi;
import dev.platformkit.upgrade.DeprecatedApis;
import dev.platformkit.upgrade.Inventory.ApiUsage;
import dev.platformkit.upgrade.Inventory.ControllerVersion;
import dev.platformkit.upgrade.Inventory.NodeVersion;
import dev.platformkit.upgrade.Inventory.Origin;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.ScanProblem;
import dev.platformkit.upgrade.ScanResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterScanner} on the recorded answers of a real v1.28 API server (../shared/reference/apiserver-v1.28:
 * discovery of case 35 and 30, the FlowSchema applied at v1beta2 and the PriorityLevelConfiguration created at
 * v1beta2 of case 30, the Helm release secret of case 14, the metric of case 31, the warning of case 32), with
 * Helm releases, nodes and controllers of an EKS cluster added around them.
 */
class ClusterScannerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Path reference;
  private ReplayApiServer api;

  @BeforeEach
  void start() throws IOException {
    reference = RealisticDispatcherIT.root();
    assumeTrue(reference != null, "../shared/reference/apiserver-v1.28 is absent: the scanner is tested on its recorded answers");
    api = new ReplayApiServer();
    api.answer("/version", 200, "{\"major\":\"1\",\"minor\":\"28\",\"gitVersion\":\"v1.28.7\",\"platform\":\"linux/amd64\"}");
    api.answer("/apis", 200, recorded("35-removed-apis/1-apis-discovery.response.json"));
    // only v1beta2's resource list was recorded; v1beta3 serves the same resources
    api.answer("/apis/flowcontrol.apiserver.k8s.io/v1beta3", 200,
        recorded("30-deprecated-flowschema-v1beta2/3-discovery-v1beta2.response.json").replace("flowcontrol.apiserver.k8s.io/v1beta2", "flowcontrol.apiserver.k8s.io/v1beta3"));
    api.answer("/apis/apps/v1", 200, resources("apps/v1", "Deployment:deployments", "DaemonSet:daemonsets", "StatefulSet:statefulsets", "ReplicaSet:replicasets"));
    api.answer("/apis/networking.k8s.io/v1", 200, resources("networking.k8s.io/v1", "Ingress:ingresses", "NetworkPolicy:networkpolicies"));
    api.answer("/metrics", 200, "# HELP apiserver_request_total Counter of apiserver requests.\n# TYPE apiserver_request_total counter\n"
        + "apiserver_request_total{code=\"200\",verb=\"GET\"} 12\n" + recorded("31-metrics-deprecated-apis/metrics-deprecated-apis.txt"));

    api.collection("/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas", "FlowSchemaList",
        List.of(tree(recorded("30-deprecated-flowschema-v1beta2/6-get-preferred-v1beta3.response.json"))));
    api.collection("/apis/flowcontrol.apiserver.k8s.io/v1beta3/prioritylevelconfigurations", "PriorityLevelConfigurationList",
        List.of(tree(recorded("30-deprecated-flowschema-v1beta2/10-get-plc-v1beta3.response.json"))));
    api.collection("/apis/networking.k8s.io/v1/ingresses", "IngressList", List.of(
        object("networking.k8s.io/v1", "Ingress", "shop", "storefront", lastApplied("extensions/v1beta1", "Ingress")),
        object("networking.k8s.io/v1", "Ingress", "shop", "admin", lastApplied("networking.k8s.io/v1", "Ingress")),
        object("networking.k8s.io/v1", "Ingress", "shop", "legacy", "{not json"),
        object("networking.k8s.io/v1", "Ingress", "shop", "created", null)));
    api.collection("/apis/apps/v1/deployments", "DeploymentList", List.of(
        workload("Deployment", "kube-system", "aws-load-balancer-controller", lastApplied("apps/v1beta2", "Deployment"),
            List.of(), List.of("602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-load-balancer-controller:v2.4.7")),
        workload("Deployment", "argocd", "argocd-server", null, List.of(), List.of("quay.io/argoproj/argocd:v2.8.4")),
        workload("Deployment", "kube-system", "coredns", null, List.of(),
            List.of("602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.10.1-eksbuild.1")),
        workload("Deployment", "shop", "web", null, List.of(), List.of("nginx:1.25"))));
    api.collection("/apis/apps/v1/daemonsets", "DaemonSetList", List.of(
        workload("DaemonSet", "kube-system", "aws-node", null,
            List.of("602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init:v1.12.6-eksbuild.2"),
            List.of("602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.12.6-eksbuild.2",
                "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.0.4-eksbuild.1")),
        workload("DaemonSet", "kube-system", "kube-proxy", null, List.of(),
            List.of("602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.27.6-minimal-eksbuild.2")),
        workload("DaemonSet", "kube-system", "ebs-csi-node", null, List.of(),
            List.of("public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.25.0@sha256:0123456789abcdef"))));
    api.collection("/apis/apps/v1/replicasets", "ReplicaSetList", List.of());
    api.collection("/apis/networking.k8s.io/v1/networkpolicies", "NetworkPolicyList", List.of());
    api.collection("/apis/apps/v1/statefulsets", "StatefulSetList", List.of(
        workload("StatefulSet", "argocd", "argocd-application-controller", null, List.of(), List.of("quay.io/argoproj/argocd:v2.8.4")),
        workload("StatefulSet", "tools", "argocd-copy", null, List.of(), List.of("quay.io/argoproj/argocd:latest"))));
    api.collection("/api/v1/nodes", "NodeList", List.of(
        node("ip-10-0-1-10.ec2.internal", "general", "v1.27.9-eks-5e0fdde"),
        node("ip-10-0-2-20.ec2.internal", "general", "v1.26.12-eks-5e0fdde"),
        node("ip-10-0-3-30.ec2.internal", null, "v1.25.16-eks-5e0fdde")));

    JsonNode recordedRelease = tree(recorded("14-secret-helm-release/response.json"));
    api.collection("/api/v1/secrets", "SecretList", List.of(
        recordedRelease,
        helmSecret("shop", 2, "superseded", "rec", release("shop", "rec", 2, "superseded", INGRESS_MANIFEST, null)),
        helmSecret("shop", 3, "deployed", "rec", release("shop", "rec", 3, "deployed", INGRESS_MANIFEST, HOOK)),
        brokenSecret()));
  }

  private static final String INGRESS_MANIFEST = """
      ---
      # Source: shop/templates/service.yaml
      apiVersion: v1
      kind: Service
      metadata:
        name: shop
      ---
      # Source: shop/templates/ingress.yaml
      apiVersion: networking.k8s.io/v1beta1
      kind: Ingress
      metadata:
        name: shop
      """;
  private static final String HOOK = """
      apiVersion: batch/v1beta1
      kind: CronJob
      metadata:
        name: shop-cleanup
        annotations:
          helm.sh/hook: post-install
      """;

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void theApiVersionUsedComesFromLastAppliedHelmReleasesAndTheMetricNotFromTheServedVersion() {
    ScanResult result = ClusterScanner.create(api.client).scan();

    assertThat(result.inventory().apiUsages()).containsExactly(
        // kinds in the catalogue's order (by the minor that removes them)
        new ApiUsage("apps/v1beta2", "Deployment", "kube-system", "aws-load-balancer-controller", Origin.LAST_APPLIED,
            "last-applied of Deployment kube-system/aws-load-balancer-controller"),
        new ApiUsage("extensions/v1beta1", "Ingress", "shop", "storefront", Origin.LAST_APPLIED, "last-applied of Ingress shop/storefront"),
        // recorded: kubectl apply at v1beta2, served at v1beta3; only the annotation remembers
        new ApiUsage("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", null, "platformkit-rec", Origin.LAST_APPLIED,
            "last-applied of FlowSchema platformkit-rec"),
        new ApiUsage("networking.k8s.io/v1beta1", "Ingress", null, "shop", Origin.HELM_RELEASE,
            "helm release rec/shop revision 3 (templates/ingress.yaml)"),
        new ApiUsage("batch/v1beta1", "CronJob", null, "shop-cleanup", Origin.HELM_RELEASE,
            "helm release rec/shop revision 3 (hook templates/cleanup.yaml)"),
        new ApiUsage("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", null, null, Origin.METRIC,
            "apiserver_requested_deprecated_apis{resource=flowschemas, removed_release=1.29}"),
        new ApiUsage("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", null, null, Origin.METRIC,
            "apiserver_requested_deprecated_apis{resource=prioritylevelconfigurations, removed_release=1.29}"));
    assertThat(result.inventory().controlPlane()).contains(KubernetesVersion.parse("1.28.7"));
  }

  @Test
  void nodesAndControllersAreReadFromKubeletVersionsAndImages() {
    ScanResult result = ClusterScanner.create(api.client).scan();

    assertThat(result.inventory().nodes()).containsExactly(
        new NodeVersion("ip-10-0-1-10.ec2.internal", "general", KubernetesVersion.parse("1.27.9")),
        new NodeVersion("ip-10-0-2-20.ec2.internal", "general", KubernetesVersion.parse("1.26.12")),
        new NodeVersion("ip-10-0-3-30.ec2.internal", null, KubernetesVersion.parse("1.25.16")));
    assertThat(result.inventory().controllers()).extracting(ControllerVersion::name, ControllerVersion::version).containsExactly(
        tuple("aws-load-balancer-controller", "v2.4.7"),
        tuple("argo-cd", "v2.8.4"),
        tuple("coredns", "v1.10.1-eksbuild.1"),
        tuple("vpc-cni", "v1.12.6-eksbuild.2"),
        tuple("kube-proxy", "v1.27.6-minimal-eksbuild.2"),
        tuple("aws-ebs-csi-driver", "v1.25.0"));
    assertThat(result.inventory().nodeGroups()).isEmpty();
    assertThat(result.inventory().addOns()).isEmpty();
  }

  @Test
  void whatCannotBeReadIsAProblemAndTheRestIsScanned() {
    ScanResult result = ClusterScanner.create(api.client).scan();

    assertThat(result.problems()).extracting(ScanProblem::toString).containsExactly(
        "Ingress shop/legacy: the kubectl.kubernetes.io/last-applied-configuration annotation is not JSON: "
            + "Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
        "secret rec/sh.helm.release.v1.broken.v1: not a readable Helm release: the release is not gzip-compressed JSON: "
            + "Unrecognized token 'just': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        "StatefulSet tools/argocd-copy: runs argo-cd from image quay.io/argoproj/argocd:latest whose tag is not a version");
  }

  @Test
  void everyListIsPagedAndAPageOfOneFindsTheSame() {
    ScanResult big = ClusterScanner.create(api.client).scan();
    List<String> before = api.requests();

    ScanResult paged = ClusterScanner.create(api.client, DeprecatedApis.bundled(), 1).scan();

    assertThat(paged.inventory()).isEqualTo(big.inventory());
    assertThat(paged.problems()).isEqualTo(big.problems());
    List<String> lists = api.requests().subList(before.size(), api.requests().size()).stream().filter(r -> r.contains("limit=")).toList();
    assertThat(lists).allSatisfy(r -> assertThat(r).contains("limit=1"));
    // four Ingresses: the first page, then three continued
    assertThat(lists).filteredOn(r -> r.startsWith("/apis/networking.k8s.io/v1/ingresses")).hasSize(4)
        .last().satisfies(r -> assertThat(r).contains("continue=3"));
    assertThat(before).filteredOn(r -> r.contains("limit=")).allSatisfy(r -> assertThat(r).contains("limit=500"));
    assertThat(before).filteredOn(r -> r.startsWith("/api/v1/secrets")).singleElement()
        .satisfies(r -> assertThat(r).contains("labelSelector=owner=helm"));
  }

  @Test
  void theStreamingVariantHandsOverTheSameUsagesAndKeepsNone() {
    List<ApiUsage> seen = new ArrayList<>();

    ScanResult result = ClusterScanner.create(api.client).scan(seen::add);

    assertThat(seen).containsExactlyElementsOf(ClusterScanner.create(api.client).scan().inventory().apiUsages());
    assertThat(result.inventory().apiUsages()).isEmpty();
    assertThat(result.inventory().nodes()).hasSize(3);
  }

  @Test
  void aForbiddenMetricEndpointIsOneProblemAndTheRestStands() {
    api.answer("/metrics", 403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"forbidden: User \\\"scanner\\\" cannot get path \\\"/metrics\\\"\",\"reason\":\"Forbidden\",\"details\":{},\"code\":403}");

    ScanResult result = ClusterScanner.create(api.client).scan();

    assertThat(result.problems()).extracting(ScanProblem::location).contains("/metrics");
    assertThat(result.problems()).filteredOn(p -> p.location().equals("/metrics")).singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("forbidden (403)"));
    assertThat(result.inventory().apiUsages()).extracting(ApiUsage::origin).doesNotContain(Origin.METRIC).contains(Origin.LAST_APPLIED, Origin.HELM_RELEASE);
  }

  @Test
  void theScannerNeverRequestsADeprecatedVersionSoItTriggersNoDeprecationWarning() {
    ClusterScanner.create(api.client).scan();

    // a request to a version deprecated at the server's minor would get a Warning header (case 32); the scanner
    // lists at the preferred versions only
    KubernetesVersion server = KubernetesVersion.parse("1.28");
    List<DeprecatedApi> warned = DeprecatedApis.bundled().all().stream().filter(r -> r.isDeprecatedAt(server) || r.isRemovedAt(server)).toList();
    assertThat(warned).extracting(DeprecatedApi::apiVersion).contains("flowcontrol.apiserver.k8s.io/v1beta2");
    for (DeprecatedApi row : warned) {
      assertThat(api.requests()).noneMatch(r -> r.startsWith("/apis/" + row.apiVersion() + "/") || r.equals("/apis/" + row.apiVersion()));
    }
  }

  @Test
  void theRecordedDeprecationWarningAgreesWithTheCatalogue() throws IOException {
    // the Warning header (case 32) names the kind, the minor that deprecates it, the one that removes it and
    // the replacement: the catalogue must say the same
    Pattern warning = Pattern.compile("warning: 299 - \"(\\S+) (\\w+) is deprecated in v(\\d+\\.\\d+)\\+, unavailable in v(\\d+\\.\\d+)\\+; use (\\S+) (\\w+)\"");
    for (String file : List.of("32-deprecation-warning-header/1-get.response-headers.txt", "32-deprecation-warning-header/2-list.response-headers.txt")) {
      Matcher m = warning.matcher(recorded(file));
      assertThat(m.find()).as(file).isTrue();
      DeprecatedApi row = DeprecatedApis.bundled().lookup(m.group(1), m.group(2)).orElseThrow();
      assertThat(row.deprecatedIn()).isEqualTo(KubernetesVersion.parse(m.group(3)));
      assertThat(row.removedIn()).isEqualTo(KubernetesVersion.parse(m.group(4)));
      // the 1.28 server names the replacement it serves (v1beta3); the catalogue names the one to migrate to for
      // good (v1, from 1.29), as the upstream guide does: same group, same kind
      assertThat(row.replacement().orElseThrow()).startsWith(m.group(5).substring(0, m.group(5).indexOf('/') + 1));
      assertThat(m.group(6)).isEqualTo(row.kind());
    }
  }

  // --- fixtures

  private String recorded(String file) {
    try {
      return Files.readString(reference.resolve(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String resources(String groupVersion, String... kindAndPlural) {
    ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", groupVersion);
    var resources = list.putArray("resources");
    for (String kp : kindAndPlural) {
      String[] p = kp.split(":");
      ObjectNode r = resources.addObject().put("name", p[1]).put("singularName", p[0].toLowerCase()).put("namespaced", true).put("kind", p[0]);
      r.putArray("verbs").add("create").add("delete").add("get").add("list").add("patch").add("update").add("watch");
      resources.addObject().put("name", p[1] + "/status").put("namespaced", true).put("kind", p[0]).putArray("verbs").add("get").add("patch");
    }
    return list.toString();
  }

  private static String lastApplied(String apiVersion, String kind) {
    return "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind + "\",\"metadata\":{\"annotations\":{},\"name\":\"x\"},\"spec\":{}}\n";
  }

  private static ObjectNode object(String apiVersion, String kind, String namespace, String name, String lastApplied) {
    ObjectNode o = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
    ObjectNode meta = o.putObject("metadata").put("name", name);
    if (namespace != null) {
      meta.put("namespace", namespace);
    }
    if (lastApplied != null) {
      meta.putObject("annotations").put(ClusterScanner.LAST_APPLIED, lastApplied);
    }
    return o;
  }

  private static ObjectNode workload(String kind, String namespace, String name, String lastApplied, List<String> initImages, List<String> images) {
    ObjectNode o = object("apps/v1", kind, namespace, name, lastApplied);
    ObjectNode pod = o.putObject("spec").putObject("template").putObject("spec");
    int i = 0;
    for (String image : initImages) {
      pod.withArray("initContainers").addObject().put("name", "init-" + i++).put("image", image);
    }
    for (String image : images) {
      pod.withArray("containers").addObject().put("name", "c-" + i++).put("image", image);
    }
    return o;
  }

  private static ObjectNode node(String name, String nodeGroup, String kubelet) {
    ObjectNode o = object("v1", "Node", null, name, null);
    if (nodeGroup != null) {
      ((ObjectNode) o.get("metadata")).putObject("labels").put(ClusterScanner.NODEGROUP_LABEL, nodeGroup).put("kubernetes.io/os", "linux");
    }
    o.putObject("status").putObject("nodeInfo").put("kubeletVersion", kubelet).put("containerRuntimeVersion", "containerd://1.7.11");
    return o;
  }

  /** The release JSON as Helm 3 writes it (abridged: no chart templates), gzip-compressed and base64-encoded by Helm. */
  private static String release(String name, String namespace, int version, String status, String manifest, String hook) {
    ObjectNode r = JSON.createObjectNode().put("name", name);
    r.putObject("info").put("status", status).put("description", "Upgrade complete");
    r.putObject("chart").putObject("metadata").put("name", name).put("version", "1.4.2");
    r.putObject("config").put("replicaCount", 2);
    r.put("manifest", manifest);
    if (hook != null) {
      r.putArray("hooks").addObject().put("name", name + "-cleanup").put("kind", "CronJob").put("path", "templates/cleanup.yaml")
          .put("manifest", hook).putArray("events").add("post-install");
    }
    r.put("version", version).put("namespace", namespace);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(r.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(gz.toByteArray());
  }

  private static ObjectNode helmSecret(String name, int version, String status, String namespace, String helmBase64) {
    ObjectNode s = object("v1", "Secret", namespace, "sh.helm.release.v1." + name + ".v" + version, null);
    ((ObjectNode) s.get("metadata")).putObject("labels").put("name", name).put("owner", "helm").put("status", status)
        .put("version", String.valueOf(version));
    s.put("type", ClusterScanner.HELM_RELEASE_TYPE);
    // the Secret's own base64 over Helm's
    s.putObject("data").put("release", Base64.getEncoder().encodeToString(helmBase64.getBytes(StandardCharsets.US_ASCII)));
    return s;
  }

  private static ObjectNode brokenSecret() {
    String notARelease = Base64.getEncoder().encodeToString("just text".getBytes(StandardCharsets.US_ASCII));
    ObjectNode s = helmSecret("broken", 1, "deployed", "rec", notARelease);
    return s;
  }

  @SuppressWarnings("unused")
  private static Map<String, String> none() {
    return Map.of();
  }
}
