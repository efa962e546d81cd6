package dev.platformkit.upgrade;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Settings of a blue-green upgrade: the name of the new ("green") cluster and how traffic moves to it.
 * Traffic moves through the weighted Route53 records of the sites on the cluster, one step at a time.
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableBlueGreen.class)
@JsonDeserialize(as = ImmutableBlueGreen.class)
public abstract class BlueGreen implements Serializable, WithBlueGreen {
  // only the generated implementation extends it: no subclass can skip validation
  BlueGreen() {}

  private static final long serialVersionUID = 1L;

  /** The traffic steps used when none are given: 10, 50, then 100 percent. */
  public static final List<Integer> DEFAULT_TRAFFIC_STEPS = List.of(10, 50, 100);

  /** The defaults. */
  public static BlueGreen defaults() {
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

  /** The new cluster's name, an EKS cluster name. Default: see {@link UpgradePlan#greenClusterName()}. */
  public abstract Optional<String> greenCluster();

  /**
   * The share of traffic, in percent, sent to the new cluster at each step: ascending, each 1 to 100,
   * the last 100. Empty: {@link #DEFAULT_TRAFFIC_STEPS}.
   */
  public abstract List<Integer> trafficSteps();

  /** {@link #trafficSteps()}, or {@link #DEFAULT_TRAFFIC_STEPS} when none are given. */
  public List<Integer> effectiveTrafficSteps() {
    return trafficSteps().isEmpty() ? DEFAULT_TRAFFIC_STEPS : trafficSteps();
  }

  /** Builds {@link BlueGreen}. */
  public static class Builder extends ImmutableBlueGreen.Builder {}
}
