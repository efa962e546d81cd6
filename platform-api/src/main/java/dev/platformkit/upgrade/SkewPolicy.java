package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How far node groups (kubelets) may fall behind the control plane during an in-place upgrade; spelled
 * {@code strict} or {@code relaxed} in a spec.
 */
public enum SkewPolicy {
  /** Node groups follow the control plane after every hop, so kubelets are never more than one minor behind. */
  STRICT,
  /**
   * Node groups are upgraded only when the next hop would leave them further behind than Kubernetes
   * supports: fewer node rollouts, at the cost of running near the edge of the skew policy.
   */
  RELAXED;

  /**
   * How many minors kubelets may be behind a control plane at {@code controlPlane}: 1 when strict;
   * when relaxed, what the Kubernetes version skew policy allows: 3 from 1.28 on, 2 before (kubelets
   * older than 1.25 may only be two minors behind).
   */
  public int maxKubeletLag(KubernetesVersion controlPlane) {
    if (this == STRICT) {
      return 1;
    }
    return controlPlane.minor() >= 28 ? 3 : 2;
  }

  /** The spelling in a spec: {@code strict} or {@code relaxed}. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code strict} or {@code relaxed} (any case). */
  @JsonCreator
  public static SkewPolicy of(String value) {
    for (SkewPolicy p : values()) {
      if (p.value().equalsIgnoreCase(value)) {
        return p;
      }
    }
    throw new IllegalArgumentException("\"" + value + "\" is not a node skew policy (strict or relaxed)");
  }
}
