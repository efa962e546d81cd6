package dev.platformkit.site;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platformkit.internal.Spelling;

/** Where the certificate of a {@link Site} comes from; spelled {@code acm}, {@code existing} or {@code none} in a spec. */
public enum TlsMode {
  /**
   * platformkit requests an ACM certificate for all of the site's hosts and validates it through DNS
   * records in the site's hosted zone (so {@link Site#dns()} is required).
   */
  ACM,
  /** The site uses a certificate that already exists in ACM, given by {@link Tls#certificateArn()}. */
  EXISTING,
  /** No TLS: the load balancer listens on HTTP only. */
  NONE;

  /** The spelling in a spec: {@code acm}, {@code existing} or {@code none}. */
  @JsonValue
  public String value() {
    return Spelling.of(this);
  }

  /** Parses {@code acm}, {@code existing} or {@code none} (any case). */
  @JsonCreator
  public static TlsMode of(String value) {
    return Spelling.parse(TlsMode.class, value, "a TLS mode");
  }
}
