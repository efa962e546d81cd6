package dev.platformkit.spi;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A kind of object a primitive writes, declared once by the primitive and handed to every store: the
 * provider that holds it, where it lives in the provider's API, and which of its top-level fields make up
 * a {@link Resource#body()}. Stores need no table of their own, so a primitive adding a kind changes one
 * list.
 *
 * @param provider the provider that holds it: {@link dev.platformkit.ResourceRef#KUBERNETES}, {@link
 *     dev.platformkit.ResourceRef#AWS}, or another provider's name
 * @param name the kind, such as {@code RoleBinding} or {@code AccessEntry}
 * @param apiVersion Kubernetes {@code group/version} (or {@code v1} for the core group); null for kinds
 *     that are not Kubernetes API objects (AWS objects, aws-auth entries)
 * @param plural the Kubernetes resource name ({@code rolebindings}); null when {@code apiVersion} is
 * @param namespaced whether objects live in a namespace
 * <p><b>Finalizers.</b> A Kubernetes kind may name {@value #FINALIZERS} among its fields: the body then
 * holds the object's {@code metadata.finalizers} under that key as a set, a map from each finalizer to
 * {@code true} ({@code {"resources-finalizer.argocd.argoproj.io": true}}). Stores turn it into the list
 * and back. As a map it merges like labels: the engine adds the finalizers it wants, removes only those it
 * set itself and keeps those others (controllers) added.
 *
 * <p><b>Read-only fields.</b> {@link #readOnly()} names top-level fields that stores return in the body of
 * what they read but never write ({@code status}, kept by controllers): a desired body never holds them,
 * creates and updates leave them out, and the engine never compares them.
 *
 * @param provider the provider that holds it: {@link dev.platformkit.ResourceRef#KUBERNETES}, {@link
 *     dev.platformkit.ResourceRef#AWS}, or another provider's name
 * @param name the kind, such as {@code RoleBinding} or {@code AccessEntry}
 * @param apiVersion Kubernetes {@code group/version} (or {@code v1} for the core group); null for kinds
 *     that are not Kubernetes API objects (AWS objects, aws-auth entries)
 * @param plural the Kubernetes resource name ({@code rolebindings}); null when {@code apiVersion} is
 * @param namespaced whether objects live in a namespace
 * @param fields the top-level fields a {@link Resource#body()} holds ({@code spec}; {@code roleRef} and
 *     {@code subjects}), and {@value #FINALIZERS} for kinds whose finalizers platformkit sets; empty when the
 *     body is the store's own representation (AWS)
 * @param quantities whether string leaves of the body are Kubernetes quantities, compared by value because
 *     the API server rewrites them ({@code 1000m} becomes {@code 1})
 * @param readOnly top-level fields read but never written ({@code status}); not among {@code fields}
 */
public record Kind(String provider, String name, String apiVersion, String plural, boolean namespaced,
    List<String> fields, boolean quantities, List<String> readOnly) implements Serializable {

  /**
   * The body key of an object's finalizers, as a set: a map from finalizer to {@code true} (see the type's
   * documentation).
   */
  public static final String FINALIZERS = "metadata.finalizers";

  /** Checks the parts. */
  public Kind {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(name, "name");
    if ((apiVersion == null) != (plural == null)) {
      throw new IllegalArgumentException(name + ": apiVersion and plural go together");
    }
    fields = List.copyOf(fields);
    readOnly = List.copyOf(readOnly);
    for (String field : readOnly) {
      if (fields.contains(field) || field.equals(FINALIZERS)) {
        throw new IllegalArgumentException(name + ": " + field + " is either written or read-only, not both");
      }
    }
  }

  /** A kind without read-only fields. */
  public Kind(String provider, String name, String apiVersion, String plural, boolean namespaced,
      List<String> fields, boolean quantities) {
    this(provider, name, apiVersion, plural, namespaced, fields, quantities, List.of());
  }

  /**
   * A Kubernetes API kind.
   *
   * @param apiVersion {@code group/version}, or {@code v1} for the core group
   * @param name the kind
   * @param plural the resource name in API paths
   * @param namespaced whether objects live in a namespace
   * @param fields the top-level fields platformkit reads and writes
   */
  public static Kind kubernetes(String apiVersion, String name, String plural, boolean namespaced, String... fields) {
    return new Kind(dev.platformkit.ResourceRef.KUBERNETES, name, apiVersion, plural, namespaced, List.of(fields), false);
  }

  /** An AWS kind: its store knows how to address it. */
  public static Kind aws(String name) {
    return new Kind(dev.platformkit.ResourceRef.AWS, name, null, null, false, List.of(), false);
  }

  /** The same kind, with string leaves compared as Kubernetes quantities. */
  public Kind withQuantities() {
    return new Kind(provider, name, apiVersion, plural, namespaced, fields, true, readOnly);
  }

  /**
   * The same kind, whose reads also return the top-level fields {@code readOnlyFields} ({@code status}),
   * which are never written nor compared.
   */
  public Kind withReadOnly(String... readOnlyFields) {
    return new Kind(provider, name, apiVersion, plural, namespaced, fields, quantities, List.of(readOnlyFields));
  }

  /** Whether objects of this kind carry the finalizers platformkit sets in their body ({@value #FINALIZERS}). */
  public boolean hasFinalizers() {
    return fields.contains(FINALIZERS);
  }

  /** The top-level fields stores read: {@link #fields()} and then {@link #readOnly()}. */
  public List<String> readFields() {
    if (readOnly.isEmpty()) {
      return fields;
    }
    List<String> all = new ArrayList<>(fields);
    all.addAll(readOnly);
    return List.copyOf(all);
  }

  /** {@code body} without the {@link #readOnly()} fields: what a store writes, and what the engine compares. */
  public Map<String, Object> writable(Map<String, Object> body) {
    if (readOnly.isEmpty() || readOnly.stream().noneMatch(body::containsKey)) {
      return body;
    }
    Map<String, Object> out = new LinkedHashMap<>(body);
    out.keySet().removeAll(readOnly);
    return out;
  }

  /** The API group: empty for the core group; null for kinds that are not API objects. */
  public String group() {
    if (apiVersion == null) {
      return null;
    }
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The API version without the group ({@code v1}); null for kinds that are not API objects. */
  public String version() {
    return apiVersion == null ? null : apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  /** Whether this kind is of {@code provider} and named {@code name}. */
  public boolean is(String provider, String name) {
    return this.provider.equals(provider) && this.name.equals(name);
  }

  @Override
  public String toString() {
    return apiVersion == null ? provider + " " + name : apiVersion + " " + name;
  }
}
