package dev.platformkit.schedule;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a schedule saves in a reference week, from {@link Savings#estimate}. Weekly values are exact
 * (memory to six decimal places of a GiB-hour); the {@code perMonth} methods scale them by
 * 365.25 / 12 / 7 weeks and round to two decimal places (see {@link Savings#perMonth(BigDecimal)}).
 *
 * @param schedule the schedule's name
 * @param weekStart the start of the reference week (168 hours)
 * @param downtime how long the targets are down in that week
 * @param downHours the downtime in hours
 * @param cpuCoreHours CPU requests not held during the downtime, in core-hours
 * @param memoryGibHours memory requests not held during the downtime, in GiB-hours
 * @param instanceHours AWS instance-hours not run
 * @param cost what those instance-hours would have cost, in the currency of the prices given
 * @param workloads the workloads the estimate was made for
 * @param instances the AWS instances the estimate was made for
 */
public record SavingsEstimate(String schedule, Instant weekStart, Duration downtime, BigDecimal downHours,
    BigDecimal cpuCoreHours, BigDecimal memoryGibHours, BigDecimal instanceHours, BigDecimal cost,
    List<Savings.Workload> workloads, List<Savings.Instances> instances) implements Serializable {

  /** Checks that everything is given and copies the lists. */
  public SavingsEstimate {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(weekStart, "weekStart");
    Objects.requireNonNull(downtime, "downtime");
    Objects.requireNonNull(downHours, "downHours");
    Objects.requireNonNull(cpuCoreHours, "cpuCoreHours");
    Objects.requireNonNull(memoryGibHours, "memoryGibHours");
    Objects.requireNonNull(instanceHours, "instanceHours");
    Objects.requireNonNull(cost, "cost");
    workloads = List.copyOf(workloads);
    instances = List.copyOf(instances);
  }

  /** The share of the week the targets are down, in percent, to one decimal place. */
  public BigDecimal downPercent() {
    return downHours.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(168), 1, java.math.RoundingMode.HALF_EVEN);
  }

  /** {@link #downHours()} in an average month. */
  public BigDecimal downHoursPerMonth() {
    return Savings.perMonth(downHours);
  }

  /** {@link #cpuCoreHours()} in an average month. */
  public BigDecimal cpuCoreHoursPerMonth() {
    return Savings.perMonth(cpuCoreHours);
  }

  /** {@link #memoryGibHours()} in an average month. */
  public BigDecimal memoryGibHoursPerMonth() {
    return Savings.perMonth(memoryGibHours);
  }

  /** {@link #instanceHours()} in an average month. */
  public BigDecimal instanceHoursPerMonth() {
    return Savings.perMonth(instanceHours);
  }

  /** {@link #cost()} in an average month. */
  public BigDecimal costPerMonth() {
    return Savings.perMonth(cost);
  }
}
