package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a cluster is upgraded; spelled {@code auto}, {@code in-place} or {@code blue-green} in a spec. */
public enum Strategy {
  /** The planner chooses in-place or blue-green from the hops needed and what it finds. */
  AUTO,
  /**
   * Upgrade the cluster itself, one minor at a time (EKS updates a control plane by one minor per
   * update): control plane, then add-ons, then node groups, for every hop.
   */
  IN_PLACE,
  /**
   * Create a new cluster at the target version, deploy the workloads there, move traffic over with
   * weighted DNS records in steps (see {@link BlueGreen}), then remove the old cluster.
   */
  BLUE_GREEN;

  /** The spelling in a spec: {@code auto}, {@code in-place} or {@code blue-green}. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@code auto}, {@code in-place} or {@code blue-green} (any case). */
  @JsonCreator
  public static Strategy of(String value) {
    for (Strategy s : values()) {
      if (s.value().equalsIgnoreCase(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("\"" + value + "\" is not an upgrade strategy (auto, in-place or blue-green)");
  }
}
