package dev.platformkit.testkit.apiserver;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the API server knows about a kind: its group, plural resource name, scope, and whether it counts
 * {@code metadata.generation} and has a {@code /status} subresource. Kinds outside the built-in groups are
 * treated as custom resources (namespaced, with a generation, no status subresource, keys sorted), which
 * is how the Argo CD {@code Application} CRD of the recordings behaves.
 *
 * @param group the API group, {@code ""} for the core group
 * @param version the version, e.g. {@code v1}
 * @param kind the Kind, e.g. {@code ConfigMap}
 * @param plural the resource name, e.g. {@code configmaps}
 * @param namespaced whether objects of this kind live in a namespace
 * @param hasGeneration whether the server sets {@code metadata.generation} (1 on create, +1 per spec change)
 * @param statusSubresource whether writes to the main resource ignore {@code status}
 * @param builtIn false for custom resources
 */
public record KubeKind(String group, String version, String kind, String plural, boolean namespaced,
    boolean hasGeneration, boolean statusSubresource, boolean builtIn) {

  private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy",
      "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "admissionregistration.k8s.io",
      "apiextensions.k8s.io", "apiregistration.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
      "events.k8s.io", "flowcontrol.apiserver.k8s.io", "scheduling.k8s.io", "node.k8s.io",
      "certificates.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "resource.k8s.io");

  // kind -> {plural, flags}: n = namespaced, g = generation, s = status subresource
  private static final Map<String, String[]> KNOWN = Map.ofEntries(
      Map.entry("Namespace", new String[] {"namespaces", "s"}),
      Map.entry("ConfigMap", new String[] {"configmaps", "n"}),
      Map.entry("Secret", new String[] {"secrets", "n"}),
      Map.entry("Service", new String[] {"services", "ns"}),
      Map.entry("ServiceAccount", new String[] {"serviceaccounts", "n"}),
      Map.entry("ResourceQuota", new String[] {"resourcequotas", "ns"}),
      Map.entry("LimitRange", new String[] {"limitranges", "n"}),
      Map.entry("PersistentVolumeClaim", new String[] {"persistentvolumeclaims", "ns"}),
      Map.entry("Pod", new String[] {"pods", "ns"}),
      Map.entry("Endpoints", new String[] {"endpoints", "n"}),
      Map.entry("Deployment", new String[] {"deployments", "ngs"}),
      Map.entry("StatefulSet", new String[] {"statefulsets", "ngs"}),
      Map.entry("DaemonSet", new String[] {"daemonsets", "ngs"}),
      Map.entry("ReplicaSet", new String[] {"replicasets", "ngs"}),
      Map.entry("Job", new String[] {"jobs", "ngs"}),
      Map.entry("CronJob", new String[] {"cronjobs", "ngs"}),
      Map.entry("HorizontalPodAutoscaler", new String[] {"horizontalpodautoscalers", "ns"}),
      Map.entry("PodDisruptionBudget", new String[] {"poddisruptionbudgets", "ngs"}),
      Map.entry("Ingress", new String[] {"ingresses", "ngs"}),
      Map.entry("IngressClass", new String[] {"ingressclasses", "g"}),
      Map.entry("NetworkPolicy", new String[] {"networkpolicies", "ng"}),
      Map.entry("Role", new String[] {"roles", "n"}),
      Map.entry("RoleBinding", new String[] {"rolebindings", "n"}),
      Map.entry("ClusterRole", new String[] {"clusterroles", ""}),
      Map.entry("ClusterRoleBinding", new String[] {"clusterrolebindings", ""}),
      Map.entry("StorageClass", new String[] {"storageclasses", ""}),
      Map.entry("PriorityClass", new String[] {"priorityclasses", ""}),
      Map.entry("CustomResourceDefinition", new String[] {"customresourcedefinitions", "gs"}));

  /**
   * The kind of an object with {@code apiVersion} ({@code v1}, {@code apps/v1}, {@code argoproj.io/v1alpha1})
   * and {@code kind}.
   *
   * @throws IllegalArgumentException when either is missing
   */
  public static KubeKind of(String apiVersion, String kind) {
    if (apiVersion == null || apiVersion.isBlank()) {
      throw new IllegalArgumentException("apiVersion is missing");
    }
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("kind is missing");
    }
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    boolean builtIn = BUILT_IN_GROUPS.contains(group);
    String[] known = builtIn ? KNOWN.get(kind) : null;
    if (known != null) {
      String flags = known[1];
      return new KubeKind(group, version, kind, known[0], flags.contains("n"), flags.contains("g"),
          flags.contains("s"), true);
    }
    String lower = kind.toLowerCase(Locale.ROOT);
    String plural = lower.endsWith("y") ? lower.substring(0, lower.length() - 1) + "ies"
        : lower.endsWith("s") ? lower + "es" : lower + "s";
    // an unknown built-in kind is namespaced without generation; a custom resource has a generation
    return new KubeKind(group, version, kind, plural, true, !builtIn, false, builtIn);
  }

  /** The kind of {@code object} (a full Kubernetes object as a map). */
  public static KubeKind of(Map<String, Object> object) {
    return of((String) object.get("apiVersion"), (String) object.get("kind"));
  }

  /** {@code plural.group}, or {@code plural} in the core group: how error messages name the resource. */
  public String qualifiedResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** {@code Kind.group}, or {@code Kind} in the core group: how validation errors name the kind. */
  public String qualifiedKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }

  /** {@code group/version}, or {@code version} in the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
