package dev.platformkit.benchmarks;

import dev.platformkit.Platform;
import dev.platformkit.ResourceRef;
import dev.platformkit.k8s.KubernetesBackend;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Window;
import dev.platformkit.schedule.WorkloadKind;
import dev.platformkit.spi.Resource;
import dev.platformkit.testkit.CountingStore;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.InMemoryStore;
import dev.platformkit.testkit.StoreClient;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Schedules measured: (a) the requests of a sleep and a wake-up of {@code apps} Deployments of which
 * {@code targeted} carry the schedule's label, on the fabric8 mock API server, next to the minimum (one
 * list per kind per namespace and one patch per changed workload) and to a naive GET + PATCH + PATCH
 * sleeper measured in the same run; (b) a steady-state reconcile over {@code workloads} workloads on the
 * in-memory store (reads, writes, time); (c) the evaluation throughput of {@link Schedule#transitions}
 * for {@code schedules} schedules over a year.
 *
 * <p>Usage: {@code ScheduleBenchmark [apps targeted workloads schedules]} (default 150 80 10000 10000).
 * Wall times on the mock and in memory say little about a real API server; the request counts carry over.
 */
public final class ScheduleBenchmark {
  /** A Tuesday night and the next morning, in UTC (the schedule is up Mon-Fri 08:00-20:00). */
  static final Instant NIGHT = Instant.parse("2026-12-01T02:00:00Z");
  static final Instant MORNING = Instant.parse("2026-12-01T10:00:00Z");
  /** Apps are spread over this many namespaces; all but the last are targeted. */
  static final int NAMESPACES = 5;

  /** The name of platformkit's rows. */
  public static final String PLATFORMKIT = "platformkit";
  /** The name of the naive client's rows. */
  public static final String NAIVE = "naive GET + 2 PATCH";
  /** The sleep. */
  public static final String SLEEP = "sleep";
  /** The wake-up. */
  public static final String WAKE = "wake-up";
  /** A reconcile once awake. */
  public static final String AGAIN = "again, awake";

  /**
   * A steady-state reconcile: nothing is to change.
   *
   * @param workloads the workloads targeted
   * @param store the in-memory store as it is, or with its reads indexed by namespace
   * @param phase asleep or awake
   * @param lists list requests
   * @param gets single reads
   * @param writes writes (expected: none)
   * @param wallTime elapsed time
   */
  public record Steady(int workloads, String store, String phase, long lists, long gets, long writes, Duration wallTime) {}

  /**
   * Evaluation of transitions.
   *
   * @param schedules how many schedules
   * @param transitions transitions found in total
   * @param wallTime elapsed time
   */
  public record Evaluation(int schedules, long transitions, Duration wallTime) {
    /** Transitions found per second. */
    public double perSecond() {
      return transitions / (wallTime.toNanos() / 1e9);
    }
  }

  private ScheduleBenchmark() {}

  /** Runs the three measurements and prints them. */
  public static void main(String[] args) {
    int apps = args.length > 0 ? Integer.parseInt(args[0]) : 150;
    int targeted = args.length > 1 ? Integer.parseInt(args[1]) : 80;
    int workloads = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int schedules = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
    // warm-up, so that no row pays for class loading and JIT
    sleepAndWake(30, 16);
    steadyState(1_000);
    transitions(schedules(500));

    List<TenantApplyBenchmark.Measurement> rows = sleepAndWake(apps, targeted);
    List<Steady> steady = steadyState(workloads);
    Evaluation evaluation = transitions(schedules(schedules));
    print(System.out, apps, targeted, rows, steady, evaluation);
  }

  /** The schedule of part (a) and (b): Mon-Fri 08:00-20:00 UTC over the labelled workloads of {@code namespaces}. */
  static Schedule office(List<String> namespaces, Map<String, String> selector, List<WorkloadKind> kinds) {
    return Schedule.builder().name("office").timeZone("UTC").addWindows(Window.parse("Mon-Fri 08:00-20:00"))
        .targets(Targets.builder().addAllNamespaces(namespaces).putAllLabelSelector(selector).kinds(kinds).build())
        .gracePeriod(Duration.ZERO).build();
  }

  /** The namespaces a schedule of part (a) targets. */
  static List<String> targetNamespaces() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < NAMESPACES - 1; i++) {
      out.add("shop-" + i);
    }
    return out;
  }

  /**
   * {@code apps} Deployments ({@code app-<i>}, 1 to 4 replicas) round-robin over {@value #NAMESPACES}
   * namespaces; the first {@code targeted} of those in the targeted namespaces carry {@code schedule=office}.
   */
  static List<Resource> apps(int apps, int targeted) {
    List<String> targets = targetNamespaces();
    int inTargets = 0;
    for (int i = 0; i < apps; i++) {
      inTargets += i % NAMESPACES < targets.size() ? 1 : 0;
    }
    if (targeted > inTargets) {
      throw new IllegalArgumentException("targeted: " + targeted + " is more than the " + inTargets
          + " apps in the targeted namespaces");
    }
    List<Resource> out = new ArrayList<>();
    for (int i = 0; i < NAMESPACES; i++) {
      out.add(Resource.desired(ResourceRef.kubernetes("Namespace", "shop-" + i), Map.of(), Map.of(), Map.of()));
    }
    int labelled = 0;
    for (int i = 0; i < apps; i++) {
      String ns = "shop-" + (i % NAMESPACES);
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("app", "app-" + i);
      if (targets.contains(ns) && labelled < targeted) {
        labels.put("schedule", "office");
        labelled++;
      }
      out.add(deployment(ns, "app-" + i, 1 + i % 4, labels));
    }
    return out;
  }

  static Resource deployment(String ns, String name, int replicas, Map<String, String> labels) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", replicas);
    spec.put("selector", Map.of("matchLabels", Map.of("app", name)));
    spec.put("template", Map.of("metadata", Map.of("labels", Map.of("app", name)),
        "spec", Map.of("containers", List.of(Map.of("name", "app", "image", "nginx:1.27")))));
    return Resource.desired(ResourceRef.kubernetes("Deployment", ns, name), labels, Map.of(), Map.of("spec", spec));
  }

  /** The minimum requests of a sleep or wake-up: one list per kind per namespace and one patch per change. */
  public static long minimum(int targeted) {
    return targetNamespaces().size() + targeted;
  }

  /**
   * Part (a): on a fresh mock server each, platformkit (sleep, wake-up, reconcile again) and the naive
   * sleeper (given the targeted names: sleep, wake-up).
   */
  public static List<TenantApplyBenchmark.Measurement> sleepAndWake(int apps, int targeted) {
    List<Resource> objects = apps(apps, targeted);
    Schedule schedule = office(targetNamespaces(), Map.of("schedule", "office"), List.of(WorkloadKind.Deployment));
    List<TenantApplyBenchmark.Measurement> out = new ArrayList<>();
    try (MockApi api = new MockApi()) {
      StoreClient k8s = StoreClient.of(KubernetesBackend.create(api.client()));
      objects.forEach(k8s::create);
      FakeClock clock = FakeClock.at(NIGHT);
      Platform platform = Platform.builder().kubernetes(KubernetesBackend.create(api.client())).clock(clock)
          .sleeper(clock.sleeper()).build();
      out.add(api.measure(PLATFORMKIT, SLEEP, () -> platform.schedules().reconcile(schedule, NIGHT)));
      out.add(api.measure(PLATFORMKIT, WAKE, () -> platform.schedules().reconcile(schedule, MORNING)));
      out.add(api.measure(PLATFORMKIT, AGAIN, () -> platform.schedules().reconcile(schedule, MORNING)));
    }
    List<ResourceRef> names = objects.stream().filter(r -> "office".equals(r.labels().get("schedule"))).map(Resource::ref).toList();
    try (MockApi api = new MockApi()) {
      StoreClient k8s = StoreClient.of(KubernetesBackend.create(api.client()));
      objects.forEach(k8s::create);
      NaiveSleeper naive = new NaiveSleeper(api.client());
      out.add(api.measure(NAIVE, SLEEP, () -> naive.sleep(names)));
      out.add(api.measure(NAIVE, WAKE, () -> naive.wake(names)));
    }
    return out;
  }

  /** The in-memory store as it is. */
  public static final String IN_MEMORY = "in-memory";
  /** The in-memory store with its reads indexed by namespace ({@link NamespaceIndex}). */
  public static final String INDEXED = "in-memory, indexed";

  /**
   * Part (b): {@code workloads} Deployments in namespaces of 100 on the in-memory store, all targeted; after
   * a sleep, a reconcile at night again, then after the wake-up one in the day again; once on the store as
   * it is, once with its reads indexed by namespace (the requests are the same).
   */
  public static List<Steady> steadyState(int workloads) {
    List<Steady> out = new ArrayList<>(steadyState(workloads, false));
    out.addAll(steadyState(workloads, true));
    return out;
  }

  private static List<Steady> steadyState(int workloads, boolean indexed) {
    InMemoryStore memory = InMemoryStore.kubernetes();
    CountingStore counting = new CountingStore(indexed ? new NamespaceIndex(memory) : memory);
    StoreClient k8s = StoreClient.of(memory);
    List<String> namespaces = new ArrayList<>();
    for (int i = 0; i < workloads; i++) {
      String ns = "team-" + i / 100;
      if (i % 100 == 0) {
        namespaces.add(ns);
        k8s.create(Resource.desired(ResourceRef.kubernetes("Namespace", ns), Map.of(), Map.of(), Map.of()));
      }
      k8s.create(deployment(ns, "app-" + i, 1 + i % 4, Map.of("app", "app-" + i)));
    }
    Schedule schedule = office(namespaces, Map.of(), List.of(WorkloadKind.Deployment, WorkloadKind.StatefulSet, WorkloadKind.CronJob));
    FakeClock clock = FakeClock.at(NIGHT);
    Platform platform = Platform.builder().kubernetes(counting).clock(clock).sleeper(clock.sleeper()).build();
    List<Steady> out = new ArrayList<>();
    String store = indexed ? INDEXED : IN_MEMORY;
    platform.schedules().reconcile(schedule, NIGHT);
    out.add(steady(counting, workloads, store, "asleep", () -> platform.schedules().reconcile(schedule, NIGHT.plus(Duration.ofHours(1)))));
    platform.schedules().reconcile(schedule, MORNING);
    out.add(steady(counting, workloads, store, "awake", () -> platform.schedules().reconcile(schedule, MORNING.plus(Duration.ofHours(1)))));
    return out;
  }

  private static Steady steady(CountingStore counting, int workloads, String store, String phase, Runnable reconcile) {
    counting.reset();
    long start = System.nanoTime();
    reconcile.run();
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    return new Steady(workloads, store, phase, counting.lists(), counting.gets(), counting.writes(), wall);
  }

  private static final String[] ZONES = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney",
      "America/Sao_Paulo", "Asia/Kolkata", "Europe/London", "America/Los_Angeles", "Pacific/Auckland"};

  /**
   * {@code count} schedules: the first {@code Mon-Fri 08:00-20:00} in UTC, the others in ten time zones
   * (most with daylight saving time), with windows starting 06:00 to 09:45 and lasting 9 to 14 hours, some
   * adding a Saturday window, a third with ten holidays.
   */
  public static List<Schedule> schedules(int count) {
    List<Schedule> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Schedule.Builder b = Schedule.builder().name("s-" + i).timeZone(ZONES[i % ZONES.length])
          .targets(Targets.builder().addNamespaces("team-" + i % 100).build());
      if (i == 0) {
        b.addWindows(Window.parse("Mon-Fri 08:00-20:00"));
      } else {
        int startMinutes = 6 * 60 + (i % 16) * 15;
        int endMinutes = startMinutes + (9 + i % 6) * 60;
        b.addWindows(Window.parse(String.format(Locale.ROOT, "Mon-Fri %02d:%02d-%02d:%02d",
            startMinutes / 60, startMinutes % 60, endMinutes / 60, endMinutes % 60)));
        if (i % 5 == 0) {
          b.addWindows(Window.parse("Sat 10:00-14:00"));
        }
        if (i % 3 == 0) {
          for (String day : List.of("01-01", "04-03", "04-06", "05-01", "05-14", "05-25", "10-03", "12-24", "12-25", "12-26")) {
            b.addHolidays(LocalDate.parse("2026-" + day));
          }
        }
      }
      out.add(b.build());
    }
    return out;
  }

  /** Part (c): every transition of each schedule in 2026 (a year from 2026-01-01T00:00Z). */
  public static Evaluation transitions(List<Schedule> schedules) {
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    Instant to = Instant.parse("2027-01-01T00:00:00Z");
    long start = System.nanoTime();
    long found = 0;
    for (Schedule s : schedules) {
      found += s.transitions(from, to).size();
    }
    return new Evaluation(schedules.size(), found, Duration.ofNanos(System.nanoTime() - start));
  }

  static void print(PrintStream out, int apps, int targeted, List<TenantApplyBenchmark.Measurement> rows,
      List<Steady> steady, Evaluation evaluation) {
    out.printf(Locale.ROOT, "Schedule sleep and wake-up: %d Deployments in %d namespaces, %d targeted (label selector"
        + " in %d namespaces), fabric8 mock API server (CRUD mode)%n%n", apps, NAMESPACES, targeted, NAMESPACES - 1);
    out.printf(Locale.ROOT, "%-21s %-13s %9s %7s %8s %11s%n", "client", "phase", "requests", "writes", "minimum", "wall time");
    for (TenantApplyBenchmark.Measurement m : rows) {
      String minimum = m.phase().equals(AGAIN) ? String.valueOf(NAMESPACES - 1) : String.valueOf(minimum(targeted));
      out.printf(Locale.ROOT, "%-21s %-13s %9d %7d %8s %9.2f s%n", m.client(), m.phase(), m.requests(), m.writes(),
          minimum, m.wallTime().toNanos() / 1e9);
    }
    out.printf(Locale.ROOT, "%nSteady-state reconcile, in memory (the schedule's kinds are listed per namespace,"
        + " 100 workloads each)%n%n");
    out.printf(Locale.ROOT, "%-10s %-19s %-7s %6s %5s %7s %11s%n", "workloads", "store", "state", "lists", "gets", "writes", "wall time");
    for (Steady s : steady) {
      out.printf(Locale.ROOT, "%-10d %-19s %-7s %6d %5d %7d %8.1f ms%n", s.workloads(), s.store(), s.phase(), s.lists(),
          s.gets(), s.writes(), s.wallTime().toNanos() / 1e6);
    }
    out.printf(Locale.ROOT, "%nTransitions over a year: %d schedules, %d transitions in %.2f s = %.0f transitions/s%n",
        evaluation.schedules(), evaluation.transitions(), evaluation.wallTime().toNanos() / 1e9, evaluation.perSecond());
  }
}
