package dev.platformkit.schedule;

import dev.platformkit.internal.Quantity;
import dev.platformkit.spi.Resource;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How much a {@link Schedule} keeps down, and what that saves: the downtime of a reference week, and for
 * given workloads and AWS instances the resource-hours and cost not spent in that week and in an average
 * month. Pure functions of their arguments.
 *
 * <pre>{@code
 * Instant monday = ZonedDateTime.of(2026, 1, 5, 0, 0, 0, 0, office.zone()).toInstant();
 * SavingsEstimate e = Savings.estimate(office, monday,
 *     List.of(Savings.Workload.of("payments-dev/api", 3, "500m", "1Gi")),
 *     List.of(new Savings.Instances("shared-nonprod/payments-workers", "m6i.large", 2, new BigDecimal("0.107"))));
 * e.downHours();        // 108 for Mon-Fri 08:00-20:00
 * e.costPerMonth();     // 2 × 108 × 0.107 × 365.25 / 84, to the cent
 * }</pre>
 *
 * <p><b>The reference week</b> is the 168 hours (7 × 24, as instants) from the instant given, not a calendar
 * week: choose it (a local Monday 00:00, say) to include or avoid a daylight-saving change, a holiday or an
 * override. In a week with a clock change a window crossing the change is an hour shorter or longer than
 * on the clock, and the downtime is what the time line says (Mon-Fri 08:00-20:00 still keeps 108 of the
 * 168 hours down; a Saturday window 20:00-08:00 over the spring-forward night is up 11 hours, not 12).
 * Holidays and an override in force in that week count like {@link Schedule#isUp(Instant)} says; the
 * {@link Schedule#suspended()} flag is not looked at.
 *
 * <p><b>A month</b> is {@value #DAYS_PER_YEAR} / 12 / 7 = 4.348... weeks (the mean Gregorian month): monthly
 * values are the weekly ones × 365.25 / 84, rounded to two decimal places (half even).
 */
public final class Savings {
  /** The days of a mean Gregorian year, from which a month of {@link #perMonth(BigDecimal)} is derived. */
  public static final String DAYS_PER_YEAR = "365.25";

  /** The length of the reference week. */
  public static final Duration WEEK = Duration.ofDays(7);

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
  private static final BigDecimal BYTES_PER_GIB = BigDecimal.valueOf(1L << 30);
  private static final BigDecimal WEEKS_PER_YEAR_TIMES_12 = BigDecimal.valueOf(12 * 7);
  private static final int SCALE = 6;

  private Savings() {}

  /**
   * A Kubernetes workload as it counts for savings: its replicas and the resources each replica requests.
   *
   * @param name what to call it in a report ({@code Deployment payments-dev/api})
   * @param replicas the replicas it runs while up (0 or more)
   * @param cpuCores the CPU each replica requests, in cores (0 or more)
   * @param memoryBytes the memory each replica requests, in bytes (0 or more)
   */
  public record Workload(String name, int replicas, BigDecimal cpuCores, BigDecimal memoryBytes) implements Serializable {
    /** Checks the values: a name, no negative numbers. */
    public Workload {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(cpuCores, "cpuCores");
      Objects.requireNonNull(memoryBytes, "memoryBytes");
      if (replicas < 0) {
        throw new IllegalArgumentException(name + ": replicas " + replicas + " is negative");
      }
      if (cpuCores.signum() < 0 || memoryBytes.signum() < 0) {
        throw new IllegalArgumentException(name + ": requests must not be negative (cpu " + cpuCores + ", memory " + memoryBytes + ")");
      }
    }

    /**
     * A workload whose replicas each request {@code cpu} and {@code memory}, written as Kubernetes
     * quantities ({@code 500m}, {@code 1Gi}); null means nothing requested.
     *
     * @throws IllegalArgumentException naming the workload when a quantity is not one
     */
    public static Workload of(String name, int replicas, String cpu, String memory) {
      return new Workload(name, replicas, quantity(name, "cpu", cpu), quantity(name, "memory", memory));
    }

    /**
     * A Deployment or StatefulSet as a backend lists it: the replicas from {@code spec.replicas} (1 when
     * absent, as the API server defaults it) or, while it sleeps, the count recorded in its
     * {@code platformkit.dev/sleep} annotation; the requests summed over the containers of
     * {@code spec.template.spec.containers} (init containers are not counted). Named
     * {@code Kind namespace/name}.
     *
     * @throws IllegalArgumentException naming the workload when a request is not a quantity
     */
    public static Workload of(Resource workload) {
      String name = workload.ref().kind() + " " + workload.ref().namespace() + "/" + workload.ref().name();
      Map<?, ?> spec = Sleep.spec(workload);
      int replicas = spec.get("replicas") instanceof Number n ? n.intValue() : 1;
      Map<String, Object> record = Sleep.recordOf(workload).orElse(Map.of());
      if (record.get("replicas") instanceof Number recorded) {
        replicas = recorded.intValue(); // asleep: what it runs while up
      }
      BigDecimal cpu = BigDecimal.ZERO;
      BigDecimal memory = BigDecimal.ZERO;
      for (Object c : containers(spec)) {
        if (c instanceof Map<?, ?> container && container.get("resources") instanceof Map<?, ?> resources
            && resources.get("requests") instanceof Map<?, ?> requests) {
          cpu = cpu.add(quantity(name, "cpu", text(requests.get("cpu"))));
          memory = memory.add(quantity(name, "memory", text(requests.get("memory"))));
        }
      }
      return new Workload(name, Math.max(0, replicas), cpu, memory);
    }

    private static List<?> containers(Map<?, ?> spec) {
      if (spec.get("template") instanceof Map<?, ?> t && t.get("spec") instanceof Map<?, ?> pod
          && pod.get("containers") instanceof List<?> list) {
        return list;
      }
      return List.of();
    }

    private static String text(Object value) {
      return value == null ? null : value.toString();
    }

    private static BigDecimal quantity(String name, String what, String value) {
      if (value == null) {
        return BigDecimal.ZERO;
      }
      try {
        return Quantity.parse(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": " + what + " request \"" + value + "\" is not a Kubernetes quantity (such as 500m or 1Gi)");
      }
    }
  }

  /**
   * AWS capacity a schedule stops during downtime, priced by the caller: the nodes of an EKS node group,
   * the instances of an Auto Scaling group, an RDS instance (count 1; its storage is billed while stopped
   * too, so give the instance-hour price only).
   *
   * @param name what to call it in a report ({@code shared-nonprod/payments-workers})
   * @param instanceType the EC2 instance type or RDS instance class ({@code m6i.large}, {@code db.r6g.large}),
   *     for the report only
   * @param count how many instances run while up (0 or more)
   * @param hourlyPrice the price of one instance for one hour, in the caller's currency (0 or more)
   */
  public record Instances(String name, String instanceType, int count, BigDecimal hourlyPrice) implements Serializable {
    /** Checks the values: a name and type, no negative numbers. */
    public Instances {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(instanceType, "instanceType");
      Objects.requireNonNull(hourlyPrice, "hourlyPrice");
      if (count < 0) {
        throw new IllegalArgumentException(name + ": count " + count + " is negative");
      }
      if (hourlyPrice.signum() < 0) {
        throw new IllegalArgumentException(name + ": hourlyPrice " + hourlyPrice + " is negative");
      }
    }
  }

  /**
   * Whether {@code workload} (a Deployment or StatefulSet listed in one of the schedule's namespaces) is
   * one the schedule scales: its kind is targeted, it carries the label selector's labels, and it is
   * neither excluded (by name, by namespace or by the {@code platformkit.dev/schedule-exclude} annotation)
   * nor asleep under another schedule. The grace period of new workloads is not looked at: it passes.
   */
  public static boolean isTargeted(Schedule schedule, Resource workload) {
    Targets t = schedule.targets();
    String kind = workload.ref().kind();
    boolean scaled = (kind.equals(WorkloadKind.Deployment.name()) || kind.equals(WorkloadKind.StatefulSet.name()))
        && t.kinds().contains(WorkloadKind.valueOf(kind));
    return scaled
        && !t.excludeNamespaces().contains(workload.ref().namespace())
        && workload.labels().entrySet().containsAll(t.labelSelector().entrySet())
        && !t.excludeNames().contains(workload.ref().name())
        && !"true".equals(workload.annotations().get(Sleep.EXCLUDE))
        && Sleep.recordOf(workload).map(r -> schedule.name().equals(r.get("schedule"))).orElse(true);
  }

  /**
   * How long the targets of {@code schedule} are down in the 168 hours from {@code weekStart} (by the
   * time line: see the class comment for clock changes).
   */
  public static Duration downtimePerWeek(Schedule schedule, Instant weekStart) {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(weekStart, "weekStart");
    Instant end = weekStart.plus(WEEK);
    Duration down = Duration.ZERO;
    boolean up = schedule.isUp(weekStart);
    Instant since = weekStart;
    for (Transition t : schedule.transitions(weekStart, end)) {
      if (!up) {
        down = down.plus(Duration.between(since, t.at()));
      }
      up = t.up();
      since = t.at();
    }
    if (!up) {
      down = down.plus(Duration.between(since, end));
    }
    return down;
  }

  /** {@link #downtimePerWeek(Schedule, Instant)} in hours (exact to the second, six decimal places). */
  public static BigDecimal downHoursPerWeek(Schedule schedule, Instant weekStart) {
    return hours(downtimePerWeek(schedule, weekStart));
  }

  /**
   * What {@code schedule} saves in the week from {@code weekStart} on {@code workloads} and
   * {@code instances}: each workload's replicas above {@link Schedule#downtimeReplicas()} times its
   * requests for the down hours, and each instance group's count times its hourly price for the down
   * hours. A workload's requests become money only when the cluster's nodes scale in, so they are given
   * as core-hours and GiB-hours; only {@code instances} carry a price.
   */
  public static SavingsEstimate estimate(Schedule schedule, Instant weekStart, List<Workload> workloads, List<Instances> instances) {
    Objects.requireNonNull(workloads, "workloads");
    Objects.requireNonNull(instances, "instances");
    Duration downtime = downtimePerWeek(schedule, weekStart);
    BigDecimal hours = hours(downtime);
    BigDecimal cpu = BigDecimal.ZERO;
    BigDecimal memory = BigDecimal.ZERO;
    for (Workload w : workloads) {
      BigDecimal sleeping = BigDecimal.valueOf(Math.max(0, w.replicas() - schedule.downtimeReplicas()));
      cpu = cpu.add(sleeping.multiply(w.cpuCores()).multiply(hours));
      memory = memory.add(sleeping.multiply(w.memoryBytes()).multiply(hours));
    }
    BigDecimal instanceHours = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    for (Instances i : instances) {
      BigDecimal h = BigDecimal.valueOf(i.count()).multiply(hours);
      instanceHours = instanceHours.add(h);
      cost = cost.add(h.multiply(i.hourlyPrice()));
    }
    return new SavingsEstimate(schedule.name(), weekStart, downtime, hours, plain(cpu),
        plain(memory.divide(BYTES_PER_GIB, SCALE, RoundingMode.HALF_EVEN)), plain(instanceHours), plain(cost),
        List.copyOf(workloads), List.copyOf(instances));
  }

  /** A weekly value as a monthly one: × 365.25 / 84, rounded to two decimal places (half even). */
  public static BigDecimal perMonth(BigDecimal perWeek) {
    return perWeek.multiply(new BigDecimal(DAYS_PER_YEAR)).divide(WEEKS_PER_YEAR_TIMES_12, 2, RoundingMode.HALF_EVEN);
  }

  static BigDecimal hours(Duration d) {
    return plain(BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
        .divide(SECONDS_PER_HOUR, SCALE, RoundingMode.HALF_EVEN));
  }

  // 108 rather than 108.000000 or 1.08E+2
  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
