package dev.platformkit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The marks platformkit puts on everything it creates, and reads before it touches anything: Kubernetes
 * labels, AWS tags and, for DNS names, TXT records. An object without our marks, or with another
 * owner's, is never changed or deleted.
 */
public final class Ownership {

  /** Kubernetes label naming the tool that manages the object. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  /** Value of {@link #MANAGED_BY_LABEL} on our objects. */
  public static final String MANAGED_BY_VALUE = "platformkit";
  /** Kubernetes label naming the spec that owns the object: {@code <kind>.<name>}, e.g. {@code tenant.payments}. */
  public static final String OWNER_LABEL = "platformkit.dev/owner";
  /** Kubernetes label naming the tenant an object belongs to. Tenants cannot set it: they hold namespaced roles only. */
  public static final String TENANT_LABEL = "platformkit.dev/tenant";

  /** AWS tag key equivalent to {@link #MANAGED_BY_LABEL}. */
  public static final String MANAGED_BY_TAG = "platformkit:managed-by";
  /** AWS tag key equivalent to {@link #OWNER_LABEL}. */
  public static final String OWNER_TAG = "platformkit:owner";
  /** AWS tag key equivalent to {@link #TENANT_LABEL}. */
  public static final String TENANT_TAG = "platformkit:tenant";

  private Ownership() {}

  /** The owner value of a spec: lower-case kind, a dot, the name ({@code tenant.payments}). */
  public static String owner(String kind, String name) {
    return kind.toLowerCase(Locale.ROOT) + "." + name;
  }

  /** The two ownership labels for an object owned by {@code owner}. */
  public static Map<String, String> labels(String owner) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY_LABEL, MANAGED_BY_VALUE);
    labels.put(OWNER_LABEL, owner);
    return labels;
  }

  /** The two ownership tags for an AWS object owned by {@code owner}. */
  public static Map<String, String> tags(String owner) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(MANAGED_BY_TAG, MANAGED_BY_VALUE);
    tags.put(OWNER_TAG, owner);
    return tags;
  }

  /**
   * Who owns an object with these labels (or tags): the owner value when it carries our marks, another
   * tool's {@code managed-by=} value when it has one, or empty when it carries no marks at all.
   */
  public static Optional<String> ownerOf(Map<String, String> labelsOrTags) {
    String managedBy = first(labelsOrTags, MANAGED_BY_LABEL, MANAGED_BY_TAG);
    String owner = first(labelsOrTags, OWNER_LABEL, OWNER_TAG);
    if (MANAGED_BY_VALUE.equals(managedBy) && owner != null) {
      return Optional.of(owner);
    }
    if (managedBy != null) {
      return Optional.of("managed-by=" + managedBy);
    }
    return Optional.empty();
  }

  /** Whether labels (or tags) mark the object as owned by exactly {@code owner}. */
  public static boolean isOwnedBy(Map<String, String> labelsOrTags, String owner) {
    return MANAGED_BY_VALUE.equals(first(labelsOrTags, MANAGED_BY_LABEL, MANAGED_BY_TAG))
        && owner.equals(first(labelsOrTags, OWNER_LABEL, OWNER_TAG));
  }

  private static String first(Map<String, String> map, String a, String b) {
    String v = map.get(a);
    return v != null ? v : map.get(b);
  }
}
