package dev.platformkit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platformkit.spi.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The objects platformkit wrote, as a kube-apiserver v1.28 returns them in a list: what the recorded
 * answers in {@code ../shared/reference/apiserver-v1.28} show (cases 01, 09, 10, 11, 12 and 28) — items
 * without kind and apiVersion, {@code uid}, {@code resourceVersion}, {@code creationTimestamp},
 * {@code generation} where the kind has one, {@code managedFields} of the writer (fabric8's User-Agent
 * names it) and of the controllers, the server's defaults (namespace label and finalizer) and status
 * (namespace phase, quota usage), and built-in kinds' keys in struct order.
 */
final class ServedObjects {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String WRITER = "fabric8-kubernetes-client";
  private static final String CREATED = "2026-11-30T15:20:05Z";

  /**
   * A Kubernetes kind as the API serves it.
   *
   * @param name the kind
   * @param apiVersion group/version
   * @param path the cluster-wide list path
   */
  record ApiKind(String name, String apiVersion, String path) {}

  /** The kinds a tenant is made of, in the order platformkit lists them. */
  static final List<ApiKind> TENANT_KINDS = List.of(
      new ApiKind("Namespace", "v1", "/api/v1/namespaces"),
      new ApiKind("ResourceQuota", "v1", "/api/v1/resourcequotas"),
      new ApiKind("LimitRange", "v1", "/api/v1/limitranges"),
      new ApiKind("NetworkPolicy", "networking.k8s.io/v1", "/apis/networking.k8s.io/v1/networkpolicies"),
      new ApiKind("RoleBinding", "rbac.authorization.k8s.io/v1", "/apis/rbac.authorization.k8s.io/v1/rolebindings"));

  private ServedObjects() {}

  /** Each object of {@code objects} as the server holds it, by kind; resource versions count up from 1000. */
  static Map<ApiKind, List<ObjectNode>> served(List<Resource> objects) {
    Map<ApiKind, List<ObjectNode>> out = new LinkedHashMap<>();
    TENANT_KINDS.forEach(k -> out.put(k, new ArrayList<>()));
    long version = 1000;
    for (Resource r : objects) {
      ApiKind kind = TENANT_KINDS.stream().filter(k -> k.name().equals(r.ref().kind())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("not a tenant kind: " + r.ref()));
      out.get(kind).add(item(kind, r, version++));
    }
    // the server answers lists sorted by namespace and name (etcd key order)
    out.values().forEach(items -> items.sort((a, b) -> key(a).compareTo(key(b))));
    return out;
  }

  private static String key(ObjectNode item) {
    return item.path("metadata").path("namespace").asText("") + "/" + item.path("metadata").path("name").asText();
  }

  /** A list answer: {@code <Kind>List} with a list resourceVersion and the items. */
  static byte[] listBody(ApiKind kind, List<ObjectNode> items, long listVersion) {
    ObjectNode list = F.objectNode();
    list.put("kind", kind.name() + "List");
    list.put("apiVersion", kind.apiVersion());
    list.putObject("metadata").put("resourceVersion", Long.toString(listVersion));
    ArrayNode array = list.putArray("items");
    items.forEach(array::add);
    return list.toString().getBytes(StandardCharsets.UTF_8); // compact, as the server sends it
  }

