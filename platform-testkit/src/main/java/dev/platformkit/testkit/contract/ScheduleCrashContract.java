package dev.platformkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.schedule.ManualChangePolicy;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Window;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.FaultyStore;
import dev.platformkit.testkit.ForwardingStore;
import dev.platformkit.testkit.StoreClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Crash and race properties of {@link Schedule}s that every Kubernetes backend must have, over random
 * workload sets: a process that dies after any number of writes of a sleep or a wake-up, followed by a new
 * process reconciling again, ends exactly where an uninterrupted run ends (every count recorded, every
 * original count and {@code suspend} flag restored, nothing else touched); a wake-up crashing after a
 * crashed sleep still restores everything; and a second reconcile racing a write of the first converges
 * with each workload written once.
 *
 * <p>A backend's test extends this class and returns a fresh cluster from {@link #kubernetes(Clock)} and
 * how many random sets to run from {@link #seeds()}. A slow backend may try one crash point pair and one
 * race point per set ({@link #everyCrashPoint()}) and leave out the race on two threads
 * ({@link #threadRaceSeeds()}).
 */
public abstract class ScheduleCrashContract {
  /** A Tuesday night and the next morning, in UTC (the schedule is up Mon-Fri 08:00-20:00). */
  static final Instant NIGHT = Instant.parse("2026-12-01T02:00:00Z");
  static final Instant MORNING = Instant.parse("2026-12-01T10:00:00Z");
  static final String RECORD = "platformkit.dev/sleep";
  static final String EXCLUDE = "platformkit.dev/schedule-exclude";
  /** The kinds the workload sets are made of; what {@link Cluster#objects()} lists by default. */
  static final List<String> KINDS = List.of("Namespace", "Deployment", "StatefulSet", "CronJob", "HorizontalPodAutoscaler");
  /** The namespaces of every set start with a prefix of their own: r0-, r1-, ... */
  private static final Pattern SET_PREFIX = Pattern.compile("r\\d+-.*");

  /** Stamps the creation of the objects of every set: the same clock for every call of one test. */
  private final FakeClock created = FakeClock.at(NIGHT.minus(Duration.ofDays(3)));
  private int sets;

  /**
   * A Kubernetes cluster one random workload set is created in, as the processes of a test see it.
   */
  public interface Cluster extends AutoCloseable {
    /** A store on the cluster as a new process opens it (a backend may return the same store every time). */
    ResourceStore connect();

    /**
     * Every object the cluster holds, as a store reads it back. Default: the lists of the kinds the sets
     * are made of; a store that can hand out everything it holds should, so that nothing created
     * elsewhere goes unseen.
     */
    default List<Resource> objects() {
      ResourceStore store = connect();
      List<Resource> out = new ArrayList<>();
      KINDS.forEach(kind -> out.addAll(store.list(StoreClient.kind(kind), Map.of())));
      return out;
    }

    /** Called when the set is done. Default: nothing. */
    @Override
    default void close() {}
  }

  /**
   * A fresh Kubernetes cluster for one random workload set (called once per set), stamping creation times
   * from {@code clock} (the same clock object for every call of one test; the suite moves it). It is empty,
   * or holds only what earlier sets left: each set lives in namespaces of its own, so a backend that is
   * costly to start may serve several sets from one server.
   */
  protected abstract Cluster kubernetes(Clock clock);

  /** How many random workload sets each property runs over. */
  protected abstract int seeds();

  /**
   * Whether a set tries every pair of crash points of a crashed sleep followed by a crashed wake-up and
   * races a second sleep and a second wake-up at every write (true, the default), or one pair and one
   * sleep race point per set, picked at random (false: for backends where a set costs many requests).
   */
  protected boolean everyCrashPoint() {
    return true;
  }

  /**
   * Over how many sets two processes reconcile at once on two threads; 0 (the default) leaves the test
   * out, for backends where real threads would make it slow.
   */
  protected int threadRaceSeeds() {
    return 0;
  }

  // ---------------------------------------------------------------------------------------------
  // properties

  @Test
  void aSleepCrashedAfterAnyWriteIsCompletedByTheNextRun() {
    for (long seed = 0; seed < seeds(); seed++) {
      int n = sleepWrites(seed);
      for (int k = 0; k <= n; k++) {
        String at = "seed " + seed + ", sleep crashed after " + k + " of " + n + " writes";
        try (Cluster cluster = next(seed)) {
          World w = world;
          w.create(cluster);
          w.crash(cluster, NIGHT, k, n, at);
          w.assertEach(cluster, at + " (each object untouched or fully asleep)", w.original, w.asleep);

          int again = w.reconcile(cluster.connect(), NIGHT);

          assertThat(again).as(at + ": writes of the next run").isEqualTo(n - k);
          w.assertState(cluster, at, w.asleep);
        }
      }
    }
  }

  @Test
  void aWakeUpCrashedAfterAnyWriteIsCompletedByTheNextRun() {
    for (long seed = 0; seed < seeds(); seed++) {
      int m = wakeWrites(seed);
      for (int k = 0; k <= m; k++) {
        String at = "seed " + seed + ", wake-up crashed after " + k + " of " + m + " writes";
        try (Cluster cluster = next(seed)) {
          World w = world;
          w.create(cluster);
          w.reconcile(cluster.connect(), NIGHT);
          w.crash(cluster, MORNING, k, m, at);
          w.assertEach(cluster, at + " (each object asleep or fully awake)", w.asleep, w.original);

          int again = w.reconcile(cluster.connect(), MORNING);

          assertThat(again).as(at + ": writes of the next run").isEqualTo(m - k);
          w.assertState(cluster, at, w.original);
        }
      }
    }
  }

  @Test
  void aWakeUpCrashedAfterACrashedSleepRestoresEverything() {
    for (long seed = 0; seed < seeds(); seed++) {
      int n = sleepWrites(seed);
      Random pick = pick(seed);
      int sampleK = pick.nextInt(n + 1);
      int sampleJ = pick.nextInt(sampleK + 1);
      for (int k = 0; k <= n; k++) {
        // the sleep died after k writes and nobody ran it again before the morning
        for (int j = 0; j <= k; j++) {
          if (!everyCrashPoint() && (k != sampleK || j != sampleJ)) {
            continue;
          }
          String at = "seed " + seed + ", sleep crashed after " + k + " of " + n + ", wake-up after " + j + " of " + k;
          try (Cluster cluster = next(seed)) {
            World w = world;
            w.create(cluster);
            w.crash(cluster, NIGHT, k, n, at);
            w.crash(cluster, MORNING, j, k, at);
            w.reconcile(cluster.connect(), MORNING);
            w.assertState(cluster, at, w.original);
          }
        }
      }
    }
  }

  @Test
  void aSecondReconcileRacingAnyWriteOfTheFirstConvergesWithEachWorkloadWrittenOnce() {
    for (long seed = 0; seed < seeds(); seed++) {
      int n = sleepWrites(seed);
      Random pick = pick(seed);
      pick.nextInt(pick.nextInt(n + 1) + 1); // the draws of the crash point pair come first
      int sample = n > 0 ? pick.nextInt(n) : -1;
      for (int i = 0; i < n; i++) {
        if (!everyCrashPoint() && i != sample) {
          continue;
        }
        String at = "seed " + seed + ", second sleep racing write " + (i + 1) + " of " + n;
        try (Cluster cluster = next(seed)) {
          World w = world;
          w.create(cluster);
          Writes made = new Writes(cluster.connect());
          FaultyStore racing = raceAt(made, i, () -> w.platform(made).schedules().reconcile(w.schedule, NIGHT));

          w.platform(racing).schedules().reconcile(w.schedule, NIGHT);

          w.assertState(cluster, at, w.asleep);
          assertThat(made.count()).as(at + ": writes of both").isEqualTo(n);
        }
      }
      if (!everyCrashPoint()) {
        continue;
      }
      // the same in the morning: two wake-ups at once restore each count once
      int m = wakeWrites(seed);
      for (int i = 0; i < m; i++) {
        String at = "seed " + seed + ", second wake-up racing write " + (i + 1) + " of " + m;
        try (Cluster cluster = next(seed)) {
          World w = world;
          w.create(cluster);
          w.reconcile(cluster.connect(), NIGHT);
          Writes made = new Writes(cluster.connect());
          FaultyStore racing = raceAt(made, i, () -> w.platform(made).schedules().reconcile(w.schedule, MORNING));

          w.platform(racing).schedules().reconcile(w.schedule, MORNING);

          w.assertState(cluster, at, w.original);
          assertThat(made.count()).as(at + ": writes of both").isEqualTo(m);
        }
      }
    }
  }

  @Test
  void twoProcessesReconcilingAtOnceOnTwoThreadsConverge() throws Exception {
    Assumptions.assumeTrue(threadRaceSeeds() > 0, "this backend leaves out the race on two threads (threadRaceSeeds() is 0)");
    for (long seed = 0; seed < threadRaceSeeds(); seed++) {
      int n = sleepWrites(seed);
      int m = wakeWrites(seed);
      for (Instant at : List.of(NIGHT, MORNING)) {
        try (Cluster cluster = next(seed)) {
          World w = world;
          w.create(cluster);
          if (at.equals(MORNING)) {
            w.reconcile(cluster.connect(), NIGHT);
          }
          Writes made = new Writes(cluster.connect());
          CyclicBarrier start = new CyclicBarrier(2);
          Runnable process = () -> {
            Platform platform = w.platform(made); // built before the barrier, so both start writing together
            await(start);
            platform.schedules().reconcile(w.schedule, at);
          };
          CompletableFuture<Void> one = CompletableFuture.runAsync(process);
          CompletableFuture<Void> two = CompletableFuture.runAsync(process);
          one.get();
          two.get();

          String what = "seed " + seed + ", two processes at " + at;
          w.assertState(cluster, what, at.equals(NIGHT) ? w.asleep : w.original);
          assertThat(made.count()).as(what + ": writes of both").isEqualTo(at.equals(NIGHT) ? n : m);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the two bugs the properties found, on their own

  @Test
  void enforcingTheDowntimeOverAManualScaleKeepsTheRecordSoTheMorningRestoresTheCount() {
    try (Cluster cluster = kubernetes(created)) {
      World w = World.of(ManualChangePolicy.ENFORCE, 0, prefix(), created);
      w.create(cluster);
      w.reconcile(cluster.connect(), NIGHT);
      ResourceRef web = w.ref("Deployment", w.namespace(0), "d0");
      ResourceRef job = w.ref("CronJob", w.namespace(0), "c1");
      StoreClient k8s = StoreClient.of(cluster.connect());
      // someone scales it up by hand during the night, and unsuspends the CronJob
      k8s.update(k8s.get(web).orElseThrow(), new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of("spec", Map.of("replicas", 2))));
      k8s.update(k8s.get(job).orElseThrow(), new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of("spec", Map.of("suspend", false))));

      w.reconcile(cluster.connect(), NIGHT.plus(Duration.ofHours(1)));

      assertThat(w.spec(cluster, web)).as("enforced").containsEntry("replicas", 0);
      assertThat(w.objects(cluster).get(web).annotations()).as("the record of the original count survives the enforcement")
          .containsEntry(RECORD, "{\"schedule\":\"office\",\"replicas\":3}");
      assertThat(w.spec(cluster, job)).containsEntry("suspend", true);

      w.reconcile(cluster.connect(), MORNING);

      w.assertState(cluster, "morning after an enforced night", w.original);
    }
  }

  @Test
  void theAutoscalerOfAnExcludedWorkloadIsLeftAlone() {
    try (Cluster cluster = kubernetes(created)) {
      World w = World.of(ManualChangePolicy.RESPECT, 1, prefix(), created);
      w.create(cluster);

      w.reconcile(cluster.connect(), NIGHT);

      // d2 is excluded by name, d3 opts out by annotation: their HPAs (minReplicas 3) keep their minimum
      assertThat(w.spec(cluster, w.ref("HorizontalPodAutoscaler", w.namespace(0), "d2"))).containsEntry("minReplicas", 3);
      assertThat(w.spec(cluster, w.ref("HorizontalPodAutoscaler", w.namespace(0), "d3"))).containsEntry("minReplicas", 3);
      assertThat(w.spec(cluster, w.ref("HorizontalPodAutoscaler", w.namespace(0), "d0"))).as("a scheduled one's goes down")
          .containsEntry("minReplicas", 1);
      w.assertState(cluster, "sleep with excluded autoscaled workloads", w.asleep);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /** The set of the last {@link #next} call. */
  private World world;

  /** A cluster for a new set of {@code seed}, which {@link #world} then holds. */
  private Cluster next(long seed) {
    world = World.random(seed, prefix(), created);
    return kubernetes(created);
  }

  private String prefix() {
    return "r" + sets++ + "-";
  }

  /** The writes an uninterrupted sleep of the set of {@code seed} makes. */
  private int sleepWrites(long seed) {
    try (Cluster cluster = next(seed)) {
      World w = world;
      w.create(cluster);
      return w.reconcile(cluster.connect(), NIGHT);
    }
  }

  /** The writes an uninterrupted wake-up makes after an uninterrupted sleep; it restores every object. */
  private int wakeWrites(long seed) {
    try (Cluster cluster = next(seed)) {
      World w = world;
      w.create(cluster);
      w.reconcile(cluster.connect(), NIGHT);
      int m = w.reconcile(cluster.connect(), MORNING);
      w.assertState(cluster, "seed " + seed + ", uninterrupted sleep and wake-up", w.original);
      return m;
    }
  }

  /** Where a set that does not try every point crashes and races. */
  private static Random pick(long seed) {
    return new Random(seed * 0x9E3779B97F4A7C15L);
  }

  /** A store whose write number {@code index} (from 0) is preceded by {@code race}. */
  private static FaultyStore raceAt(ResourceStore store, int index, Runnable race) {
    FaultyStore faulty = new FaultyStore(store);
    for (int i = 0; i < index; i++) {
      faulty.raceNextWrite(() -> { });
    }
    return faulty.raceNextWrite(race);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A random workload set and the schedule over it, with what must hold after a sleep and after a
   * wake-up. Namespaces (named with the set's prefix): 1 to 3 targeted, maybe one listed but excluded, one
   * not targeted. Each holds 1 to 5 Deployments, StatefulSets (replicas 0..5, some with an HPA) and
   * CronJobs (suspended or not); some workloads are excluded by name, opt out by annotation, carry another
   * schedule's record, are younger than the grace period, or miss the label selector.
   */
  private static final class World {
    final Schedule schedule;
    final String prefix;
    /** The clock the cluster stamps creation times from. */
    private final FakeClock clock;
    /** What is created, as sent. */
    final Map<ResourceRef, Resource> desired = new LinkedHashMap<>();
    /** What a sleep changes, by object. */
    final Map<ResourceRef, Change> changes = new LinkedHashMap<>();
    /** Every object of the set as the cluster holds it once created (defaulted as an API server does). */
    Map<ResourceRef, Resource> original = Map.of();
    /** The same after an uninterrupted sleep. */
    Map<ResourceRef, Resource> asleep = Map.of();
    final Set<ResourceRef> young = new HashSet<>();
    final List<String> targetNamespaces = new ArrayList<>();
    private final long seed;

    private World(long seed, String prefix, FakeClock clock, Schedule schedule) {
      this.seed = seed;
      this.prefix = prefix;
      this.clock = clock;
      this.schedule = schedule;
    }

    static World random(long seed, String prefix, FakeClock clock) {
      // spread the seeds: the first values of java.util.Random for neighbouring seeds are nearly equal
      Random rnd = new Random(seed * 0x9E3779B97F4A7C15L);
      int downtime = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0;
      ManualChangePolicy policy = rnd.nextBoolean() ? ManualChangePolicy.RESPECT : ManualChangePolicy.ENFORCE;
      Map<String, String> selector = rnd.nextInt(3) == 0 ? Map.of("tier", "nightly") : Map.of();
      int targeted = 1 + rnd.nextInt(3);
      boolean excludedNamespace = rnd.nextBoolean();
      List<String> excludeNames = new ArrayList<>();
      List<Spec> specs = new ArrayList<>();
      int counter = 0;
      List<String> namespaces = new ArrayList<>();
      for (int i = 0; i < targeted; i++) {
        namespaces.add(prefix + "team-" + i);
      }
      if (excludedNamespace) {
        namespaces.add(prefix + "team-prod");
      }
      namespaces.add(prefix + "elsewhere");
      for (String ns : namespaces) {
        int count = 1 + rnd.nextInt(5);
        for (int j = 0; j < count; j++) {
          int kind = rnd.nextInt(3);
          String name = (kind == 2 ? "c" : kind == 1 ? "s" : "d") + counter++;
          Spec s = new Spec(ns, name, kind == 0 ? "Deployment" : kind == 1 ? "StatefulSet" : "CronJob");
          s.replicas = rnd.nextInt(6);
          s.suspend = rnd.nextBoolean();
          s.tier = rnd.nextInt(4) == 0 ? "always" : "nightly";
          s.hpaMin = kind != 2 && rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(4) : 0;
          switch (rnd.nextInt(10)) {
            case 0 -> s.optOut = true;
            case 1 -> excludeNames.add(name);
            case 2 -> s.foreign = true;
            case 3 -> s.young = true;
            default -> { }
          }
          specs.add(s);
        }
      }
      Schedule schedule = schedule(policy, downtime, selector, namespaces.subList(0, namespaces.size() - 1),
          excludedNamespace ? List.of(prefix + "team-prod") : List.of(), excludeNames);
      return build(seed, prefix, clock, schedule, targeted, specs);
    }

    /**
     * A fixed set in {@code team-0}: d0 (3 replicas, HPA min 3), c1 (running), d2 (excluded by name,
     * HPA min 3), d3 (opted out, HPA min 3).
     */
    static World of(ManualChangePolicy policy, int downtime, String prefix, FakeClock clock) {
      Schedule schedule = schedule(policy, downtime, Map.of(), List.of(prefix + "team-0"), List.of(), List.of("d2"));
      List<Spec> specs = new ArrayList<>();
      for (String name : List.of("d0", "c1", "d2", "d3")) {
        Spec s = new Spec(prefix + "team-0", name, name.startsWith("c") ? "CronJob" : "Deployment");
        s.replicas = 3;
        s.suspend = false;
        s.tier = "nightly";
        s.hpaMin = name.startsWith("d") ? 3 : 0;
        s.optOut = name.equals("d3");
        specs.add(s);
      }
      return build(-1, prefix, clock, schedule, 1, specs);
    }

    private static Schedule schedule(ManualChangePolicy policy, int downtime, Map<String, String> selector,
        List<String> namespaces, List<String> excludeNamespaces, List<String> excludeNames) {
      return Schedule.builder().name("office").timeZone("UTC").addWindows(Window.parse("Mon-Fri 08:00-20:00"))
          .targets(Targets.builder().addAllNamespaces(namespaces).addAllExcludeNamespaces(excludeNamespaces)
              .putAllLabelSelector(selector).addAllExcludeNames(excludeNames).build())
          .gracePeriod(Duration.ofHours(1)).downtimeReplicas(downtime).manualChanges(policy).build();
    }

    private static World build(long seed, String prefix, FakeClock clock, Schedule schedule, int targeted, List<Spec> specs) {
      World w = new World(seed, prefix, clock, schedule);
      for (int i = 0; i < targeted; i++) {
        w.targetNamespaces.add(prefix + "team-" + i);
      }
      Set<String> namespaces = new LinkedHashSet<>();
      specs.forEach(s -> namespaces.add(s.namespace));
      namespaces.addAll(w.targetNamespaces);
      namespaces.forEach(ns -> w.add(Resource.desired(ResourceRef.kubernetes("Namespace", ns), Map.of(), Map.of(), Map.of())));
      Set<String> scheduled = new HashSet<>();
      for (Spec s : specs) {
        Resource r = s.workload();
        w.add(r);
        if (s.young) {
          w.young.add(r.ref());
        }
        boolean targetedHere = w.targetNamespaces.contains(s.namespace)
            && r.labels().entrySet().containsAll(schedule.targets().labelSelector().entrySet())
            && !schedule.targets().excludeNames().contains(s.name) && !s.optOut && !s.foreign && !s.young;
        if (targetedHere && !s.kind.equals("CronJob")) {
          scheduled.add(s.kind + "/" + s.name);
          if (s.replicas > schedule.downtimeReplicas()) {
            w.changes.put(r.ref(), new Change("replicas", s.replicas, schedule.downtimeReplicas()));
          }
        } else if (targetedHere && !s.suspend) {
          w.changes.put(r.ref(), new Change("suspend", false, true));
        }
      }
      for (Spec s : specs) {
        if (s.hpaMin == 0) {
          continue;
        }
        Resource hpa = s.autoscaler();
        w.add(hpa);
        int downtime = schedule.downtimeReplicas();
        if (downtime > 0 && w.targetNamespaces.contains(s.namespace) && scheduled.contains(s.kind + "/" + s.name)
            && s.hpaMin > downtime) {
          w.changes.put(hpa.ref(), new Change("minReplicas", s.hpaMin, downtime));
        }
      }
      return w;
    }

    private void add(Resource r) {
      desired.put(r.ref(), r);
    }

    /** One field a sleep sets, from {@code was} (recorded) to {@code now}. */
    record Change(String field, Object was, Object now) {
      Resource apply(Resource r) {
        Map<String, String> annotations = new LinkedHashMap<>(r.annotations());
        annotations.put(RECORD, "{\"schedule\":\"office\",\"" + field + "\":" + was + "}");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) r.body().get("spec"));
        spec.put(field, now);
        Map<String, Object> body = new LinkedHashMap<>(r.body());
        body.put("spec", spec);
        return new Resource(r.ref(), r.labels(), annotations, body, null);
      }
    }

    String namespace(int i) {
      return targetNamespaces.get(i);
    }

    ResourceRef ref(String kind, String namespace, String name) {
      return ResourceRef.kubernetes(kind, namespace, name);
    }

    /**
     * Creates the objects in {@code cluster} (the young ones half an hour before the night, the others three
     * days before) and sets {@link #original} and {@link #asleep} from what it holds then.
     */
    void create(Cluster cluster) {
      StoreClient k8s = StoreClient.of(cluster.connect());
      clock.set(NIGHT.minus(Duration.ofDays(3)));
      desired.values().stream().filter(r -> !young.contains(r.ref())).forEach(k8s::create);
      clock.set(NIGHT.minus(Duration.ofMinutes(30)));
      desired.values().stream().filter(r -> young.contains(r.ref())).forEach(k8s::create);
      original = objects(cluster);
      Map<ResourceRef, Resource> slept = new LinkedHashMap<>();
      original.forEach((ref, r) -> slept.put(ref, changes.containsKey(ref) ? changes.get(ref).apply(r) : r));
      asleep = slept;
    }

    /** A new process: a platform of its own on {@code store}. */
    Platform platform(ResourceStore store) {
      FakeClock now = FakeClock.at(NIGHT);
      return Platform.builder().kubernetes(store).clock(now).sleeper(now.sleeper()).jitterSeed(seed).build();
    }

    /** Reconciles at {@code at} in a new process; returns the writes it made. */
    int reconcile(ResourceStore store, Instant at) {
      return new Writes(store).countOf(s -> platform(s).schedules().reconcile(schedule, at));
    }

    /**
     * A process reconciling at {@code at} that dies when it attempts write {@code k + 1}: it throws
     * unless {@code k} reaches the {@code n} writes a whole run makes.
     */
    void crash(Cluster cluster, Instant at, int k, int n, String what) {
      Crashing crashing = new Crashing(cluster.connect(), k);
      if (k < n) {
        assertThatThrownBy(() -> platform(crashing).schedules().reconcile(schedule, at)).as(what)
            .isInstanceOf(PlatformException.class).hasMessageContaining("the process died");
      } else {
        platform(crashing).schedules().reconcile(schedule, at);
      }
      assertThat(crashing.made).as(what + ": writes before the crash").isEqualTo(k);
    }

    /**
     * The objects of this set and any that belong to no set, by reference: what the other sets of a
     * shared cluster hold is theirs.
     */
    Map<ResourceRef, Resource> objects(Cluster cluster) {
      Map<ResourceRef, Resource> out = new LinkedHashMap<>();
      for (Resource r : cluster.objects()) {
        String ns = r.ref().kind().equals("Namespace") ? r.ref().name() : r.ref().namespace();
        if (ns == null || ns.startsWith(prefix) || !SET_PREFIX.matcher(ns).matches()) {
          out.put(r.ref(), r);
        }
      }
      return out;
    }

    /** Every object is exactly as {@code expected} says (labels, annotations and body), and no other exists. */
    void assertState(Cluster cluster, String what, Map<ResourceRef, Resource> expected) {
      Map<ResourceRef, Resource> actual = objects(cluster);
      assertThat(actual.keySet()).as(what + ": objects").containsExactlyInAnyOrderElementsOf(expected.keySet());
      for (Resource want : expected.values()) {
        assertThat(view(actual.get(want.ref()))).as(what + ": " + want.ref()).isEqualTo(view(want));
      }
    }

    /** Every object is as {@code one} or as {@code other} says (never half-way). */
    void assertEach(Cluster cluster, String what, Map<ResourceRef, Resource> one, Map<ResourceRef, Resource> other) {
      for (Resource r : objects(cluster).values()) {
        assertThat(view(r)).as(what + ": " + r.ref()).isIn(view(one.get(r.ref())), view(other.get(r.ref())));
      }
    }

    Map<String, Object> spec(Cluster cluster, ResourceRef ref) {
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) objects(cluster).get(ref).body().get("spec");
      return spec;
    }

    private static List<Object> view(Resource r) {
      return r == null ? null : List.of(r.labels(), r.annotations(), r.body());
    }
  }

  /** One workload of a random set. */
  private static final class Spec {
    final String namespace;
    final String name;
    final String kind;
    int replicas;
    boolean suspend;
    String tier;
    int hpaMin;
    boolean optOut;
    boolean foreign;
    boolean young;

    Spec(String namespace, String name, String kind) {
      this.namespace = namespace;
      this.name = name;
      this.kind = kind;
    }

    Resource workload() {
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put("team.example.com/owner", "team");
      if (optOut) {
        annotations.put(EXCLUDE, "true");
      }
      if (foreign) {
        annotations.put(RECORD, "{\"schedule\":\"other\",\"replicas\":7}");
      }
      Map<String, Object> spec = new LinkedHashMap<>();
      if (kind.equals("CronJob")) {
        spec.put("schedule", "*/5 * * * *");
        spec.put("suspend", suspend);
        spec.put("jobTemplate", Map.of("spec", Map.of("template", Map.of("spec", Map.of("restartPolicy", "Never",
            "containers", List.of(Map.of("name", "job", "image", "busybox:1.36")))))));
      } else {
        spec.put("replicas", replicas);
        spec.put("selector", Map.of("matchLabels", Map.of("app", name)));
        if (kind.equals("StatefulSet")) {
          spec.put("serviceName", name);
        }
        spec.put("template", Map.of("metadata", Map.of("labels", Map.of("app", name)),
            "spec", Map.of("containers", List.of(Map.of("name", "app", "image", "nginx:1.27")))));
      }
      return Resource.desired(ResourceRef.kubernetes(kind, namespace, name), Map.of("app", name, "tier", tier),
          annotations, Map.of("spec", spec));
    }

    Resource autoscaler() {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", kind, "name", name));
      spec.put("minReplicas", hpaMin);
      spec.put("maxReplicas", 10);
      return Resource.desired(ResourceRef.kubernetes("HorizontalPodAutoscaler", namespace, name), Map.of("app", name),
          Map.of(), Map.of("spec", spec));
    }
  }

  /** Counts the writes that reached the store (a write refused with a conflict is not counted). */
  private static final class Writes extends ForwardingStore {
    private final AtomicInteger total = new AtomicInteger();

    Writes(ResourceStore delegate) {
      super(delegate);
    }

    int count() {
      return total.get();
    }

    /** The writes {@code run} makes through this counter. */
    int countOf(Consumer<ResourceStore> run) {
      int before = total.get();
      run.accept(this);
      return total.get() - before;
    }

    @Override
    protected void write(Runnable write) {
      write.run();
      total.incrementAndGet();
    }
  }

  /** Lets the first {@code allowed} writes through; the next one finds the process dead. */
  private static final class Crashing extends ForwardingStore {
    private final int allowed;
    int made;

    Crashing(ResourceStore delegate, int allowed) {
      super(delegate);
      this.allowed = allowed;
    }

    @Override
    protected void write(Runnable write) {
      if (made >= allowed) {
        throw new PlatformException("the process died before write " + (made + 1));
      }
      write.run();
      made++;
    }
  }
}
