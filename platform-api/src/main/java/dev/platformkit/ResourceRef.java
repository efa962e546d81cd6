package dev.platformkit;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Names one object a change targets: the provider that holds it ({@code kubernetes}, {@code aws}), its
 * kind ({@code Namespace}, {@code ResourceQuota}, {@code AccessEntry}), its namespace when it has one, its
 * name (for AWS objects, the identifier such as a principal ARN), and the scope: which of the provider's
 * backends holds it, when a {@link Platform} has several (two clusters during a blue/green upgrade, ACM
 * in {@code us-east-1} next to a regional load balancer). The default scope is the empty string.
 *
 * @param provider {@link #KUBERNETES} or {@link #AWS}
 * @param kind the kind of object
 * @param namespace the Kubernetes namespace, or null for cluster-scoped and AWS objects
 * @param name the name or identifier
 * @param scope the backend of the provider that holds the object, as named in
 *     {@link Platform.Builder#kubernetes(String, dev.platformkit.spi.ResourceStore)}; empty for the default one
 */
public record ResourceRef(String provider, String kind, String namespace, String name, String scope)
    implements Serializable, Comparable<ResourceRef> {

  /** The default scope: the provider's only (or unnamed) backend. */
  public static final String DEFAULT_SCOPE = "";

  /** The Kubernetes provider. */
  public static final String KUBERNETES = "kubernetes";
  /** The AWS provider. */
  public static final String AWS = "aws";

  /** Checks the required parts; a null scope is the default one. */
  public ResourceRef {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    scope = scope == null ? DEFAULT_SCOPE : scope; // state saved before scopes existed
  }

  /** An object in the provider's default scope. */
  public ResourceRef(String provider, String kind, String namespace, String name) {
    this(provider, kind, namespace, name, DEFAULT_SCOPE);
  }

  /** The same object in another scope. */
  public ResourceRef inScope(String newScope) {
    return new ResourceRef(provider, kind, namespace, name, newScope);
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
    if (c == 0) c = scope.compareTo(o.scope);
    return c;
  }

  /** {@code Kind namespace/name} (Kubernetes) or {@code aws Kind id}, after {@code [scope] } when not the default. */
  @Override
  public String toString() {
    String prefix = (scope.isEmpty() ? "" : "[" + scope + "] ")
        + (AWS.equals(provider) ? "aws " : KUBERNETES.equals(provider) ? "" : provider + " ");
    return prefix + kind + " " + (namespace == null ? name : namespace + "/" + name);
  }
}
