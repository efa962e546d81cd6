package dev.platformkit.site;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a site's load balancer is reachable from the internet; spelled {@code internet-facing} or {@code internal} in a spec. */
public enum AlbScheme {
  /** Public subnets, reachable from the internet. */
  INTERNET_FACING,
  /** Private subnets, reachable only from inside the VPC and networks connected to it. */
  INTERNAL;

  /** The spelling in a spec and in the {@code alb.ingress.kubernetes.io/scheme} annotation. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@code internet-facing} or {@code internal} (any case). */
  @JsonCreator
  public static AlbScheme of(String value) {
    for (AlbScheme s : values()) {
      if (s.value().equalsIgnoreCase(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("\"" + value + "\" is not a load balancer scheme (internet-facing or internal)");
  }
}
