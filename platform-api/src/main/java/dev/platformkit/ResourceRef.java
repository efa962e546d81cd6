package dev.platformkit;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one object a change targets: the provider that holds it ({@code kubernetes}, {@code aws}), its
 * kind ({@code Namespace}, {@code ResourceQuota}, {@code AccessEntry}), its namespace when it has one, and
 * its name (for AWS objects, the identifier such as a principal ARN).
 *
 * @param provider {@link #KUBERNETES} or {@link #AWS}
 * @param kind the kind of object
 * @param namespace the Kubernetes namespace, or null for cluster-scoped and AWS objects
 * @param name the name or identifier
 */
public record ResourceRef(String provider, String kind, String namespace, String name)
    implements Serializable, Comparable<ResourceRef> {

  /** The Kubernetes provider. */
  public static final String KUBERNETES = "kubernetes";
  /** The AWS provider. */
  public static final String AWS = "aws";

  /** Checks the required parts. */
  public ResourceRef {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** A cluster-scoped Kubernetes object. */
  public static ResourceRef kubernetes(String kind, String name) {
    return new ResourceRef(KUBERNETES, kind, null, name);
  }

  /** A namespaced Kubernetes object. */
  public static ResourceRef kubernetes(String kind, String namespace, String name) {
    return new ResourceRef(KUBERNETES, kind, namespace, name);
  }

  /** An AWS object. */
  public static ResourceRef aws(String kind, String id) {
    return new ResourceRef(AWS, kind, null, id);
  }

  /** The namespace, if the object is namespaced. */
  public Optional<String> namespaceIfAny() {
    return Optional.ofNullable(namespace);
  }

  @Override
  public int compareTo(ResourceRef o) {
    int c = provider.compareTo(o.provider);
    if (c == 0) c = kind.compareTo(o.kind);
    if (c == 0) c = Objects.compare(namespace, o.namespace, (a, b) -> a == null ? (b == null ? 0 : -1) : b == null ? 1 : a.compareTo(b));
    if (c == 0) c = name.compareTo(o.name);
    return c;
  }

  /** {@code Kind namespace/name} (Kubernetes) or {@code aws Kind id}. */
  @Override
  public String toString() {
    String prefix = AWS.equals(provider) ? "aws " : KUBERNETES.equals(provider) ? "" : provider + " ";
    return prefix + kind + " " + (namespace == null ? name : namespace + "/" + name);
  }
}
