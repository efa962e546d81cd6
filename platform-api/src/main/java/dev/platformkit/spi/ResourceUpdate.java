package dev.platformkit.spi;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The owned fields an update writes, and nothing else: labels and annotations to set or remove, and
 * top-level body fields to replace as a whole. Fields others set on the object are not in here and
 * must survive the write.
 *
 * @param setLabels labels (tags) to add or change
 * @param removeLabels label (tag) keys to remove
 * @param setAnnotations annotations to add or change
 * @param removeAnnotations annotation keys to remove
 * @param body top-level body fields to replace with these values
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

  /** Whether the update writes nothing. */
  public boolean isEmpty() {
    return setLabels.isEmpty() && removeLabels.isEmpty() && setAnnotations.isEmpty()
        && removeAnnotations.isEmpty() && body.isEmpty();
  }
}
