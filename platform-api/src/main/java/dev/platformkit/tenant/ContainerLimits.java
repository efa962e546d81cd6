package dev.platformkit.tenant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Container defaults and bounds, rendered as a {@code LimitRange} of type {@code Container} in each
 * namespace. Keys are resource names ({@code cpu}, {@code memory}, {@code ephemeral-storage}); values
 * are quantities.
 *
 * <p>Like the API server, a missing {@link #defaultLimit()} entry falls back to {@link #max()}, and a
 * missing {@link #defaultRequest()} entry to the default limit, then to {@link #min()}: the rendered
 * object is the defaulted one ({@link #effectiveDefaultLimit()}, {@link #effectiveDefaultRequest()}), so a
 * real cluster does not report a change on every apply.
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableContainerLimits.class)
@JsonDeserialize(as = ImmutableContainerLimits.class)
public abstract class ContainerLimits implements Serializable, WithContainerLimits {
  // only the generated implementation extends it: no subclass can skip validation
  ContainerLimits() {}

  private static final long serialVersionUID = 1L;

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** Requests given to containers that set none ({@code cpu: 100m}). */
  public abstract Map<String, String> defaultRequest();

  /** Limits given to containers that set none ({@code memory: 512Mi}). */
  public abstract Map<String, String> defaultLimit();

  /** The largest limit a container may set. */
  public abstract Map<String, String> max();

  /** The smallest request a container may set. */
  public abstract Map<String, String> min();

  /**
   * The default limits as the API server stores them: {@link #defaultLimit()}, with {@link #max()} for the
   * resources it leaves out.
   */
  @JsonIgnore
  public Map<String, String> effectiveDefaultLimit() {
    Map<String, String> out = new LinkedHashMap<>(max());
    out.putAll(defaultLimit());
    return out;
  }

  /**
   * The default requests as the API server stores them: {@link #defaultRequest()}, then the effective
   * default limit, then {@link #min()} for the resources still left out (its LimitRange defaulting rules).
   */
  @JsonIgnore
  public Map<String, String> effectiveDefaultRequest() {
    Map<String, String> out = new LinkedHashMap<>(defaultRequest());
    effectiveDefaultLimit().forEach(out::putIfAbsent);
    min().forEach(out::putIfAbsent);
    return out;
  }

  /** Whether nothing is set (no LimitRange is rendered then). */
  public boolean isEmpty() {
    return defaultRequest().isEmpty() && defaultLimit().isEmpty() && max().isEmpty() && min().isEmpty();
  }

  /** Builds {@link ContainerLimits}. */
  public static class Builder extends ImmutableContainerLimits.Builder {}
}
