package dev.platformkit.testkit.apiserver;

import dev.platformkit.testkit.apiserver.ApiStatus.Cause;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a real kube-apiserver v1.28 does to an object on create, update and delete, as a pure function
 * over the object as a Jackson-style tree ({@code Map<String,Object>} of String/Number/Boolean/List/Map/null).
 * Inputs are never modified; every method returns a new tree.
 *
 * <p>Covered, each checked against {@code ../shared/reference/apiserver-v1.28}: Namespace, ConfigMap, Secret,
 * Service, ResourceQuota, LimitRange, Deployment, StatefulSet, CronJob, HorizontalPodAutoscaler
 * (autoscaling/v2), PodDisruptionBudget, Ingress, NetworkPolicy, RoleBinding, ClusterRoleBinding and custom
 * resources (stored as sent, keys sorted). Other built-in kinds get only the server-set metadata.
 *
 * <p>Server-set metadata: {@code uid}, {@code resourceVersion}, {@code creationTimestamp} (from the
 * {@link Stamp} the caller passes, so results are deterministic), {@code generation} (1 on create, +1 when
 * anything but metadata and status changes, for kinds that have one). Left out: {@code managedFields}
 * (field ownership is not modelled), what controllers write later (Deployment status, the
 * {@code deployment.kubernetes.io/revision} annotation, quota usage, the namespace's ServiceAccount and
 * {@code kube-root-ca.crt} ConfigMap), admission (LimitRanger on pods, PodSecurity) and validation beyond the
 * cases listed on each method. Key order follows the server for the top level, {@code metadata} and the
 * maps Go sorts (labels, data, quantities); elsewhere defaults are appended, so results are JSON-equal to
 * the server's, not byte-equal.
 */
public final class ApiServerDefaults {
  /** The API group of RBAC, the default of {@code roleRef.apiGroup} and of User/Group subjects. */
  public static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  private static final List<String> METADATA_ORDER = List.of("name", "generateName", "namespace", "selfLink",
      "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
      "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields");

  /**
   * The values the server generates for one write.
   *
   * @param uid the uid a created object gets (ignored on update)
   * @param resourceVersion the resourceVersion the write produces
   * @param now the server's clock; timestamps are printed in whole seconds, UTC
   */
  public record Stamp(String uid, String resourceVersion, Instant now) {
    /** Checks that nothing is null. */
    public Stamp {
      Objects.requireNonNull(uid, "uid");
      Objects.requireNonNull(resourceVersion, "resourceVersion");
      Objects.requireNonNull(now, "now");
    }
  }

  /**
   * What a DELETE did.
   *
   * @param remaining the object as still stored (with {@code deletionTimestamp}), or null when it is gone
   * @param answer the response body: the object when it remains, else a {@code Status} Success
   */
  public record Deletion(Map<String, Object> remaining, Map<String, Object> answer) {}

  private ApiServerDefaults() {}

  /**
   * The object a POST stores and answers.
   *
   * @param sent the request body
   * @param namespace the namespace of the URL, or null for cluster-scoped kinds (then the body's is used)
   * @param stamp uid, resourceVersion and clock of this write
   * @throws ApiStatusException 400 when the namespace in the body differs from {@code namespace}, when a
   *     ConfigMap value is not a string or Secret data is not base64; 422 when the name is missing or a
   *     ClusterRoleBinding ServiceAccount subject has no namespace
   * @throws IllegalArgumentException when apiVersion or kind is missing
   */
  public static Map<String, Object> create(Map<String, Object> sent, String namespace, Stamp stamp) {
    Map<String, Object> obj = copyMap(sent);
    KubeKind kind = KubeKind.of(obj);
    Map<String, Object> meta = child(obj, "metadata");
    String name = string(meta.get("name"));
    if (isEmpty(name)) {
      String generateName = string(meta.get("generateName"));
      if (isEmpty(generateName)) {
        throw ApiServerErrors.invalid(kind, "", List.of(new Cause("FieldValueRequired",
            "Required value: name or generateName is required", "metadata.name"))).toException();
      }
      name = generateName + suffixFrom(stamp.uid());
      meta.put("name", name);
    }
    placeNamespace(kind, meta, namespace);
    if (kind.builtIn()) {
      dropNulls(obj);
    }
    applyDefaults(kind, obj, name);
    meta = child(obj, "metadata");
    meta.remove("managedFields");
    meta.remove("selfLink");
    meta.remove("deletionTimestamp");
    meta.remove("deletionGracePeriodSeconds");
    meta.put("uid", stamp.uid());
    meta.put("resourceVersion", stamp.resourceVersion());
    meta.put("creationTimestamp", timestamp(stamp.now()));
    if (kind.hasGeneration()) {
      meta.put("generation", 1);
    } else {
      meta.remove("generation");
    }
    statusOnCreate(kind, obj, stamp);
    return finish(kind, obj);
  }

