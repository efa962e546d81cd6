package dev.platformkit.schedule;

import dev.platformkit.spec.SpecWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The objects that run a schedule inside the cluster, on Kubernetes' own scheduler: a CronJob that runs
 * {@code platform schedule reconcile} every {@value #EVERY} on the schedule (mounted from a ConfigMap),
 * with a ServiceAccount allowed exactly what a reconcile reads and writes. Apply them with
 * {@code kubectl apply -f} (or commit them to Git for Argo CD); render again when the schedule changes.
 *
 * <pre>{@code
 * List<Map<String, Object>> objects = InCluster.render(schedule, "registry.example.com/platform:0.1.0", "platformkit");
 * }</pre>
 *
 * <p>What is rendered, in order:
 * <ul>
 *   <li>a ServiceAccount {@code platformkit-schedule-<name>} and a ConfigMap of the same name holding the
 *       schedule as a spec document, in the given namespace;</li>
 *   <li>in each target namespace a Role and a RoleBinding (to that ServiceAccount) allowing {@code get},
 *       {@code list} and {@code patch} of the targeted kinds (Deployments and StatefulSets in {@code apps},
 *       with HorizontalPodAutoscalers in {@code autoscaling}; CronJobs in {@code batch}) and {@code list} of
 *       PodDisruptionBudgets (for the plan's warnings) - never a ClusterRole over workloads;</li>
 *   <li>a ClusterRole and ClusterRoleBinding allowing only {@code list} of Argo CD {@code applications}
 *       (the warning about self-healing Applications lists them cluster-wide; the API server answers 403
 *       before it answers "not installed", so the grant is needed even without Argo CD);</li>
 *   <li>the CronJob: {@code spec.timeZone} the schedule's time zone, schedule {@value #EVERY},
 *       {@code concurrencyPolicy: Forbid} (two runs never overlap), {@code startingDeadlineSeconds}
 *       {@value #STARTING_DEADLINE_SECONDS} (a run missed by longer is skipped; the next one catches up, as
 *       reconcile is level-triggered), each run limited to {@value #RUN_DEADLINE_SECONDS} s, history limits 1
 *       and 3, and a container running as non-root with a read-only root file system, all capabilities
 *       dropped, so that it passes the {@code restricted} Pod Security level.</li>
 * </ul>
 *
 * <p>The image must run the {@code platform} command as its entrypoint (the container gets only the
 * arguments {@code schedule reconcile --in-cluster /etc/platformkit/schedule.yaml}) as a non-root user.
 *
 * <p>Targets must be namespaces: tenant targets are refused, because a tenant's namespaces are found by
 * a cluster-wide list and may appear after rendering, which namespace-scoped Roles cannot follow. AWS
 * targets are refused too: the CronJob would need AWS credentials, which this version does not render.
 */
public final class InCluster {
  /** How often the CronJob reconciles. */
  public static final String EVERY = "*/5 * * * *";
  /** How late a run may start; later runs are skipped (the next one catches up). */
  public static final long STARTING_DEADLINE_SECONDS = 240;
  /** How long one run may take before Kubernetes stops it. */
  public static final long RUN_DEADLINE_SECONDS = 240;
  /** Where the container finds the schedule. */
  public static final String SPEC_PATH = "/etc/platformkit/schedule.yaml";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final int MAX_CRON_JOB_NAME = 52; // Jobs add 11 characters to a 63-character label
  private static final String COMPONENT = "platformkit-schedule";

  private InCluster() {}

  /**
   * The objects, as JSON-like maps ready to write as YAML, in an order {@code kubectl apply} accepts.
   *
   * @param schedule the schedule; its targets must be namespaces (no tenants, no AWS resources)
   * @param image the container image of the {@code platform} CLI
   * @param namespace where the CronJob, ServiceAccount and ConfigMap go (it must exist)
   * @throws IllegalArgumentException naming the field when the schedule cannot run in the cluster or an
   *     argument is not valid
   */
  public static List<Map<String, Object>> render(Schedule schedule, String image, String namespace) {
    Objects.requireNonNull(schedule, "schedule");
    if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("image: \"" + image + "\" is not a container image reference (such as registry.example.com/platform:0.1.0)");
    }
    if (namespace == null || namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
      throw new IllegalArgumentException("namespace: \"" + namespace + "\" is not a namespace name (a DNS-1123 label)");
    }
    Targets t = schedule.targets();
    String which = "schedule \"" + schedule.name() + "\": ";
    if (!t.tenants().isEmpty()) {
      throw new IllegalArgumentException(which + "targets.tenants " + t.tenants() + ": in-cluster mode needs the namespaces listed"
          + " in targets.namespaces (a tenant's namespaces are found by a cluster-wide list and may appear later, which"
          + " namespace-scoped Roles cannot follow)");
    }
    if (t.hasAwsResources()) {
      throw new IllegalArgumentException(which + "targets.nodeGroups, rdsInstances and autoScalingGroups: in-cluster mode"
          + " covers Kubernetes workloads only (AWS targets need AWS credentials, which are not rendered)");
    }
    Set<String> namespaces = new LinkedHashSet<>(t.namespaces());
    t.excludeNamespaces().forEach(namespaces::remove);
    if (namespaces.isEmpty()) {
      throw new IllegalArgumentException(which + "targets.namespaces: every namespace is excluded by targets.excludeNamespaces; nothing to run for");
    }

    String name = COMPONENT + "-" + schedule.name();
    Map<String, String> labels = labels(schedule);
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(object("v1", "ServiceAccount", name, namespace, labels));

    Map<String, Object> configMap = object("v1", "ConfigMap", name, namespace, labels);
    configMap.put("data", Map.of("schedule.yaml", SpecWriter.yaml().write(schedule)));
    out.add(configMap);

    List<Map<String, Object>> rules = rules(t);
    for (String ns : namespaces) {
      Map<String, Object> role = object("rbac.authorization.k8s.io/v1", "Role", name, ns, labels);
      role.put("rules", rules);
      out.add(role);
      out.add(binding("RoleBinding", name, ns, labels, "Role", name, namespace));
    }

    Map<String, Object> argo = object("rbac.authorization.k8s.io/v1", "ClusterRole", name + "-argocd-read", null, labels);
    argo.put("rules", List.of(rule("argoproj.io", List.of("applications"), List.of("list"))));
    out.add(argo);
    out.add(binding("ClusterRoleBinding", name + "-argocd-read", null, labels, "ClusterRole", name, namespace));

    out.add(cronJob(schedule, image, namespace, name, labels));
    return out;
  }

  // what Schedules reads and writes in a target namespace; HPAs go with Deployments and StatefulSets
  private static List<Map<String, Object>> rules(Targets t) {
    List<String> apps = new ArrayList<>();
    if (t.kinds().contains(WorkloadKind.Deployment)) {
      apps.add("deployments");
    }
    if (t.kinds().contains(WorkloadKind.StatefulSet)) {
      apps.add("statefulsets");
    }
    List<String> rw = List.of("get", "list", "patch");
    List<Map<String, Object>> rules = new ArrayList<>();
    if (!apps.isEmpty()) {
      rules.add(rule("apps", apps, rw));
      rules.add(rule("autoscaling", List.of("horizontalpodautoscalers"), rw));
    }
    if (t.kinds().contains(WorkloadKind.CronJob)) {
      rules.add(rule("batch", List.of("cronjobs"), rw));
    }
    rules.add(rule("policy", List.of("poddisruptionbudgets"), List.of("list")));
    return rules;
  }

  private static Map<String, Object> cronJob(Schedule schedule, String image, String namespace, String name, Map<String, String> labels) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "reconcile");
    container.put("image", image);
    container.put("args", List.of("schedule", "reconcile", "--in-cluster", SPEC_PATH));
    container.put("resources", Map.of("requests", Map.of("cpu", "100m", "memory", "256Mi"), "limits", Map.of("memory", "512Mi")));
    container.put("securityContext", Map.of(
        "allowPrivilegeEscalation", false,
        "readOnlyRootFilesystem", true,
        "runAsNonRoot", true,
        "capabilities", Map.of("drop", List.of("ALL")),
        "seccompProfile", Map.of("type", "RuntimeDefault")));
    container.put("volumeMounts", List.of(
        Map.of("name", "schedule", "mountPath", "/etc/platformkit", "readOnly", true),
        Map.of("name", "tmp", "mountPath", "/tmp")));

    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("serviceAccountName", name);
    pod.put("restartPolicy", "Never");
    pod.put("containers", List.of(container));
    pod.put("volumes", List.of(
        Map.of("name", "schedule", "configMap", Map.of("name", name)),
        Map.of("name", "tmp", "emptyDir", Map.of())));

    Map<String, Object> job = new LinkedHashMap<>();
    job.put("backoffLimit", 0); // the next run in five minutes is the retry
    job.put("activeDeadlineSeconds", RUN_DEADLINE_SECONDS);
    job.put("template", Map.of("metadata", Map.of("labels", labels), "spec", pod));

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("schedule", EVERY);
    spec.put("timeZone", schedule.timeZone());
    spec.put("concurrencyPolicy", "Forbid");
    spec.put("startingDeadlineSeconds", STARTING_DEADLINE_SECONDS);
    spec.put("successfulJobsHistoryLimit", 1);
    spec.put("failedJobsHistoryLimit", 3);
    spec.put("jobTemplate", Map.of("metadata", Map.of("labels", labels), "spec", job));

    Map<String, Object> cronJob = object("batch/v1", "CronJob", fit(name, MAX_CRON_JOB_NAME), namespace, labels);
    cronJob.put("spec", spec);
    return cronJob;
  }

  private static Map<String, Object> binding(String kind, String name, String namespace, Map<String, String> labels,
      String roleKind, String account, String accountNamespace) {
    Map<String, Object> b = object("rbac.authorization.k8s.io/v1", kind, name, namespace, labels);
    b.put("roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", roleKind, "name", name));
    b.put("subjects", List.of(Map.of("kind", "ServiceAccount", "name", account, "namespace", accountNamespace)));
    return b;
  }

  private static Map<String, Object> rule(String group, List<String> resources, List<String> verbs) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("apiGroups", List.of(group));
    r.put("resources", resources);
    r.put("verbs", verbs);
    return r;
  }

  private static Map<String, Object> object(String apiVersion, String kind, String name, String namespace, Map<String, String> labels) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    metadata.put("labels", labels);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    o.put("metadata", metadata);
    return o;
  }

  private static Map<String, String> labels(Schedule schedule) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", COMPONENT);
    labels.put("app.kubernetes.io/instance", schedule.name());
    // not app.kubernetes.io/managed-by=platformkit: these objects are applied by whoever renders them, and
    // the engine's lists of its own objects (selected by that label) must not find them
    labels.put("app.kubernetes.io/part-of", "platformkit");
    return labels;
  }

  // a name cut to max characters, made unique again by a hash of the whole
  static String fit(String name, int max) {
    if (name.length() <= max) {
      return name;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      String hash = HexFormat.of().formatHex(digest, 0, 3);
      String head = name.substring(0, max - hash.length() - 1).replaceAll("-+$", "");
      return head + "-" + hash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JVM has SHA-256
    }
  }
}
