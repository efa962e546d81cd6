package dev.platformkit.spi;

import dev.platformkit.ResourceRef;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An object as a {@link ResourceStore} holds it, reduced to what platformkit reads and owns: its
 * reference, labels (AWS: tags), annotations, the owned part of its content as a JSON-like tree, and the
 * version used for optimistic concurrency.
 *
 * <p>The body holds only the top-level fields the library owns for the kind: {@code spec} of a
 * ResourceQuota, {@code roleRef} and {@code subjects} of a RoleBinding, nothing for a Namespace. Values
 * are {@code String}, {@code Number}, {@code Boolean}, {@code List} and {@code Map<String, ?>}.
 *
 * @param ref the object
 * @param labels labels (Kubernetes) or tags (AWS)
 * @param annotations annotations; empty for AWS objects
 * @param body the owned content
 * @param version the resource version or ETag read from the backend; null for desired objects
 * @param created when the backend created the object, where it says so; null for desired objects
 */
public record Resource(ResourceRef ref, Map<String, String> labels, Map<String, String> annotations,
    Map<String, Object> body, String version, Instant created) implements Serializable {

  /** Copies the maps, keeping their order. */
  public Resource {
    Objects.requireNonNull(ref, "ref");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
  }

  /** An object without a creation time. */
  public Resource(ResourceRef ref, Map<String, String> labels, Map<String, String> annotations,
      Map<String, Object> body, String version) {
    this(ref, labels, annotations, body, version, null);
  }

  /** A desired object (no version yet). */
  public static Resource desired(ResourceRef ref, Map<String, String> labels, Map<String, String> annotations,
      Map<String, Object> body) {
    return new Resource(ref, labels, annotations, body, null);
  }

  /** The same object with another version. */
  public Resource withVersion(String newVersion) {
    return new Resource(ref, labels, annotations, body, newVersion, created);
  }

  /** The same object under another reference (another scope). */
  public Resource withRef(ResourceRef newRef) {
    return new Resource(newRef, labels, annotations, body, version, created);
  }
}