  /**
   * The object a PUT stores and answers, or a PATCH once the patch has been applied to the stored object.
   * A write that changes nothing answers the stored object unchanged (same resourceVersion), as the real
   * server does.
   *
   * @param stored the object as stored now
   * @param sent the new object (PUT body, or stored object with the patch applied)
   * @param stamp resourceVersion and clock of this write (its uid is not used)
   * @throws ApiStatusException 409 Conflict when {@code sent} carries a resourceVersion that is not the
   *     stored one; 422 when a RoleBinding's roleRef changes; the decode errors of {@link #create}
   */
  public static Map<String, Object> update(Map<String, Object> stored, Map<String, Object> sent, Stamp stamp) {
    KubeKind kind = KubeKind.of(stored);
    Map<String, Object> storedMeta = child(stored, "metadata");
    String name = string(storedMeta.get("name"));
    Map<String, Object> obj = copyMap(sent);
    Map<String, Object> meta = child(obj, "metadata");
    String sentVersion = string(meta.get("resourceVersion"));
    if (!isEmpty(sentVersion) && !sentVersion.equals(storedMeta.get("resourceVersion"))) {
      throw ApiServerErrors.conflict(kind, name).toException();
    }
    obj.put("apiVersion", stored.get("apiVersion"));
    obj.put("kind", stored.get("kind"));
    meta.put("name", name);
    if (kind.builtIn()) {
      dropNulls(obj);
    }
    applyDefaults(kind, obj, name);
    meta = child(obj, "metadata");
    for (String key : List.of("namespace", "uid", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "generation")) {
      if (storedMeta.containsKey(key)) {
        meta.put(key, storedMeta.get(key));
      } else {
        meta.remove(key);
      }
    }
    meta.remove("managedFields");
    meta.remove("selfLink");
    meta.put("resourceVersion", storedMeta.get("resourceVersion"));
    if (kind.kind().equals("RoleBinding") || kind.kind().equals("ClusterRoleBinding")) {
      Map<String, Object> oldRef = mapOrEmpty(stored.get("roleRef"));
      Map<String, Object> newRef = mapOrEmpty(obj.get("roleRef"));
      if (!oldRef.equals(newRef)) {
        throw ApiServerErrors.roleRefChanged(kind, name, string(newRef.get("apiGroup")),
            string(newRef.get("kind")), string(newRef.get("name"))).toException();
      }
    }
    if (kind.kind().equals("Namespace")) {
      // the namespace strategy keeps spec.finalizers and status: they change only through /finalize and /status
      copyOrRemove(stored, obj, "spec");
      copyOrRemove(stored, obj, "status");
    } else if (kind.statusSubresource()) {
      copyOrRemove(stored, obj, "status");
    }
    if (kind.hasGeneration() && !withoutMetadata(obj, kind).equals(withoutMetadata(stored, kind))) {
      meta.put("generation", plusOne(storedMeta.get("generation")));
    }
    Map<String, Object> result = finish(kind, obj);
    if (result.equals(stored)) {
      return copyMap(stored);
    }
    child(result, "metadata").put("resourceVersion", stamp.resourceVersion());
    return result;
  }

  /**
   * What a DELETE does to {@code stored}: a Namespace turns {@code Terminating} (the fake's namespace
   * controller finishes it later), an object with finalizers or a {@code Foreground} deletion gets
   * {@code deletionTimestamp}, {@code deletionGracePeriodSeconds: 0} and generation +1 and stays (the answer is
   * the object); anything else is gone at once (the answer is a {@code Status} Success with the uid).
   * A second DELETE of an object already being deleted answers it unchanged.
   *
   * @param preconditionUid {@code preconditions.uid} of the DeleteOptions, or null
   * @param preconditionResourceVersion {@code preconditions.resourceVersion}, or null
   * @param propagationPolicy {@code Foreground}, {@code Background}, {@code Orphan} or null
   * @throws ApiStatusException 409 when a precondition does not hold (case 24)
   */
  public static Deletion delete(Map<String, Object> stored, String preconditionUid,
      String preconditionResourceVersion, String propagationPolicy, Stamp stamp) {
    KubeKind kind = KubeKind.of(stored);
    Map<String, Object> storedMeta = child(stored, "metadata");
    String name = string(storedMeta.get("name"));
    String uid = string(storedMeta.get("uid"));
    String version = string(storedMeta.get("resourceVersion"));
    if (preconditionUid != null && !preconditionUid.equals(uid)) {
      throw ApiServerErrors.deletePreconditionUid(kind, name, preconditionUid, uid).toException();
    }
    if (preconditionResourceVersion != null && !preconditionResourceVersion.equals(version)) {
      throw ApiServerErrors.deletePreconditionResourceVersion(kind, name, preconditionResourceVersion, version)
          .toException();
    }
    if (storedMeta.get("deletionTimestamp") != null) {
      return new Deletion(copyMap(stored), copyMap(stored));
    }
    Map<String, Object> obj = copyMap(stored);
    Map<String, Object> meta = child(obj, "metadata");
    if (kind.kind().equals("Namespace") && kind.builtIn()) {
      meta.put("deletionTimestamp", timestamp(stamp.now()));
      meta.put("resourceVersion", stamp.resourceVersion());
      child(obj, "status").put("phase", "Terminating");
      Map<String, Object> done = finish(kind, obj);
      return new Deletion(done, copyMap(done));
    }
    List<Object> finalizers = listOrEmpty(meta.get("finalizers"));
    boolean foreground = "Foreground".equals(propagationPolicy);
    if (finalizers.isEmpty() && !foreground) {
      return new Deletion(null, ApiServerErrors.deleted(kind, name, uid).toMap());
    }
    if (foreground && !finalizers.contains("foregroundDeletion")) {
      finalizers = new ArrayList<>(finalizers);
      finalizers.add("foregroundDeletion");
      meta.put("finalizers", finalizers);
    }
    meta.put("deletionTimestamp", timestamp(stamp.now()));
    meta.put("deletionGracePeriodSeconds", 0);
    meta.put("resourceVersion", stamp.resourceVersion());
    if (kind.hasGeneration()) {
      meta.put("generation", plusOne(meta.get("generation")));
    }
    Map<String, Object> done = finish(kind, obj);
    return new Deletion(done, copyMap(done));
  }

