package dev.platformkit.upgrade;

import java.util.Optional;

/**
 * What must hold for traffic to move to, and stay on, the new cluster of a blue-green upgrade: asked before
 * each {@link StepKind#SHIFT_TRAFFIC} step and at every poll of its dwell. Your own signal goes here (error
 * rates, alarms, a synthetic check); the executor also checks the sites' Applications on the new cluster.
 *
 * <pre>{@code
 * HealthGate alarms = step -> alarmsInState("ALARM").isEmpty() ? Optional.empty()
 *     : Optional.of("CloudWatch alarms firing: " + alarmsInState("ALARM"));
 * }</pre>
 */
@FunctionalInterface
public interface HealthGate {
  /** Always healthy: no gate of your own. */
  HealthGate NONE = step -> Optional.empty();

  /**
   * Why traffic must not move further now, or must go back to the old cluster; empty when healthy.
   *
   * @param step the traffic step being taken or held ({@link Step#percent()} on the new cluster)
   */
  Optional<String> check(Step step);
}
