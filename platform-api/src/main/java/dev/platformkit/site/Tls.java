package dev.platformkit.site;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The site's HTTPS certificate, terminated at the load balancer. Default: an ACM certificate requested
 * for the site's hosts and validated through DNS.
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableTls.class)
@JsonDeserialize(as = ImmutableTls.class)
public abstract class Tls implements Serializable, WithTls {
  // only the generated implementation extends it: no subclass can skip validation
  Tls() {}

  private static final long serialVersionUID = 1L;

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** An ACM certificate requested for the site's hosts and validated through DNS. */
  public static Tls acm() {
    return builder().mode(TlsMode.ACM).build();
  }

  /** An existing ACM certificate, in the region of the load balancer. */
  public static Tls existing(String certificateArn) {
    return builder().mode(TlsMode.EXISTING).certificateArn(certificateArn).build();
  }

  /** No TLS: HTTP only. */
  public static Tls none() {
    return builder().mode(TlsMode.NONE).build();
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** Where the certificate comes from. Default: {@code acm}. */
  @Value.Default
  public TlsMode mode() {
    return TlsMode.ACM;
  }

  /**
   * The ARN of the existing certificate ({@code arn:aws:acm:<region>:<account>:certificate/<id>}).
   * Required when {@link #mode()} is {@code existing}, and given only then.
   */
  public abstract Optional<String> certificateArn();

  /** Builds {@link Tls}. */
  public static class Builder extends ImmutableTls.Builder {}
}
