package dev.platformkit.testkit;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Crash and race properties of schedules on the in-memory store, over random workload sets: a process
 * that dies after any number of writes of a sleep or a wake-up, followed by a new process reconciling
 * again, ends exactly where an uninterrupted run ends (every count recorded, every original count and
 * {@code suspend} flag restored, nothing else touched); and two reconciles running at once converge to
 * the same state with each workload written once.
 */
class ScheduleCrashTest {
  /** A Tuesday night and the next morning, in UTC (the schedule is up Mon-Fri 08:00-20:00). */
  static final Instant NIGHT = Instant.parse("2026-12-01T02:00:00Z");
  static final Instant MORNING = Instant.parse("2026-12-01T10:00:00Z");
  static final String RECORD = "platformkit.dev/sleep";
  static final String EXCLUDE = "platformkit.dev/schedule-exclude";

  // ---------------------------------------------------------------------------------------------
  // properties

  @Test
  void aSleepCrashedAfterAnyWriteIsCompletedByTheNextRun() {
    for (long seed = 0; seed < 200; seed++) {
      World w = World.random(seed);
      int n = w.sleepWrites();
      for (int k = 0; k <= n; k++) {
        String at = "seed " + seed + ", sleep crashed after " + k + " of " + n + " writes";
        InMemoryStore store = w.fresh();
        w.crash(store, NIGHT, k, n, at);
        w.assertEach(store, at + " (each object untouched or fully asleep)", w.original, w.asleep);

        int again = w.reconcile(store, NIGHT);

        assertThat(again).as(at + ": writes of the next run").isEqualTo(n - k);
        w.assertState(store, at, w.asleep);
      }
    }
  }

  @Test
  void aWakeUpCrashedAfterAnyWriteIsCompletedByTheNextRun() {
    for (long seed = 0; seed < 200; seed++) {
      World w = World.random(seed);
      int n = w.wakeWrites();
      for (int k = 0; k <= n; k++) {
        String at = "seed " + seed + ", wake-up crashed after " + k + " of " + n + " writes";
        InMemoryStore store = w.fresh();
        w.reconcile(store, NIGHT);
        w.crash(store, MORNING, k, n, at);
        w.assertEach(store, at + " (each object asleep or fully awake)", w.asleep, w.original);

        int again = w.reconcile(store, MORNING);

        assertThat(again).as(at + ": writes of the next run").isEqualTo(n - k);
        w.assertState(store, at, w.original);
      }
    }
  }

  @Test
  void aWakeUpCrashedAfterACrashedSleepRestoresEverything() {
    for (long seed = 0; seed < 200; seed++) {
      World w = World.random(seed);
      int n = w.sleepWrites();
      for (int k = 0; k <= n; k++) {
        // the sleep died after k writes and nobody ran it again before the morning
        for (int j = 0; j <= k; j++) {
          String at = "seed " + seed + ", sleep crashed after " + k + " of " + n + ", wake-up after " + j + " of " + k;
          InMemoryStore store = w.fresh();
          w.crash(store, NIGHT, k, n, at);
          w.crash(store, MORNING, j, k, at);
          w.reconcile(store, MORNING);
          w.assertState(store, at, w.original);
        }
      }
    }
  }

