package dev.platformkit.k8s.internal;

import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the RFC 6902 JSON Patch of an update: first the resource version read, then one operation per
 * owned label, annotation and top-level body field, so that nothing else on the object is touched.
 *
 * <p>The version is written with {@code replace}, not checked with {@code test}: the API server requires
 * the version of the patched object to equal the stored one and answers 409 Conflict otherwise (the same
 * precondition as a merge patch carrying {@code metadata.resourceVersion}), whereas a failed {@code test}
 * is a bare 422 that cannot be told from an invalid object without reading it again.
 */
public final class JsonPatch {

  private JsonPatch() {}

  /** The operations that write {@code update} onto {@code current}, as JSON-ready maps. */
  public static List<Map<String, Object>> of(Resource current, ResourceUpdate update) {
    List<Map<String, Object>> ops = new ArrayList<>();
    if (current.version() != null) {
      ops.add(op("replace", "/metadata/resourceVersion", current.version()));
    }
    keyed("/metadata/labels", current.labels(), update.setLabels(), update.removeLabels(), ops);
    keyed("/metadata/annotations", current.annotations(), update.setAnnotations(), update.removeAnnotations(), ops);
    // "add" of an existing member replaces it, so it works whether the field is there or not
    update.body().forEach((field, value) -> ops.add(op("add", "/" + escape(field), value)));
    return ops;
  }

  private static void keyed(String path, Map<String, String> current, Map<String, String> set, Set<String> remove,
      List<Map<String, Object>> ops) {
    Set<String> removals = new TreeSet<>(remove);
    removals.retainAll(current.keySet()); // removing an absent member fails the whole patch
    removals.removeAll(set.keySet());
    if (current.isEmpty()) {
      // the map may be absent from the object, and adding a member to a missing map fails; the version
      // precondition guarantees it holds nothing we would overwrite
      if (!set.isEmpty()) {
        ops.add(op("add", path, new LinkedHashMap<>(set)));
      }
      return;
    }
    set.forEach((k, v) -> ops.add(op("add", path + "/" + escape(k), v)));
    removals.forEach(k -> ops.add(op("remove", path + "/" + escape(k), null)));
  }

  /** A key as a JSON Pointer reference token (RFC 6901): {@code ~} becomes {@code ~0}, {@code /} becomes {@code ~1}. */
  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static Map<String, Object> op(String op, String path, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op);
    m.put("path", path);
    if (!"remove".equals(op)) {
      m.put("value", value);
    }
    return m;
  }
}
