package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.time.Duration;
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
  /** The record TTL assumed when none is given: 300 seconds, the default TTL of a Site's records. */
  public static final Duration DEFAULT_RECORD_TTL = Duration.ofSeconds(300);
  /** The dwell per traffic step when none is given: 15 minutes. */
  public static final Duration DEFAULT_DWELL = Duration.ofMinutes(15);

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

  /**
   * The TTL of the weighted DNS records that move traffic. Each traffic step holds at least this long so
   * that resolvers see the new weights before the next. Default: {@link #DEFAULT_RECORD_TTL}, the TTL of
   * a Site's records.
   */
  @Value.Default
  @JsonFormat(shape = JsonFormat.Shape.STRING)
  public Duration recordTtl() {
    return DEFAULT_RECORD_TTL;
  }

  /**
   * How long each traffic step holds while the new cluster's health is watched before the next step; at
   * least {@link #recordTtl()}. Default: {@link #DEFAULT_DWELL}, or the record TTL when that is longer.
   */
  @Value.Default
  @JsonFormat(shape = JsonFormat.Shape.STRING)
  public Duration dwell() {
    return recordTtl() != null && recordTtl().compareTo(DEFAULT_DWELL) > 0 ? recordTtl() : DEFAULT_DWELL;
  }

  /** {@link #trafficSteps()}, or {@link #DEFAULT_TRAFFIC_STEPS} when none are given. */
  public List<Integer> effectiveTrafficSteps() {
    return trafficSteps().isEmpty() ? DEFAULT_TRAFFIC_STEPS : trafficSteps();
  }

  /** Builds {@link BlueGreen}. */
  public static class Builder extends ImmutableBlueGreen.Builder {}
}