  @Test
  void aSecondReconcileRacingAnyWriteOfTheFirstConvergesWithEachWorkloadWrittenOnce() {
    for (long seed = 0; seed < 200; seed++) {
      World w = World.random(seed);
      int n = w.sleepWrites();
      for (int i = 0; i < n; i++) {
        String at = "seed " + seed + ", second sleep racing write " + (i + 1) + " of " + n;
        InMemoryStore store = w.fresh();
        Writes made = new Writes(store);
        FaultyStore racing = raceAt(made, i, () -> w.platform(made).schedules().reconcile(w.schedule, NIGHT));

        w.platform(racing).schedules().reconcile(w.schedule, NIGHT);

        w.assertState(store, at, w.asleep);
        assertThat(made.count()).as(at + ": writes of both").isEqualTo(n);
      }
      // the same in the morning: two wake-ups at once restore each count once
      int m = w.wakeWrites();
      for (int i = 0; i < m; i++) {
        String at = "seed " + seed + ", second wake-up racing write " + (i + 1) + " of " + m;
        InMemoryStore store = w.fresh();
        w.reconcile(store, NIGHT);
        Writes made = new Writes(store);
        FaultyStore racing = raceAt(made, i, () -> w.platform(made).schedules().reconcile(w.schedule, MORNING));

        w.platform(racing).schedules().reconcile(w.schedule, MORNING);

        w.assertState(store, at, w.original);
        assertThat(made.count()).as(at + ": writes of both").isEqualTo(m);
      }
    }
  }

