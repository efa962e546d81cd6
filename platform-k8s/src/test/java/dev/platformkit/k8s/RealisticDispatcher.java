package dev.platformkit.k8s;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.testkit.apiserver.ApiServerDefaults;
import dev.platformkit.testkit.apiserver.ApiServerDefaults.Deletion;
import dev.platformkit.testkit.apiserver.ApiServerDefaults.Stamp;
import dev.platformkit.testkit.apiserver.ApiServerErrors;
import dev.platformkit.testkit.apiserver.ApiStatus;
import dev.platformkit.testkit.apiserver.ApiStatusException;
import dev.platformkit.testkit.apiserver.KubeKind;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fabric8 {@link KubernetesCrudDispatcher} that answers writes like the recorded kube-apiserver v1.28
 * (../shared/reference/apiserver-v1.28): POST, PUT, JSON merge patch and JSON patch go through
 * {@link ApiServerDefaults} (defaulting, canonical quantities, generation, no-op writes keep the
 * resourceVersion), a stale {@code metadata.resourceVersion} in the body is 409 Conflict, a create into a
 * missing namespace 404, into a terminating one 403, a duplicate 409 AlreadyExists, DELETE honours
 * preconditions, keeps objects with finalizers and turns namespaces Terminating (finish them with
 * {@link #finishNamespaceDeletion(String)}). Use it in place of {@code new KubernetesCrudDispatcher()}.
 *
 * <p>Left to the fabric8 dispatcher, without defaulting: GET, LIST, WATCH, subresources ({@code /status},
 * {@code /scale}) and server-side apply ({@code application/apply-patch+yaml}). A strategic merge patch on a
 * built-in kind is applied as a JSON merge patch (lists are replaced, not merged by key); on a custom
 * resource it is 415 as on the real server. Not modelled: the namespace's {@code default} ServiceAccount and
 * {@code kube-root-ca.crt} ConfigMap, controllers, admission, managedFields. Timestamps come from the
 * {@link Clock} given (system clock by default); they are volatile in every comparison.
 */
final class RealisticDispatcher extends KubernetesCrudDispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> JSON_PATCH_FAILED = Map.of("kind", "Status", "apiVersion", "v1",
      "metadata", Map.of(), "status", "Failure",
      "message", "the server rejected our request due to an error in our request",
      "reason", "Invalid", "details", Map.of(), "code", 422);

  private final Clock clock;

  RealisticDispatcher(Clock clock) {
    this.clock = clock;
  }

  RealisticDispatcher() {
    this(Clock.systemUTC());
  }

  /** A CRUD-mode mock server with a new {@code RealisticDispatcher}; call {@code init()} to start it. */
  static KubernetesMockServer newServer() {
    return newServer(new RealisticDispatcher());
  }

  /** A CRUD-mode mock server on {@code dispatcher}; call {@code init()} to start it. */
  static KubernetesMockServer newServer(RealisticDispatcher dispatcher) {
    return new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
  }

  /** Where a request points: {@code collection} without name, {@code object} with it. */
  private record Target(String prefix, String namespace, String plural, String name, String subresource) {
    String collection() {
      return prefix + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + plural;
    }

    String object(String objectName) {
      return collection() + "/" + objectName;
    }

    static Target parse(String fullPath) {
      String path = fullPath.split("\\?", 2)[0];
      String[] segs = path.substring(1).split("/");
      int start;
      if (segs[0].equals("api") && segs.length >= 3) {
        start = 2;
      } else if (segs[0].equals("apis") && segs.length >= 4) {
        start = 3;
      } else {
        return null;
      }
      String prefix = "/" + String.join("/", List.of(segs).subList(0, start));
      List<String> rest = List.of(segs).subList(start, segs.length);
      String namespace = null;
      if (rest.size() >= 3 && rest.get(0).equals("namespaces") && !List.of("status", "finalize").contains(rest.get(2))) {
        namespace = rest.get(1);
        rest = rest.subList(2, rest.size());
      }
      if (rest.isEmpty()) {
        return null;
      }
      return new Target(prefix, namespace, rest.get(0), rest.size() > 1 ? rest.get(1) : null,
          rest.size() > 2 ? rest.get(2) : null);
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Target target = Target.parse(request.getPath());
    String method = request.getMethod().toUpperCase();
    if (target == null || target.subresource() != null || method.equals("GET")) {
      return super.dispatch(request);
    }
    String contentType = String.valueOf(request.getHeader("Content-Type"));
    if (method.equals("PATCH") && contentType.startsWith("application/apply-patch")) {
      return super.dispatch(request);
    }
    synchronized (this) {
      try {
        return switch (method) {
          case "POST" -> target.name() == null ? create(target, request.getUtf8Body()) : super.dispatch(request);
          case "PUT" -> target.name() == null ? super.dispatch(request) : replace(target, request.getUtf8Body());
          case "PATCH" -> target.name() == null ? super.dispatch(request)
              : patch(target, contentType, request.getUtf8Body());
          case "DELETE" -> target.name() == null ? super.dispatch(request) : delete(target, request.getUtf8Body());
          default -> super.dispatch(request);
        };
      } catch (ApiStatusException e) {
        return answer(e.status().code(), e.status().toMap());
      } catch (IllegalArgumentException e) {
        return answer(400, new ApiStatus(400, "BadRequest", e.getMessage(), null).toMap());
      }
    }
  }

  /**
   * Lets the namespace controller finish: removes namespace {@code name} and everything in it, as the real
   * server does ~5 s after the DELETE when nothing holds a finalizer.
   */
  synchronized void finishNamespaceDeletion(String name) {
    for (Map.Entry<AttributeSet, String> e : List.copyOf(map.entrySet())) {
      Map<String, Object> obj = parse(e.getValue());
      Map<String, Object> meta = meta(obj);
      boolean inside = name.equals(meta.get("namespace"));
      boolean itself = "Namespace".equals(obj.get("kind")) && name.equals(meta.get("name"));
      if (inside || itself) {
        processEvent("/api/v1/namespaces/" + name, null, e.getKey(), null, null);
      }
    }
  }

  private MockResponse create(Target target, String body) {
    Map<String, Object> sent = parse(body);
    KubeKind kind = KubeKind.of(sent);
    if (target.namespace() != null) {
      Map.Entry<AttributeSet, String> ns = stored("/api/v1/namespaces/" + target.namespace());
      String name = nameOf(sent);
      if (ns == null) {
        throw ApiServerErrors.namespaceNotFound(target.namespace()).toException();
      }
      if (meta(parse(ns.getValue())).get("deletionTimestamp") != null) {
        throw ApiServerErrors.namespaceTerminating(kind, name, target.namespace()).toException();
      }
    }
    Map<String, Object> created = ApiServerDefaults.create(sent, target.namespace(), stamp());
    String name = nameOf(created);
    if (stored(target.object(name)) != null) {
      throw ApiServerErrors.alreadyExists(kind, name).toException();
    }
    String json = write(created);
    processEvent(target.collection(), getKey(target.collection()), null, null, json);
    return answer(201, created);
  }

  private MockResponse replace(Target target, String body) {
    Map.Entry<AttributeSet, String> entry = existing(target);
    return store(target, entry, ApiServerDefaults.update(parse(entry.getValue()), parse(body), stamp()));
  }

  private MockResponse patch(Target target, String contentType, String body) {
    Map.Entry<AttributeSet, String> entry = existing(target);
    Map<String, Object> current = parse(entry.getValue());
    Map<String, Object> patched;
    if (contentType.startsWith("application/json-patch+json")) {
      JsonNode ops = tree(body);
      if (!ops.isArray()) {
        throw new ApiStatus(400, "BadRequest", "error decoding patch: json: cannot unmarshal object into Go value "
            + "of type []handlers.jsonPatchOp", null).toException();
      }
      try {
        patched = JSON.convertValue(JsonPatch.apply(ops, JSON.valueToTree(current)), new TypeReference<>() { });
      } catch (RuntimeException e) {
        return answer(422, JSON_PATCH_FAILED); // the real server names neither the op nor the path
      }
    } else if (contentType.startsWith("application/merge-patch+json")
        || contentType.startsWith("application/strategic-merge-patch+json") && KubeKind.of(current).builtIn()) {
      patched = mergePatch(current, parse(body));
    } else if (contentType.startsWith("application/strategic-merge-patch+json")) {
      throw new ApiStatus(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
          + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
          + "application/apply-patch+yaml", null).toException();
    } else {
      throw new ApiStatus(415, "UnsupportedMediaType", "415: Unsupported Media Type",
          new ApiStatus.Details(null, null, null, null, null)).toException();
    }
    return store(target, entry, ApiServerDefaults.update(current, patched, stamp()));
  }

  private MockResponse delete(Target target, String body) {
    Map.Entry<AttributeSet, String> entry = existing(target);
    Map<String, Object> options = body == null || body.isBlank() ? Map.of() : parse(body);
    Map<String, Object> preconditions = options.get("preconditions") instanceof Map<?, ?> ? cast(options.get("preconditions")) : Map.of();
    Deletion deletion = ApiServerDefaults.delete(parse(entry.getValue()), (String) preconditions.get("uid"),
        (String) preconditions.get("resourceVersion"), (String) options.get("propagationPolicy"), stamp());
    if (deletion.remaining() == null) {
      processEvent(target.object(target.name()), null, entry.getKey(), null, null);
    } else if (!write(deletion.remaining()).equals(entry.getValue())) {
      processEvent(target.object(target.name()), getKey(target.collection()), entry.getKey(), null,
          write(deletion.remaining()));
    }
    return answer(200, deletion.answer());
  }

  private MockResponse store(Target target, Map.Entry<AttributeSet, String> entry, Map<String, Object> updated) {
    if (ApiServerDefaults.readyToRemove(updated)) {
      processEvent(target.object(target.name()), null, entry.getKey(), null, null);
    } else if (!updated.equals(parse(entry.getValue()))) {
      processEvent(target.object(target.name()), getKey(target.collection()), entry.getKey(), null, write(updated));
    }
    return answer(200, updated);
  }

  private Map.Entry<AttributeSet, String> existing(Target target) {
    Map.Entry<AttributeSet, String> entry = stored(target.object(target.name()));
    if (entry == null) {
      String group = target.prefix().startsWith("/apis/") ? target.prefix().split("/")[2] : "";
      throw ApiServerErrors.notFound(new KubeKind(group, "", "", target.plural(), true, false, false, true),
          target.name()).toException();
    }
    return entry;
  }

  private Map.Entry<AttributeSet, String> stored(String objectPath) {
    return findResource(getKey(objectPath));
  }

  private Stamp stamp() {
    return new Stamp(UUID.randomUUID().toString(), String.valueOf(requestResourceVersion()), clock.instant());
  }

  private static MockResponse answer(int code, Map<String, Object> body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(write(body));
  }

  private static String nameOf(Map<String, Object> obj) {
    Object name = meta(obj).get("name");
    return name == null ? "" : name.toString();
  }

  private static Map<String, Object> meta(Map<String, Object> obj) {
    return obj.get("metadata") instanceof Map<?, ?> ? cast(obj.get("metadata")) : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }

  /** RFC 7386 JSON merge patch: null deletes, objects merge, everything else replaces. */
  static Map<String, Object> mergePatch(Map<String, Object> target, Map<String, Object> patch) {
    Map<String, Object> out = new LinkedHashMap<>(target);
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      Object value = e.getValue();
      if (value == null) {
        out.remove(e.getKey());
      } else if (value instanceof Map<?, ?>) {
        Map<String, Object> base = out.get(e.getKey()) instanceof Map<?, ?> ? cast(out.get(e.getKey())) : new LinkedHashMap<>();
        out.put(e.getKey(), mergePatch(base, cast(value)));
      } else {
        out.put(e.getKey(), value);
      }
    }
    return out;
  }

  static Map<String, Object> parse(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not a JSON object: " + e.getMessage(), e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not JSON: " + e.getMessage(), e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