  /**
   * Whether a stored object being deleted may now disappear: it has a {@code deletionTimestamp} and no
   * {@code metadata.finalizers} left (and, for a Namespace, no {@code spec.finalizers}: the namespace controller
   * empties them once the content is gone). A fake calls this after every update of such an object.
   */
  public static boolean readyToRemove(Map<String, Object> object) {
    Map<String, Object> meta = mapOrEmpty(object.get("metadata"));
    if (meta.get("deletionTimestamp") == null || !listOrEmpty(meta.get("finalizers")).isEmpty()) {
      return false;
    }
    if ("Namespace".equals(object.get("kind"))) {
      return listOrEmpty(mapOrEmpty(object.get("spec")).get("finalizers")).isEmpty();
    }
    return true;
  }

  /**
   * Only the defaulting and canonicalisation of {@code object} (no server metadata, no status): what a
   * desired object looks like once the server has read it. Useful to compare a wanted object with a stored one.
   */
  public static Map<String, Object> defaults(Map<String, Object> object) {
    Map<String, Object> obj = copyMap(object);
    KubeKind kind = KubeKind.of(obj);
    if (kind.builtIn()) {
      dropNulls(obj);
    }
    String name = string(mapOrEmpty(obj.get("metadata")).get("name"));
    applyDefaults(kind, obj, name == null ? "" : name);
    return finish(kind, obj);
  }

  /** {@code 2026-11-30T15:19:05Z}: how the server prints metadata timestamps (whole seconds, UTC). */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  // ---------------------------------------------------------------------------------------------------

  private static void applyDefaults(KubeKind kind, Map<String, Object> obj, String name) {
    Map<String, Object> meta = child(obj, "metadata");
    sortMapField(meta, "labels");
    sortMapField(meta, "annotations");
    dropIfEmpty(meta, "finalizers");
    if (!kind.builtIn()) {
      return; // custom resources: stored as sent (structural pruning of unknown fields is not modelled)
    }
    switch (kind.group() + "/" + kind.kind()) {
      case "/Namespace" -> namespace(obj, name);
      case "/ConfigMap" -> configMap(kind, obj);
      case "/Secret" -> secret(kind, obj);
      case "/Service" -> service(obj, name);
      case "/ResourceQuota" -> resourceQuota(obj);
      case "/LimitRange" -> limitRange(obj);
      case "/PersistentVolumeClaim" -> pvcSpec(child(obj, "spec"));
      case "apps/Deployment" -> deployment(obj);
      case "apps/StatefulSet" -> statefulSet(obj);
      case "batch/CronJob" -> cronJob(obj);
      case "autoscaling/HorizontalPodAutoscaler" -> hpa(obj, kind);
      case "networking.k8s.io/NetworkPolicy" -> networkPolicy(obj);
      case "rbac.authorization.k8s.io/RoleBinding" -> roleBinding(obj, kind, name, false);
      case "rbac.authorization.k8s.io/ClusterRoleBinding" -> roleBinding(obj, kind, name, true);
      default -> { }
    }
  }

  private static void statusOnCreate(KubeKind kind, Map<String, Object> obj, Stamp stamp) {
    if (!kind.builtIn()) {
      return;
    }
    switch (kind.group() + "/" + kind.kind()) {
      case "/Namespace" -> obj.put("status", new LinkedHashMap<>(Map.of("phase", "Active")));
      case "/Service", "networking.k8s.io/Ingress" ->
          obj.put("status", new LinkedHashMap<>(Map.of("loadBalancer", new LinkedHashMap<>())));
      case "/ResourceQuota", "apps/Deployment", "batch/CronJob", "apps/DaemonSet", "apps/ReplicaSet" ->
          obj.put("status", new LinkedHashMap<>());
      case "apps/StatefulSet" -> {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("replicas", 0);
        status.put("availableReplicas", 0);
        obj.put("status", status);
      }
      case "autoscaling/HorizontalPodAutoscaler" -> {
        Map<String, Object> status = new LinkedHashMap<>();
        if (kind.version().equals("v1")) {
          status.put("currentReplicas", 0);
        }
        status.put("desiredReplicas", 0);
        if (!kind.version().equals("v1")) {
          status.put("currentMetrics", null);
        }
        obj.put("status", status);
      }
      case "policy/PodDisruptionBudget" -> {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("disruptionsAllowed", 0);
        status.put("currentHealthy", 0);
        status.put("desiredHealthy", 0);
        status.put("expectedPods", 0);
        obj.put("status", status);
      }
      case "/PersistentVolumeClaim" -> obj.put("status", new LinkedHashMap<>(Map.of("phase", "Pending")));
      default -> obj.remove("status");
    }
  }

  private static void namespace(Map<String, Object> obj, String name) {
    Map<String, Object> labels = child(child(obj, "metadata"), "labels");
    labels.put("kubernetes.io/metadata.name", name);
    sortMapField(child(obj, "metadata"), "labels");
    Map<String, Object> spec = child(obj, "spec");
    if (listOrEmpty(spec.get("finalizers")).isEmpty()) {
      spec.put("finalizers", new ArrayList<>(List.of("kubernetes")));
    }
  }