  @Test
  void twoProcessesReconcilingAtOnceOnTwoThreadsConverge() throws Exception {
    for (long seed = 0; seed < 100; seed++) {
      World w = World.random(seed);
      int n = w.sleepWrites();
      for (Instant at : List.of(NIGHT, MORNING)) {
        InMemoryStore store = w.fresh();
        if (at.equals(MORNING)) {
          w.reconcile(store, NIGHT);
        }
        Writes made = new Writes(store);
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
        w.assertState(store, what, at.equals(NIGHT) ? w.asleep : w.original);
        assertThat(made.count()).as(what + ": writes of both").isEqualTo(at.equals(NIGHT) ? n : w.wakeWrites());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the two bugs the properties found, on their own

  @Test
  void enforcingTheDowntimeOverAManualScaleKeepsTheRecordSoTheMorningRestoresTheCount() {
    World w = World.of(ManualChangePolicy.ENFORCE, 0);
    InMemoryStore store = w.fresh();
    w.reconcile(store, NIGHT);
    ResourceRef web = w.ref("Deployment", w.namespace(0), "d0");
    ResourceRef job = w.ref("CronJob", w.namespace(0), "c1");
    StoreClient k8s = StoreClient.of(store);
    // someone scales it up by hand during the night, and unsuspends the CronJob
    k8s.update(k8s.get(web).orElseThrow(), new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of("spec", Map.of("replicas", 2))));
    k8s.update(k8s.get(job).orElseThrow(), new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of("spec", Map.of("suspend", false))));

    w.reconcile(store, NIGHT.plus(Duration.ofHours(1)));

    assertThat(w.spec(store, web)).as("enforced").containsEntry("replicas", 0);
    assertThat(store.all()).filteredOn(r -> r.ref().equals(web)).singleElement()
        .satisfies(r -> assertThat(r.annotations()).as("the record of the original count survives the enforcement")
            .containsEntry(RECORD, "{\"schedule\":\"office\",\"replicas\":3}"));
    assertThat(w.spec(store, job)).containsEntry("suspend", true);

    w.reconcile(store, MORNING);

    w.assertState(store, "morning after an enforced night", w.original);
  }

  @Test
  void theAutoscalerOfAnExcludedWorkloadIsLeftAlone() {
    World w = World.of(ManualChangePolicy.RESPECT, 1);
    InMemoryStore store = w.fresh();

    w.reconcile(store, NIGHT);

    // d2 is excluded by name, d3 opts out by annotation: their HPAs (minReplicas 3) keep their minimum
    assertThat(w.spec(store, w.ref("HorizontalPodAutoscaler", w.namespace(0), "d2"))).containsEntry("minReplicas", 3);
    assertThat(w.spec(store, w.ref("HorizontalPodAutoscaler", w.namespace(0), "d3"))).containsEntry("minReplicas", 3);
    assertThat(w.spec(store, w.ref("HorizontalPodAutoscaler", w.namespace(0), "d0"))).as("a scheduled one's goes down")
        .containsEntry("minReplicas", 1);
    w.assertState(store, "sleep with excluded autoscaled workloads", w.asleep);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

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
   * wake-up. Namespaces: 1 to 3 targeted, maybe one listed but excluded, one not targeted. Each holds
   * 1 to 5 Deployments, StatefulSets (replicas 0..5, some with an HPA) and CronJobs (suspended or not);
   * some workloads are excluded by name, opt out by annotation, carry another schedule's record, are
   * younger than the grace period, or miss the label selector.
   */
  static final class World {
    final Schedule schedule;
    /** What is created, as sent. */
    final Map<ResourceRef, Resource> desired = new LinkedHashMap<>();
    /** What a sleep changes, by object. */
    final Map<ResourceRef, Change> changes = new LinkedHashMap<>();
    /** Every object as the last {@link #fresh()} store holds it (defaulted as an API server would). */
    Map<ResourceRef, Resource> original = Map.of();
    /** The same after an uninterrupted sleep. */
    Map<ResourceRef, Resource> asleep = Map.of();
    final Set<ResourceRef> young = new HashSet<>();
    final List<String> targetNamespaces = new ArrayList<>();
    private final long seed;

    private World(long seed, Schedule schedule) {
      this.seed = seed;
      this.schedule = schedule;
    }

    static World random(long seed) {
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
        namespaces.add("team-" + i);
      }
      if (excludedNamespace) {
        namespaces.add("team-prod");
      }
      namespaces.add("elsewhere");
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
          excludedNamespace ? List.of("team-prod") : List.of(), excludeNames);
      return build(seed, schedule, targeted, specs);
    }

    /**
     * A fixed set in {@code team-0}: d0 (3 replicas, HPA min 3), c1 (running), d2 (excluded by name,
     * HPA min 3), d3 (opted out, HPA min 3).
     */
    static World of(ManualChangePolicy policy, int downtime) {
      Schedule schedule = schedule(policy, downtime, Map.of(), List.of("team-0"), List.of(), List.of("d2"));
      List<Spec> specs = new ArrayList<>();
      for (String name : List.of("d0", "c1", "d2", "d3")) {
        Spec s = new Spec("team-0", name, name.startsWith("c") ? "CronJob" : "Deployment");
        s.replicas = 3;
        s.suspend = false;
        s.tier = "nightly";
        s.hpaMin = name.startsWith("d") ? 3 : 0;
        s.optOut = name.equals("d3");
        specs.add(s);
      }
      return build(-1, schedule, 1, specs);
    }

    private static Schedule schedule(ManualChangePolicy policy, int downtime, Map<String, String> selector,
        List<String> namespaces, List<String> excludeNamespaces, List<String> excludeNames) {
      return Schedule.builder().name("office").timeZone("UTC").addWindows(Window.parse("Mon-Fri 08:00-20:00"))
          .targets(Targets.builder().addAllNamespaces(namespaces).addAllExcludeNamespaces(excludeNamespaces)
              .putAllLabelSelector(selector).addAllExcludeNames(excludeNames).build())
          .gracePeriod(Duration.ofHours(1)).downtimeReplicas(downtime).manualChanges(policy).build();
    }

    private static World build(long seed, Schedule schedule, int targeted, List<Spec> specs) {
      World w = new World(seed, schedule);
      for (int i = 0; i < targeted; i++) {
        w.targetNamespaces.add("team-" + i);
      }
      Set<String> namespaces = new java.util.LinkedHashSet<>();
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
     * A store holding the original objects, the young ones created half an hour before the night; sets
     * {@link #original} and {@link #asleep} from what it holds.
     */
    InMemoryStore fresh() {
      FakeClock clock = FakeClock.at(NIGHT.minus(Duration.ofDays(3)));
      InMemoryStore store = InMemoryStore.kubernetes().clock(clock);
      for (Resource r : desired.values()) {
        if (young.contains(r.ref())) {
          continue;
        }
        store.create(StoreClient.kind(r.ref().kind()), r);
      }
      clock.set(NIGHT.minus(Duration.ofMinutes(30)));
      for (Resource r : desired.values()) {
        if (young.contains(r.ref())) {
          store.create(StoreClient.kind(r.ref().kind()), r);
        }
      }
      original = byRef(store.all());
      Map<ResourceRef, Resource> slept = new LinkedHashMap<>();
      original.forEach((ref, r) -> slept.put(ref, changes.containsKey(ref) ? changes.get(ref).apply(r) : r));
      asleep = slept;
      return store;
    }

    /** A new process: a platform of its own on {@code store}. */
    Platform platform(ResourceStore store) {
      FakeClock clock = FakeClock.at(NIGHT);
      return Platform.builder().kubernetes(store).clock(clock).sleeper(clock.sleeper()).jitterSeed(seed).build();
    }

    /** Reconciles at {@code at} in a new process; returns the writes it made. */
    int reconcile(ResourceStore store, Instant at) {
      return new Writes(store).countOf(s -> platform(s).schedules().reconcile(schedule, at));
    }

    /** The writes an uninterrupted sleep makes. */
    int sleepWrites() {
      return reconcile(fresh(), NIGHT);
    }

    /** The writes an uninterrupted wake-up makes after an uninterrupted sleep. */
    int wakeWrites() {
      InMemoryStore store = fresh();
      reconcile(store, NIGHT);
      return reconcile(store, MORNING);
    }

    /**
     * A process reconciling at {@code at} that dies when it attempts write {@code k + 1}: it throws
     * unless {@code k} reaches the {@code n} writes a whole run makes.
     */
    void crash(InMemoryStore store, Instant at, int k, int n, String what) {
      Crashing crashing = new Crashing(store, k);
      if (k < n) {
        assertThatThrownBy(() -> platform(crashing).schedules().reconcile(schedule, at)).as(what)
            .isInstanceOf(PlatformException.class).hasMessageContaining("the process died");
      } else {
        platform(crashing).schedules().reconcile(schedule, at);
      }
      assertThat(crashing.made).as(what + ": writes before the crash").isEqualTo(k);
    }

    /** Every object is exactly as {@code expected} says: labels, annotations and body. */
    void assertState(InMemoryStore store, String what, Map<ResourceRef, Resource> expected) {
      Map<ResourceRef, Resource> actual = byRef(store.all());
      assertThat(actual.keySet()).as(what + ": objects").containsExactlyInAnyOrderElementsOf(expected.keySet());
      for (Resource want : expected.values()) {
        assertThat(view(actual.get(want.ref()))).as(what + ": " + want.ref()).isEqualTo(view(want));
      }
    }

    /** Every object is as {@code one} or as {@code other} says (never half-way). */
    void assertEach(InMemoryStore store, String what, Map<ResourceRef, Resource> one, Map<ResourceRef, Resource> other) {
      for (Resource r : store.all()) {
        assertThat(view(r)).as(what + ": " + r.ref()).isIn(view(one.get(r.ref())), view(other.get(r.ref())));
      }
    }

    Map<String, Object> spec(InMemoryStore store, ResourceRef ref) {
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) byRef(store.all()).get(ref).body().get("spec");
      return spec;
    }

    private static Map<ResourceRef, Resource> byRef(List<Resource> resources) {
      Map<ResourceRef, Resource> out = new LinkedHashMap<>();
      resources.forEach(r -> out.put(r.ref(), r));
      return out;
    }

    private static List<Object> view(Resource r) {
      return r == null ? null : List.of(r.labels(), r.annotations(), r.body());
    }
  }

  /** One workload of a random set. */
  static final class Spec {
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
  static final class Writes extends ForwardingStore {
    final AtomicInteger total = new AtomicInteger();

    Writes(ResourceStore delegate) {
      super(delegate);
    }

    int count() {
      return total.get();
    }

    /** The writes {@code run} makes through this counter. */
    int countOf(java.util.function.Consumer<ResourceStore> run) {
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
  static final class Crashing extends ForwardingStore {
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
