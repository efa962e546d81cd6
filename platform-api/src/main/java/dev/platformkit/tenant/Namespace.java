package dev.platformkit.tenant;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.util.Map;
import org.immutables.value.Value;

/**
 * One namespace of a tenant, with labels and annotations of its own and, optionally, a quota that
 * replaces entries of the tenant-wide {@link Tenant#quota()} for this namespace only.
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableNamespace.class)
@JsonDeserialize(as = ImmutableNamespace.class)
public abstract class Namespace implements Serializable, WithNamespace {
  // only the generated implementation extends it: no subclass can skip validation
  Namespace() {}

  private static final long serialVersionUID = 1L;

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A namespace with just a name. */
  public static Namespace of(String name) {
    return builder().name(name).build();
  }

  /** A builder holding this namespace's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** The namespace name: a DNS-1123 label of at most 63 characters. Required. */
  public abstract String name();

  /** Extra labels on the namespace (the tenant's own labels are added too). */
  public abstract Map<String, String> labels();

  /** Extra annotations on the namespace. */
  public abstract Map<String, String> annotations();

  /** Quota entries for this namespace that replace or add to the tenant-wide quota. */
  public abstract Map<String, String> quota();

  /** Builds {@link Namespace}s. */
  public static class Builder extends ImmutableNamespace.Builder {}
}
