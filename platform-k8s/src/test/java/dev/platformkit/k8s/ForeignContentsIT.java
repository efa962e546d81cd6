package dev.platformkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What lives in a namespace about to be deleted, found by API discovery as kubectl api-resources does. */
class ForeignContentsIT {
  final MockCluster cluster = MockCluster.expectations();
  final KubernetesBackend backend = KubernetesBackend.create(cluster.client);

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static Map<String, Object> resource(String name, String kind, boolean namespaced, String... verbs) {
    return Map.of("name", name, "singularName", "", "kind", kind, "namespaced", namespaced, "verbs", List.of(verbs));
  }

  private static Map<String, Object> item(String kind, String name, Map<String, Object> extra) {
    Map<String, Object> meta = new java.util.LinkedHashMap<>(Map.of("name", name, "namespace", "team-a"));
    meta.putAll(extra);
    return Map.of("kind", kind, "metadata", meta);
  }

  private static Map<String, Object> list(Object... items) {
    return Map.of("apiVersion", "v1", "kind", "List", "metadata", Map.of(), "items", List.of(items));
  }

  @Test
  void discoveryFindsEveryListableNamespacedKindAndTopLevelForeignObjectsAreCounted() {
    cluster.server.expect().get().withPath("/api/v1").andReturn(200, Map.of("kind", "APIResourceList", "groupVersion", "v1",
        "resources", List.of(resource("configmaps", "ConfigMap", true, "create", "get", "list"),
            resource("pods", "Pod", true, "get", "list"),
            resource("pods/log", "Pod", true, "get"),
            resource("events", "Event", true, "get", "list"),
            resource("endpoints", "Endpoints", true, "get", "list"),
            resource("bindings", "Binding", true, "create"),
            resource("namespaces", "Namespace", false, "get", "list")))).always();
    cluster.server.expect().get().withPath("/apis").andReturn(200, Map.of("kind", "APIGroupList", "apiVersion", "v1",
        "groups", List.of(Map.of("name", "argoproj.io",
            "versions", List.of(Map.of("groupVersion", "argoproj.io/v1alpha1", "version", "v1alpha1")),
            "preferredVersion", Map.of("groupVersion", "argoproj.io/v1alpha1", "version", "v1alpha1"))))).always();
    cluster.server.expect().get().withPath("/apis/argoproj.io/v1alpha1").andReturn(200, Map.of("kind", "APIResourceList",
        "groupVersion", "argoproj.io/v1alpha1",
        "resources", List.of(resource("applications", "Application", true, "get", "list", "watch")))).always();
    cluster.server.expect().get().withPath("/api/v1/namespaces/team-a/configmaps").andReturn(200, list(
        item("ConfigMap", "kube-root-ca.crt", Map.of()),
        item("ConfigMap", "settings", Map.of()),
        item("ConfigMap", "ours", Map.of("labels", Map.of("app.kubernetes.io/managed-by", "platformkit",
            "platformkit.dev/owner", "tenant.a"))))).always();
    cluster.server.expect().get().withPath("/api/v1/namespaces/team-a/pods").andReturn(200, list(
        item("Pod", "web-1", Map.of("ownerReferences", List.of(Map.of("apiVersion", "apps/v1", "kind", "ReplicaSet",
            "name", "web", "uid", "1")))),
        item("Pod", "debug", Map.of()))).always();
    cluster.server.expect().get().withPath("/apis/argoproj.io/v1alpha1/namespaces/team-a/applications")
        .andReturn(200, list(item("Application", "shop", Map.of()))).always();

    Map<String, Integer> contents = backend.foreignContents("team-a");

    // the pod of a ReplicaSet goes with its owner; events, subresources and unlistable kinds are not asked for
    assertThat(contents).containsExactly(Map.entry("Application", 1), Map.entry("ConfigMap", 1), Map.entry("Pod", 1));
    assertThat(cluster.takeRequests()).extracting(MockCluster.Request::path)
        .noneMatch(p -> p.contains("events") || p.contains("endpoints") || p.contains("bindings") || p.contains("pods/log"));
  }

  @Test
  void withoutDiscoveryTheDocumentedKindsAreCounted() {
    // discovery is forbidden (404 here): the documented set is listed instead
    cluster.server.expect().get().withPath("/api/v1/namespaces/team-a/secrets").andReturn(200, list(
        item("Secret", "db-password", Map.of()))).always();
    cluster.server.expect().get().withPath("/api/v1/namespaces/team-a/serviceaccounts").andReturn(200, list(
        item("ServiceAccount", "default", Map.of()), item("ServiceAccount", "ci", Map.of()))).always();

    Map<String, Integer> contents = backend.foreignContents("team-a");

    assertThat(contents).containsExactly(Map.entry("Secret", 1), Map.entry("ServiceAccount", 1));
  }
}