  private static void configMap(KubeKind kind, Map<String, Object> obj) {
    Map<String, Object> data = mapOrNull(obj.get("data"));
    if (data != null) {
      for (Map.Entry<String, Object> e : data.entrySet()) {
        if (e.getValue() != null && !(e.getValue() instanceof String)) {
          throw ApiServerErrors.cannotDecode(kind,
              ApiServerErrors.unmarshalTypeError(e.getValue(), "ConfigMap.data")).toException();
        }
      }
    }
    checkBase64(kind, mapOrNull(obj.get("binaryData")));
    sortMapField(obj, "data");
    sortMapField(obj, "binaryData");
  }

  private static void secret(KubeKind kind, Map<String, Object> obj) {
    checkBase64(kind, mapOrNull(obj.get("data")));
    Map<String, Object> stringData = mapOrNull(obj.remove("stringData"));
    if (stringData != null && !stringData.isEmpty()) {
      Map<String, Object> data = child(obj, "data");
      for (Map.Entry<String, Object> e : stringData.entrySet()) {
        if (e.getValue() != null && !(e.getValue() instanceof String)) {
          throw ApiServerErrors.cannotDecode(kind,
              ApiServerErrors.unmarshalTypeError(e.getValue(), "Secret.stringData")).toException();
        }
        String value = e.getValue() == null ? "" : (String) e.getValue();
        data.put(e.getKey(), Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
      }
    }
    sortMapField(obj, "data");
    if (isEmpty(string(obj.get("type")))) {
      obj.put("type", "Opaque");
    }
  }

  private static void checkBase64(KubeKind kind, Map<String, Object> data) {
    if (data == null) {
      return;
    }
    for (Object value : data.values()) {
      if (value != null && !(value instanceof String)) {
        throw ApiServerErrors.cannotDecode(kind,
            ApiServerErrors.unmarshalTypeError(value, kind.kind() + ".data")).toException();
      }
      int bad = base64ErrorOffset((String) value);
      if (bad >= 0) {
        throw ApiServerErrors.cannotDecode(kind, "illegal base64 data at input byte " + bad).toException();
      }
    }
  }

  /** The offset Go's {@code base64.StdEncoding} reports for a bad input, or -1 when it decodes. */
  static int base64ErrorOffset(String s) {
    if (s == null) {
      return -1;
    }
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    int quantumStart = 0;
    int inQuantum = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        continue; // Go skips newlines
      }
      if (c == '=') {
        // padding: only in the last two places of a final quantum
        if (inQuantum < 2) {
          return i;
        }
        int need = 4 - inQuantum;
        int j = i;
        int seen = 0;
        while (j < s.length() && seen < need) {
          if (s.charAt(j) == '=') {
            seen++;
          } else if (s.charAt(j) != '\n' && s.charAt(j) != '\r') {
            return j;
          }
          j++;
        }
        if (seen < need) {
          return s.length();
        }
        return j < s.length() ? j : -1;
      }
      if (alphabet.indexOf(c) < 0) {
        return i;
      }
      if (inQuantum == 0) {
        quantumStart = i;
      }
      inQuantum = (inQuantum + 1) % 4;
    }
    return inQuantum == 0 ? -1 : quantumStart;
  }

  private static void service(Map<String, Object> obj, String name) {
    Map<String, Object> spec = child(obj, "spec");
    String type = string(spec.get("type"));
    if (isEmpty(type)) {
      type = "ClusterIP";
      spec.put("type", type);
    }
    if (isEmpty(string(spec.get("sessionAffinity")))) {
      spec.put("sessionAffinity", "None");
    }
    if ("ClientIP".equals(spec.get("sessionAffinity")) && spec.get("sessionAffinityConfig") == null) {
      spec.put("sessionAffinityConfig", new LinkedHashMap<>(Map.of("clientIP",
          new LinkedHashMap<>(Map.of("timeoutSeconds", 10800)))));
    }
    List<Object> ports = listOrEmpty(spec.get("ports"));
    int index = 0;
    for (Object p : ports) {
      Map<String, Object> port = asMap(p);
      putFirstIfAbsent(port, "protocol", "TCP");
      Object target = port.get("targetPort");
      if (target == null || Objects.equals(target, 0) || "".equals(target)) {
        port.put("targetPort", port.get("port"));
      }
      if ((type.equals("NodePort") || type.equals("LoadBalancer")) && port.get("nodePort") == null) {
        port.put("nodePort", 30000 + Math.floorMod(Objects.hash(name, index), 2768)); // allocated: volatile
      }
      index++;
    }
    sortMapField(spec, "selector");
    if (!type.equals("ExternalName")) {
      Object clusterIp = spec.get("clusterIP");
      if (isEmpty(string(clusterIp))) {
        int h = Math.floorMod(name.hashCode(), 65534) + 1;
        clusterIp = "10.96." + (h >> 8) + "." + (h & 0xff); // allocated: volatile
        spec.put("clusterIP", clusterIp);
      }
      if (listOrEmpty(spec.get("clusterIPs")).isEmpty()) {
        spec.put("clusterIPs", new ArrayList<>(List.of(clusterIp)));
      }
      if (listOrEmpty(spec.get("ipFamilies")).isEmpty()) {
        spec.put("ipFamilies", new ArrayList<>(List.of("IPv4")));
      }
      if (isEmpty(string(spec.get("ipFamilyPolicy")))) {
        spec.put("ipFamilyPolicy", "SingleStack");
      }
      if (isEmpty(string(spec.get("internalTrafficPolicy")))) {
        spec.put("internalTrafficPolicy", "Cluster");
      }
    }
    if ((type.equals("NodePort") || type.equals("LoadBalancer"))
        && isEmpty(string(spec.get("externalTrafficPolicy")))) {
      spec.put("externalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer") && spec.get("allocateLoadBalancerNodePorts") == null) {
      spec.put("allocateLoadBalancerNodePorts", true);
    }
  }

  private static void resourceQuota(Map<String, Object> obj) {
    Map<String, Object> spec = child(obj, "spec");
    canonicalResourceList(spec, "hard");
  }

  /**
   * LimitRange defaulting of {@code SetDefaults_LimitRangeItem} for Container items: default limit := max
   * where absent; default request := default limit where absent, else := min. So an item with only min and max
   * gets default = defaultRequest = max (case 12).
   */
  private static void limitRange(Map<String, Object> obj) {
    for (Object o : listOrEmpty(child(obj, "spec").get("limits"))) {
      Map<String, Object> item = asMap(o);
      for (String field : List.of("max", "min", "default", "defaultRequest", "maxLimitRequestRatio")) {
        canonicalResourceList(item, field);
      }
      if ("Container".equals(item.get("type"))) {
        Map<String, Object> max = mapOrEmpty(item.get("max"));
        Map<String, Object> min = mapOrEmpty(item.get("min"));
        Map<String, Object> dflt = new TreeMap<>(mapOrEmpty(item.get("default")));
        Map<String, Object> request = new TreeMap<>(mapOrEmpty(item.get("defaultRequest")));
        max.forEach(dflt::putIfAbsent);
        dflt.forEach(request::putIfAbsent);
        min.forEach(request::putIfAbsent);
        Map<String, Object> ordered = new LinkedHashMap<>();
        putIfPresent(ordered, "type", item.remove("type"));
        putIfPresent(ordered, "max", item.remove("max"));
        putIfPresent(ordered, "min", item.remove("min"));
        item.remove("default");
        item.remove("defaultRequest");
        if (!dflt.isEmpty()) {
          ordered.put("default", new LinkedHashMap<>(dflt));
        }
        if (!request.isEmpty()) {
          ordered.put("defaultRequest", new LinkedHashMap<>(request));
        }
        ordered.putAll(item);
        item.clear();
        item.putAll(ordered);
      }
    }
  }

  private static void deployment(Map<String, Object> obj) {
    Map<String, Object> spec = child(obj, "spec");
    putIfAbsent(spec, "replicas", 1);
    podTemplate(child(spec, "template"));
    Map<String, Object> strategy = child(spec, "strategy");
    if (isEmpty(string(strategy.get("type")))) {
      strategy.put("type", "RollingUpdate");
    }
    if ("RollingUpdate".equals(strategy.get("type"))) {
      Map<String, Object> rolling = child(strategy, "rollingUpdate");
      putIfAbsent(rolling, "maxUnavailable", "25%");
      putIfAbsent(rolling, "maxSurge", "25%");
    }
    putIfAbsent(spec, "revisionHistoryLimit", 10);
    putIfAbsent(spec, "progressDeadlineSeconds", 600);
  }

  private static void statefulSet(Map<String, Object> obj) {
    Map<String, Object> spec = child(obj, "spec");
    putIfAbsent(spec, "replicas", 1);
    podTemplate(child(spec, "template"));
    for (Object o : listOrEmpty(spec.get("volumeClaimTemplates"))) {
      Map<String, Object> pvc = asMap(o);
      Map<String, Object> ordered = new LinkedHashMap<>();
      ordered.put("kind", "PersistentVolumeClaim");
      ordered.put("apiVersion", "v1");
      pvc.remove("kind");
      pvc.remove("apiVersion");
      ordered.putAll(pvc);
      Map<String, Object> meta = child(ordered, "metadata");
      putIfAbsent(meta, "creationTimestamp", null);
      pvcSpec(child(ordered, "spec"));
      Map<String, Object> status = child(ordered, "status");
      putIfAbsent(status, "phase", "Pending");
      pvc.clear();
      pvc.putAll(ordered);
    }
    putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
    Map<String, Object> strategy = child(spec, "updateStrategy");
    if (isEmpty(string(strategy.get("type")))) {
      strategy.put("type", "RollingUpdate");
    }
    if ("RollingUpdate".equals(strategy.get("type"))) {
      putIfAbsent(child(strategy, "rollingUpdate"), "partition", 0);
    }
    putIfAbsent(spec, "revisionHistoryLimit", 10);
    Map<String, Object> retention = child(spec, "persistentVolumeClaimRetentionPolicy");
    putIfAbsent(retention, "whenDeleted", "Retain");
    putIfAbsent(retention, "whenScaled", "Retain");
  }

  private static void pvcSpec(Map<String, Object> spec) {
    Map<String, Object> resources = mapOrNull(spec.get("resources"));
    if (resources != null) {
      canonicalResourceList(resources, "requests");
      canonicalResourceList(resources, "limits");
    }
    putIfAbsent(spec, "volumeMode", "Filesystem");
  }

  private static void cronJob(Map<String, Object> obj) {
    Map<String, Object> spec = child(obj, "spec");
    putIfAbsent(spec, "concurrencyPolicy", "Allow");
    putIfAbsent(spec, "suspend", false);
    Map<String, Object> jobTemplate = child(spec, "jobTemplate");
    putIfAbsent(child(jobTemplate, "metadata"), "creationTimestamp", null);
    // Job-level defaults (backoffLimit, completions, ...) are applied only to Job objects, not here
    podTemplate(child(child(jobTemplate, "spec"), "template"));
    putIfAbsent(spec, "successfulJobsHistoryLimit", 3);
    putIfAbsent(spec, "failedJobsHistoryLimit", 1);
  }

  private static void hpa(Map<String, Object> obj, KubeKind kind) {
    Map<String, Object> spec = child(obj, "spec");
    Map<String, Object> target = mapOrNull(spec.get("scaleTargetRef"));
    if (target != null) {
      Map<String, Object> ordered = new LinkedHashMap<>();
      putIfPresent(ordered, "kind", target.remove("kind"));
      putIfPresent(ordered, "name", target.remove("name"));
      putIfPresent(ordered, "apiVersion", target.remove("apiVersion"));
      ordered.putAll(target);
      spec.put("scaleTargetRef", ordered);
    }
    Map<String, Object> ordered = new LinkedHashMap<>();
    putIfPresent(ordered, "scaleTargetRef", spec.remove("scaleTargetRef"));
    ordered.put("minReplicas", spec.containsKey("minReplicas") ? spec.remove("minReplicas") : 1);
    ordered.putAll(spec);
    spec.clear();
    spec.putAll(ordered);
    if (kind.version().equals("v1")) {
      return;
    }
    if (listOrEmpty(spec.get("metrics")).isEmpty()) {
      Map<String, Object> targetSpec = new LinkedHashMap<>();
      targetSpec.put("type", "Utilization");
      targetSpec.put("averageUtilization", 80);
      Map<String, Object> resource = new LinkedHashMap<>();
      resource.put("name", "cpu");
      resource.put("target", targetSpec);
      Map<String, Object> metric = new LinkedHashMap<>();
      metric.put("type", "Resource");
      metric.put("resource", resource);
      spec.put("metrics", new ArrayList<>(List.of(metric)));
    }
    Map<String, Object> behavior = mapOrNull(spec.get("behavior"));
    if (behavior != null) {
      // GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: fill what a partial behavior leaves out
      Map<String, Object> up = child(behavior, "scaleUp");
      putIfAbsent(up, "stabilizationWindowSeconds", 0);
      putIfAbsent(up, "selectPolicy", "Max");
      if (listOrEmpty(up.get("policies")).isEmpty()) {
        up.put("policies", new ArrayList<>(List.of(policy("Pods", 4, 15), policy("Percent", 100, 15))));
      }
      Map<String, Object> down = child(behavior, "scaleDown");
      putIfAbsent(down, "selectPolicy", "Max");
      if (listOrEmpty(down.get("policies")).isEmpty()) {
        down.put("policies", new ArrayList<>(List.of(policy("Percent", 100, 15))));
      }
    }
  }

  private static Map<String, Object> policy(String type, int value, int period) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", type);
    p.put("value", value);
    p.put("periodSeconds", period);
    return p;
  }

  private static void networkPolicy(Map<String, Object> obj) {
    Map<String, Object> spec = child(obj, "spec");
    for (String direction : List.of("ingress", "egress")) {
      for (Object rule : listOrEmpty(spec.get(direction))) {
        for (Object p : listOrEmpty(asMap(rule).get("ports"))) {
          putFirstIfAbsent(asMap(p), "protocol", "TCP");
        }
      }
    }
    if (listOrEmpty(spec.get("policyTypes")).isEmpty()) {
      List<Object> types = new ArrayList<>(List.of("Ingress"));
      if (!listOrEmpty(spec.get("egress")).isEmpty()) {
        types.add("Egress");
      }
      spec.put("policyTypes", types);
    }
  }

  private static void roleBinding(Map<String, Object> obj, KubeKind kind, String name, boolean clusterWide) {
    List<Object> subjects = listOrEmpty(obj.get("subjects"));
    List<Cause> causes = new ArrayList<>();
    for (int i = 0; i < subjects.size(); i++) {
      Map<String, Object> subject = asMap(subjects.get(i));
      String subjectKind = string(subject.get("kind"));
      if (isEmpty(string(subject.get("apiGroup"))) && ("User".equals(subjectKind) || "Group".equals(subjectKind))) {
        subject.put("apiGroup", RBAC_GROUP);
      }
      Map<String, Object> ordered = new LinkedHashMap<>();
      putIfPresent(ordered, "kind", subject.remove("kind"));
      putIfPresent(ordered, "apiGroup", subject.remove("apiGroup"));
      putIfPresent(ordered, "name", subject.remove("name"));
      putIfPresent(ordered, "namespace", subject.remove("namespace"));
      ordered.putAll(subject);
      subject.clear();
      subject.putAll(ordered);
      if (clusterWide && "ServiceAccount".equals(subjectKind) && isEmpty(string(subject.get("namespace")))) {
        causes.add(new Cause("FieldValueRequired", "Required value", "subjects[" + i + "].namespace"));
      }
    }
    if (!causes.isEmpty()) {
      throw ApiServerErrors.invalid(kind, name, causes).toException();
    }
    Map<String, Object> roleRef = child(obj, "roleRef");
    if (isEmpty(string(roleRef.get("apiGroup")))) {
      roleRef.put("apiGroup", RBAC_GROUP);
    }
    Map<String, Object> ref = new LinkedHashMap<>();
    putIfPresent(ref, "apiGroup", roleRef.remove("apiGroup"));
    putIfPresent(ref, "kind", roleRef.remove("kind"));
    putIfPresent(ref, "name", roleRef.remove("name"));
    ref.putAll(roleRef);
    // subjects before roleRef, as the server prints them
    Object subjectList = obj.remove("subjects");
    obj.remove("roleRef");
    if (subjectList != null) {
      obj.put("subjects", subjectList);
    }
    obj.put("roleRef", ref);
  }

  /** The pod template defaults shared by Deployment, StatefulSet, CronJob (SetDefaults_PodSpec, _Container). */
  private static void podTemplate(Map<String, Object> template) {
    Map<String, Object> meta = child(template, "metadata");
    putIfAbsent(meta, "creationTimestamp", null);
    sortMapField(meta, "labels");
    sortMapField(meta, "annotations");
    Map<String, Object> spec = child(template, "spec");
    for (String list : List.of("initContainers", "containers")) {
      for (Object c : listOrEmpty(spec.get(list))) {
        container(asMap(c));
      }
    }
    for (Object v : listOrEmpty(spec.get("volumes"))) {
      Map<String, Object> volume = asMap(v);
      for (String source : List.of("configMap", "secret", "projected", "downwardAPI")) {
        Map<String, Object> s = mapOrNull(volume.get(source));
        if (s != null) {
          putIfAbsent(s, "defaultMode", 420);
        }
      }
    }
    putIfAbsent(spec, "restartPolicy", "Always");
    putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
    putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
    if (spec.get("serviceAccountName") != null) {
      putIfAbsent(spec, "serviceAccount", spec.get("serviceAccountName")); // the deprecated mirror
    }
    putIfAbsent(spec, "securityContext", new LinkedHashMap<>());
    putIfAbsent(spec, "schedulerName", "default-scheduler");
    sortMapField(spec, "nodeSelector");
  }

  private static void container(Map<String, Object> c) {
    for (Object p : listOrEmpty(c.get("ports"))) {
      putIfAbsent(asMap(p), "protocol", "TCP");
    }
    for (Object e : listOrEmpty(c.get("env"))) {
      Map<String, Object> fieldRef = mapOrNull(mapOrEmpty(asMap(e).get("valueFrom")).get("fieldRef"));
      if (fieldRef != null) {
        putFirstIfAbsent(fieldRef, "apiVersion", "v1");
      }
    }
    Map<String, Object> resources = child(c, "resources");
    canonicalResourceList(resources, "limits");
    canonicalResourceList(resources, "requests");
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      Map<String, Object> p = mapOrNull(c.get(probe));
      if (p != null) {
        Map<String, Object> httpGet = mapOrNull(p.get("httpGet"));
        if (httpGet != null) {
          putIfAbsent(httpGet, "scheme", "HTTP");
        }
        putIfAbsent(p, "timeoutSeconds", 1);
        putIfAbsent(p, "periodSeconds", 10);
        putIfAbsent(p, "successThreshold", 1);
        putIfAbsent(p, "failureThreshold", 3);
      }
    }
    putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
    putIfAbsent(c, "terminationMessagePolicy", "File");
    putIfAbsent(c, "imagePullPolicy", pullPolicy(string(c.get("image"))));
  }

  /** {@code Always} for a {@code :latest} or untagged image, else {@code IfNotPresent}. */
  private static String pullPolicy(String image) {
    if (image == null) {
      return "IfNotPresent";
    }
    if (image.contains("@")) {
      return "IfNotPresent";
    }
    String last = image.substring(image.lastIndexOf('/') + 1);
    int colon = last.indexOf(':');
    String tag = colon < 0 ? "latest" : last.substring(colon + 1);
    return tag.equals("latest") ? "Always" : "IfNotPresent";
  }

  private static void canonicalResourceList(Map<String, Object> parent, String field) {
    Map<String, Object> list = mapOrNull(parent.get(field));
    if (list == null) {
      return;
    }
    Map<String, Object> sorted = new TreeMap<>();
    for (Map.Entry<String, Object> e : list.entrySet()) {
      Object v = e.getValue();
      String text = v instanceof Number n ? numberText(n) : string(v);
      try {
        sorted.put(e.getKey(), KubeQuantity.canonicalInResourceList(text));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(field + "[" + e.getKey() + "]: " + ex.getMessage(), ex);
      }
    }
    parent.put(field, new LinkedHashMap<>(sorted));
  }

  private static String numberText(Number n) {
    if (n instanceof Double || n instanceof Float) {
      return java.math.BigDecimal.valueOf(n.doubleValue()).toString();
    }
    return n.toString();
  }

  // ---------------------------------------------------------------------------------------------------

  private static void placeNamespace(KubeKind kind, Map<String, Object> meta, String namespace) {
    if (!kind.namespaced()) {
      meta.remove("namespace");
      return;
    }
    String inBody = string(meta.get("namespace"));
    if (namespace == null) {
      if (isEmpty(inBody)) {
        throw new IllegalArgumentException("metadata.namespace is missing for the namespaced kind " + kind.kind());
      }
      return;
    }
    if (!isEmpty(inBody) && !inBody.equals(namespace)) {
      throw ApiServerErrors.namespaceMismatch().toException();
    }
    meta.put("namespace", namespace);
  }

  private static Map<String, Object> withoutMetadata(Map<String, Object> obj, KubeKind kind) {
    Map<String, Object> copy = new LinkedHashMap<>(obj);
    copy.remove("metadata");
    if (kind.builtIn()) {
      copy.remove("status"); // status-only writes never bump generation
    }
    return copy;
  }

  /** Top level {@code kind, apiVersion, metadata, ...}; metadata in ObjectMeta order; CRs sorted throughout. */
  private static Map<String, Object> finish(KubeKind kind, Map<String, Object> obj) {
    Map<String, Object> meta = child(obj, "metadata");
    dropIfEmpty(meta, "labels");
    dropIfEmpty(meta, "annotations");
    dropIfEmpty(meta, "finalizers");
    Map<String, Object> orderedMeta = new LinkedHashMap<>();
    for (String key : METADATA_ORDER) {
      if (meta.containsKey(key)) {
        orderedMeta.put(key, meta.get(key));
      }
    }
    meta.forEach(orderedMeta::putIfAbsent);
    if (!kind.builtIn()) {
      obj.put("metadata", orderedMeta);
      @SuppressWarnings("unchecked")
      Map<String, Object> sorted = (Map<String, Object>) sortDeep(obj);
      return sorted;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", obj.get("kind"));
    out.put("apiVersion", obj.get("apiVersion"));
    out.put("metadata", orderedMeta);
    for (Map.Entry<String, Object> e : obj.entrySet()) {
      out.putIfAbsent(e.getKey(), e.getValue());
    }
    return out;
  }

  private static Object sortDeep(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, v) -> sorted.put((String) k, sortDeep(v)));
      return new LinkedHashMap<>(sorted);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(sortDeep(o));
      }
      return out;
    }
    return value;
  }

  /** JSON null in a built-in object means "unset" (Go decodes it to the zero value). */
  private static void dropNulls(Object value) {
    if (value instanceof Map<?, ?> m) {
      m.values().removeIf(Objects::isNull);
      m.values().forEach(ApiServerDefaults::dropNulls);
    } else if (value instanceof List<?> l) {
      l.forEach(ApiServerDefaults::dropNulls);
    }
  }

  private static void copyOrRemove(Map<String, Object> from, Map<String, Object> to, String key) {
    if (from.containsKey(key)) {
      to.put(key, deepCopy(from.get(key)));
    } else {
      to.remove(key);
    }
  }

  private static Number plusOne(Object generation) {
    long next = (generation instanceof Number n ? n.longValue() : 0) + 1;
    return next <= Integer.MAX_VALUE ? (Number) (int) next : (Number) next;
  }

  private static String suffixFrom(String uid) {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    int h = uid.hashCode();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      sb.append(alphabet.charAt(Math.floorMod(h, alphabet.length())));
      h = h / alphabet.length() + 31 * i;
    }
    return sb.toString();
  }

  private static void sortMapField(Map<String, Object> parent, String field) {
    Map<String, Object> m = mapOrNull(parent.get(field));
    if (m != null) {
      parent.put(field, new LinkedHashMap<>(new TreeMap<>(m)));
    }
  }

  private static void dropIfEmpty(Map<String, Object> parent, String field) {
    Object v = parent.get(field);
    if (v == null || v instanceof Map<?, ?> m && m.isEmpty() || v instanceof List<?> l && l.isEmpty()) {
      parent.remove(field);
    }
  }

  private static void putIfAbsent(Map<String, Object> map, String key, Object value) {
    if (!map.containsKey(key) || map.get(key) == null && value != null) {
      map.put(key, value);
    }
  }

  /** Puts {@code key} first (as Go's struct order prints protocol before port). */
  private static void putFirstIfAbsent(Map<String, Object> map, String key, Object value) {
    if (map.get(key) != null) {
      return;
    }
    Map<String, Object> copy = new LinkedHashMap<>(map);
    copy.remove(key);
    map.clear();
    map.put(key, value);
    map.putAll(copy);
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  private static String string(Object o) {
    return o == null ? null : o.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    if (!(o instanceof Map)) {
      throw new IllegalArgumentException("expected an object but got " + o);
    }
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> mapOrNull(Object o) {
    return o instanceof Map ? asMap(o) : null;
  }

  private static Map<String, Object> mapOrEmpty(Object o) {
    return o instanceof Map ? asMap(o) : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> listOrEmpty(Object o) {
    return o instanceof List ? (List<Object>) o : List.of();
  }

  /** The child map at {@code key}, created (mutable) when absent. */
  private static Map<String, Object> child(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (v instanceof Map) {
      return asMap(v);
    }
    Map<String, Object> created = new LinkedHashMap<>();
    parent.put(key, created);
    return created;
  }

  /** A deep, mutable copy of a JSON-like tree. */
  public static Map<String, Object> copyMap(Map<String, Object> map) {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) deepCopy(map);
    return copy;
  }

  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(deepCopy(o));
      }
      return out;
    }
    return value;
  }
}
