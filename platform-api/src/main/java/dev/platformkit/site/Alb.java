package dev.platformkit.site;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The site's Ingress and the Application Load Balancer the AWS Load Balancer Controller makes for it.
 * Defaults: an internet-facing ALB of the site's own, ingress class {@code alb}, health checks on {@code /}.
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableAlb.class)
@JsonDeserialize(as = ImmutableAlb.class)
public abstract class Alb implements Serializable, WithAlb {
  // only the generated implementation extends it: no subclass can skip validation
  Alb() {}

  private static final long serialVersionUID = 1L;

  /** The defaults. */
  public static Alb defaults() {
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

  /** The IngressClass handled by the AWS Load Balancer Controller. Default: {@code alb}. */
  @Value.Default
  public String ingressClassName() {
    return "alb";
  }

  /** Internet-facing or internal. Default: internet-facing. */
  @Value.Default
  public AlbScheme scheme() {
    return AlbScheme.INTERNET_FACING;
  }

  /**
   * The IngressGroup to join ({@code alb.ingress.kubernetes.io/group.name}): sites of one group share one
   * ALB, which saves cost and the per-account ALB quota. At most 63 characters of lower-case letters,
   * digits, '-' and '.'. Default: no group, the site has an ALB of its own.
   */
  public abstract Optional<String> groupName();

  /**
   * The ALB's name: at most 32 letters, digits and '-', not starting with {@code internal-}. Default:
   * derived from the group name or the site name within that budget, see {@link Site#loadBalancerName()}.
   */
  public abstract Optional<String> loadBalancerName();

  /** The path the target group's health check requests. Default: {@code /}. */
  @Value.Default
  public String healthCheckPath() {
    return "/";
  }

  /** Builds {@link Alb}. */
  public static class Builder extends ImmutableAlb.Builder {}
}
