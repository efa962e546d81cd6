package dev.platformkit.site;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

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
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code acm}, {@code existing} or {@code none} (any case). */
  @JsonCreator
  public static TlsMode of(String value) {
    for (TlsMode m : values()) {
      if (m.value().equalsIgnoreCase(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("\"" + value + "\" is not a TLS mode (acm, existing or none)");
  }
}
