package dev.platformkit.spi;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The owned fields an update writes, and nothing else: labels and annotations to set or remove, and a
 * JSON merge patch (RFC 7386) of the body: maps merge key by key, a null value removes the key, lists
 * and scalars replace what is there. Fields others set on the object, even inside {@code spec}, are not
 * in here and must survive the write.
 *
 * @param setLabels labels (tags) to add or change
 * @param removeLabels label (tag) keys to remove
 * @param setAnnotations annotations to add or change
 * @param removeAnnotations annotation keys to remove
 * @param body the merge patch of the body
 */
public record ResourceUpdate(Map<String, String> setLabels, Set<String> removeLabels,
    Map<String, String> setAnnotations, Set<String> removeAnnotations, Map<String, Object> body)
    implements Serializable {

  /** Copies everything, keeping order (removals sorted). */
  public ResourceUpdate {
    setLabels = Collections.unmodifiableMap(new LinkedHashMap<>(setLabels));
    removeLabels = Collections.unmodifiableSet(new TreeSet<>(removeLabels));
    setAnnotations = Collections.unmodifiableMap(new LinkedHashMap<>(setAnnotations));
    removeAnnotations = Collections.unmodifiableSet(new TreeSet<>(removeAnnotations));
    body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
  }

  /** The body after this update: {@code current} with the merge patch applied; {@code current} is not changed. */
  public Map<String, Object> patchBody(Map<String, Object> current) {
    return merge(current, body);
  }

  /** {@code target} with the RFC 7386 merge {@code patch} applied, as a new map; neither argument changes. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> merge(Map<String, Object> target, Map<String, Object> patch) {
    Map<String, Object> out = new LinkedHashMap<>(target);
    patch.forEach((k, v) -> {
      if (v == null) {
        out.remove(k);
      } else if (v instanceof Map<?, ?> m) {
        Map<String, Object> base = out.get(k) instanceof Map<?, ?> existing ? (Map<String, Object>) existing : Map.of();
        out.put(k, merge(base, (Map<String, Object>) m));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  /** Whether the update writes nothing. */
  public boolean isEmpty() {
    return setLabels.isEmpty() && removeLabels.isEmpty() && setAnnotations.isEmpty()
        && removeAnnotations.isEmpty() && body.isEmpty();
  }
}
