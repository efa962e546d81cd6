package dev.platformkit.cli;

import dev.platformkit.Ownership;
import dev.platformkit.schedule.Savings;
import dev.platformkit.schedule.SavingsEstimate;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Transition;
import dev.platformkit.schedule.WorkloadKind;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What {@code platform schedule show} prints for each schedule. */
final class ScheduleReport {
  private static final Kind NAMESPACE = Kind.kubernetes("v1", "Namespace", "namespaces", false);
  private static final Kind DEPLOYMENT = Kind.kubernetes("apps/v1", "Deployment", "deployments", true, "spec");
  private static final Kind STATEFUL_SET = Kind.kubernetes("apps/v1", "StatefulSet", "statefulsets", true, "spec");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z", Locale.ENGLISH);
  private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

  private final PrintWriter out;
  private final Target target;

  ScheduleReport(PrintWriter out, Target target) {
    this.out = out;
    this.target = target;
  }

  void print(List<Schedule> schedules, Instant at, int count) {
    ResourceStore store = schedules.stream().anyMatch(s -> s.targets().hasWorkloads())
        ? storeOf(target) : null;
    for (Schedule s : schedules) {
      ZoneId zone = s.zone();
      out.println("schedule " + s.name() + " (" + s.timeZone() + ") at " + at + " = " + LOCAL.format(at.atZone(zone)) + ": "
          + (s.isUp(at) ? "up" : "down"));
      if (s.suspended()) {
        out.println("  suspended: reconcile changes nothing");
      }
      s.override().filter(o -> o.isActiveAt(at)).ifPresent(o -> out.println("  override: " + o.mode().toString().toLowerCase(Locale.ROOT)
          + " until " + o.until() + o.reason().map(r -> " (" + r + ")").orElse("")));
      transitions(s, at, count);
      SavingsEstimate e = Savings.estimate(s, at, store == null ? List.of() : workloads(store, s), List.of());
      out.println("  down " + e.downHours() + " of the 168 hours from " + at + " (" + e.downPercent() + " %), "
          + e.downHoursPerMonth() + " hours in an average month (365.25/12/7 weeks)");
      if (s.targets().hasWorkloads()) {
        int replicas = e.workloads().stream().mapToInt(Savings.Workload::replicas).sum();
        out.println("  workloads on the " + target.describe() + ": " + e.workloads().size() + " Deployment(s)/StatefulSet(s), "
            + replicas + " replica(s) while up, " + s.downtimeReplicas() + " each while down");
        for (Savings.Workload w : e.workloads()) {
          out.println("    " + w.name() + ": " + w.replicas() + " x (cpu " + plain(w.cpuCores()) + ", memory " + gib(w.memoryBytes()) + " GiB)");
        }
        out.println("  saves per week: " + e.cpuCoreHours() + " CPU core-hours and " + round(e.memoryGibHours())
            + " GiB-hours of memory requests; per month: " + e.cpuCoreHoursPerMonth() + " core-hours and "
            + e.memoryGibHoursPerMonth() + " GiB-hours");
      }
      int aws = s.targets().nodeGroups().size() + s.targets().rdsInstances().size() + s.targets().autoScalingGroups().size();
      if (aws > 0) {
        out.println("  AWS targets: " + aws + " (their saving needs instance prices: Savings.estimate in Java takes them)");
      }
    }
  }

  private void transitions(Schedule s, Instant at, int count) {
    if (count == 0) {
      return;
    }
    out.println("  next transitions:");
    Instant from = at;
    for (int i = 0; i < count; i++) {
      var next = s.nextTransition(from);
      if (next.isEmpty()) {
        out.println("    none within " + Schedule.TRANSITION_LOOKAHEAD.toDays() + " days");
        return;
      }
      Instant when = next.get();
      String state = s.isUp(when) ? "up  " : "down";
      out.println("    " + state + "  " + LOCAL.format(when.atZone(s.zone())) + "  (" + when + ")");
      from = when;
    }
  }

  private static ResourceStore storeOf(Target target) {
    target.platform(new PrintWriter(PrintWriter.nullWriter()));
    return target.kubernetes();
  }

  // the Deployments and StatefulSets the schedule scales, as Schedules finds them
  private static List<Savings.Workload> workloads(ResourceStore store, Schedule s) {
    Targets t = s.targets();
    Set<String> namespaces = new LinkedHashSet<>();
    for (String tenant : t.tenants()) {
      store.list(NAMESPACE, Map.of(Ownership.TENANT_LABEL, tenant)).forEach(r -> namespaces.add(r.ref().name()));
    }
    namespaces.addAll(t.namespaces());
    t.excludeNamespaces().forEach(namespaces::remove);
    List<Savings.Workload> out = new ArrayList<>();
    for (String ns : namespaces) {
      for (Kind kind : List.of(DEPLOYMENT, STATEFUL_SET)) {
        if (!t.kinds().contains(WorkloadKind.valueOf(kind.name()))) {
          continue;
        }
        for (Resource r : store.list(kind, ns, t.labelSelector())) {
          if (Savings.isTargeted(s, r)) {
            out.add(Savings.Workload.of(r));
          }
        }
      }
    }
    return out;
  }

  private static String gib(BigDecimal bytes) {
    return round(bytes.divide(GIB, 2, RoundingMode.HALF_EVEN));
  }

  private static String round(BigDecimal value) {
    return plain(value.setScale(Math.min(value.scale(), 2), RoundingMode.HALF_EVEN));
  }

  private static String plain(BigDecimal value) {
    BigDecimal s = value.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }
}
