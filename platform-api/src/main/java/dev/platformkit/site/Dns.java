package dev.platformkit.site;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The Route53 records of a site: an alias record for each host pointing at the load balancer, the
 * certificate validation records, and TXT records marking the names as owned by the site. With
 * {@link #weight()} the alias records are weighted, so that two sites (a blue and a green cluster) can
 * share a host and traffic shifts between them.
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableDns.class)
@JsonDeserialize(as = ImmutableDns.class)
public abstract class Dns implements Serializable, WithDns {
  // only the generated implementation extends it: no subclass can skip validation
  Dns() {}

  private static final long serialVersionUID = 1L;

  /** The shortest TTL accepted. */
  public static final int MIN_TTL = 1;
  /** The longest TTL accepted: two days, so that a wrong record never lingers in resolvers for longer. */
  public static final int MAX_TTL = 172_800;
  /** The largest Route53 routing weight. */
  public static final int MAX_WEIGHT = 255;

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Records in the hosted zone for {@code domain}, with the defaults otherwise. */
  public static Dns zone(String domain) {
    return builder().hostedZone(domain).build();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** The domain of the hosted zone ({@code example.com}); every host of the site must be in it. Required. */
  public abstract String hostedZone();

  /**
   * The Route53 ID of the hosted zone ({@code Z0123456789ABCDEFGHIJ}), needed only when several zones
   * have the domain {@link #hostedZone()}, such as a public and a private one.
   */
  public abstract Optional<String> hostedZoneId();

  /**
   * TTL in seconds of the records that carry one: the ownership TXT and certificate validation records.
   * Alias records follow the load balancer's own TTL. {@value #MIN_TTL} to {@value #MAX_TTL}; default 300.
   */
  @Value.Default
  public int ttl() {
    return 300;
  }

  /**
   * The routing weight of this site's alias records, 0 to {@value #MAX_WEIGHT} (0: no traffic while
   * another record of the same name has a weight). When given, {@link #setIdentifier()} is required.
   */
  public abstract Optional<Integer> weight();

  /** Tells apart the weighted records of one name, 1 to 128 characters ({@code blue}, {@code green}). Only with {@link #weight()}. */
  public abstract Optional<String> setIdentifier();

  /** Builds {@link Dns}. */
  public static class Builder extends ImmutableDns.Builder {}
}
