package dev.platformkit.site;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platformkit.internal.Spelling;

/** Whether a site's load balancer is reachable from the internet; spelled {@code internet-facing} or {@code internal} in a spec. */
public enum AlbScheme {
  /** Public subnets, reachable from the internet. */
  INTERNET_FACING,
  /** Private subnets, reachable only from inside the VPC and networks connected to it. */
  INTERNAL;

  /** The spelling in a spec and in the {@code alb.ingress.kubernetes.io/scheme} annotation. */
  @JsonValue
  public String value() {
    return Spelling.of(this);
  }

  /** Parses {@code internet-facing} or {@code internal} (any case). */
  @JsonCreator
  public static AlbScheme of(String value) {
    return Spelling.parse(AlbScheme.class, value, "a load balancer scheme");
  }
}
