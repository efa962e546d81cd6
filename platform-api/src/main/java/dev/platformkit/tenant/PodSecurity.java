package dev.platformkit.tenant;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import org.immutables.value.Value;

/**
 * Pod Security Admission for the tenant's namespaces: the level enforced, and the levels that only
 * warn users or write audit events. Default: enforce {@code baseline}, warn and audit {@code restricted}.
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutablePodSecurity.class)
@JsonDeserialize(as = ImmutablePodSecurity.class)
public abstract class PodSecurity implements Serializable, WithPodSecurity {
  // only the generated implementation extends it: no subclass can skip validation
  PodSecurity() {}

  private static final long serialVersionUID = 1L;

  /** The defaults. */
  public static PodSecurity defaults() {
    return builder().build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** Pods violating this level are rejected. Default: baseline. */
  @Value.Default
  public PodSecurityLevel enforce() {
    return PodSecurityLevel.BASELINE;
  }

  /** Pods violating this level are admitted with a warning. Default: restricted. */
  @Value.Default
  public PodSecurityLevel warn() {
    return PodSecurityLevel.RESTRICTED;
  }

  /** Pods violating this level are admitted with an audit annotation. Default: restricted. */
  @Value.Default
  public PodSecurityLevel audit() {
    return PodSecurityLevel.RESTRICTED;
  }

  /** The version of the standards ({@code latest} or {@code v1.27}). Default: latest. */
  @Value.Default
  public String version() {
    return "latest";
  }

  /** Builds {@link PodSecurity}. */
  public static class Builder extends ImmutablePodSecurity.Builder {}
}