  /** The labels of a served item. */
  static Map<String, String> labels(ObjectNode item) {
    Map<String, String> out = new LinkedHashMap<>();
    item.path("metadata").path("labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static ObjectNode item(ApiKind kind, Resource r, long version) {
    ObjectNode item = F.objectNode();
    ObjectNode meta = item.putObject("metadata");
    meta.put("name", r.ref().name());
    if (r.ref().namespace() != null) {
      meta.put("namespace", r.ref().namespace());
    }
    meta.put("uid", UUID.nameUUIDFromBytes(r.ref().toString().getBytes(StandardCharsets.UTF_8)).toString());
    meta.put("resourceVersion", Long.toString(version));
    if (kind.name().equals("NetworkPolicy")) {
      meta.put("generation", 1);
    }
    meta.put("creationTimestamp", CREATED);
    Map<String, String> labels = new LinkedHashMap<>(r.labels());
    if (kind.name().equals("Namespace")) {
      labels.put("kubernetes.io/metadata.name", r.ref().name()); // set by the server on every namespace
    }
    if (!labels.isEmpty()) {
      ObjectNode l = meta.putObject("labels");
      labels.forEach(l::put);
    }
    if (!r.annotations().isEmpty()) {
      ObjectNode a = meta.putObject("annotations");
      r.annotations().forEach(a::put);
    }
    ObjectNode body = JSON.valueToTree(r.body());
    ArrayNode managed = meta.putArray("managedFields");
    ObjectNode written = F.objectNode();
    ObjectNode metaFields = written.putObject("f:metadata");
    if (!r.annotations().isEmpty()) {
      metaFields.set("f:annotations", keys(r.annotations().keySet()));
    }
    metaFields.set("f:labels", keys(labels.keySet()));
    body.fields().forEachRemaining(e -> written.set("f:" + e.getKey(), fields(e.getValue(), false)));
    managed.add(managedEntry(WRITER, kind.apiVersion(), written, null));

    switch (kind.name()) {
      case "Namespace" -> {
        item.putObject("spec").putArray("finalizers").add("kubernetes");
        item.putObject("status").put("phase", "Active");
      }
      case "ResourceQuota" -> {
        ObjectNode hard = (ObjectNode) body.path("spec").path("hard");
        item.set("spec", body.get("spec"));
        ObjectNode status = item.putObject("status");
        status.set("hard", hard.deepCopy());
        ObjectNode used = status.putObject("used");
        hard.fieldNames().forEachRemaining(k -> used.put(k, "0"));
        ObjectNode statusFields = F.objectNode();
        ObjectNode s = statusFields.putObject("f:status");
        s.set("f:hard", keys(iterable(hard.fieldNames())));
        s.set("f:used", keys(iterable(hard.fieldNames())));
        managed.add(managedEntry("kube-controller-manager", kind.apiVersion(), statusFields, "status"));
      }
      case "LimitRange" -> {
        ObjectNode spec = item.putObject("spec");
        ArrayNode limits = spec.putArray("limits");
        body.path("spec").path("limits").forEach(l -> limits.add(ordered((ObjectNode) l,
            "type", "max", "min", "default", "defaultRequest", "maxLimitRequestRatio")));
      }
      case "NetworkPolicy" -> item.set("spec", ordered((ObjectNode) body.get("spec"),
          "podSelector", "ingress", "egress", "policyTypes"));
      case "RoleBinding" -> {
        item.set("subjects", body.get("subjects"));
        item.set("roleRef", body.get("roleRef"));
      }
      default -> item.setAll(body);
    }
    return item;
  }

  private static ObjectNode managedEntry(String manager, String apiVersion, ObjectNode fields, String subresource) {
    ObjectNode e = F.objectNode();
    e.put("manager", manager);
    e.put("operation", "Update");
    e.put("apiVersion", apiVersion);
    e.put("time", CREATED);
    e.put("fieldsType", "FieldsV1");
    e.set("fieldsV1", fields);
    if (subresource != null) {
      e.put("subresource", subresource);
    }
    return e;
  }

  // fieldsV1 of a written value: maps key by key (with "." below the top level), lists and selectors atomic
  private static ObjectNode fields(com.fasterxml.jackson.databind.JsonNode value, boolean nested) {
    ObjectNode out = F.objectNode();
    if (value.isObject() && value.size() > 0) {
      if (nested) {
        out.putObject(".");
      }
      value.fields().forEachRemaining(e -> out.set("f:" + e.getKey(),
          e.getKey().endsWith("Selector") ? F.objectNode() : fields(e.getValue(), true)));
    }
    return out;
  }

  private static ObjectNode keys(Iterable<String> keys) {
    ObjectNode out = F.objectNode();
    out.putObject(".");
    keys.forEach(k -> out.putObject("f:" + k));
    return out;
  }

  private static Iterable<String> iterable(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static ObjectNode ordered(ObjectNode node, String... order) {
    ObjectNode out = F.objectNode();
    for (String k : order) {
      if (node.has(k)) {
        out.set(k, node.get(k));
      }
    }
    node.fields().forEachRemaining(e -> {
      if (!out.has(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }
}
