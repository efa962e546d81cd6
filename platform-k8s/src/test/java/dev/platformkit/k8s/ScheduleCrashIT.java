package dev.platformkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import dev.platformkit.testkit.ForwardingStore;
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
import dev.platformkit.testkit.StoreClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The crash and race properties of schedules through the Kubernetes backend, on the fabric8 mock API
 * server answering like kube-apiserver v1.28 ({@link RealisticDispatcher}: defaults, versions, merge
 * patches that remove what they set to null): for random
 * workload sets, a sleep or a wake-up whose process dies after any number of writes is completed by the
 * next run, a wake-up crashing after a crashed sleep still restores everything, and a second reconcile
 * racing a write of the first converges with each workload written once. Fewer seeds than the in-memory
 * {@code ScheduleCrashTest}, to keep CI fast.
 */
class ScheduleCrashIT {
  // the mock server logs every request through java.util.logging; held so that the level sticks
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  /** A Tuesday night and the next morning, in UTC (the schedule is up Mon-Fri 08:00-20:00). */
  static final Instant NIGHT = Instant.parse("2026-12-01T02:00:00Z");
  static final Instant MORNING = Instant.parse("2026-12-01T10:00:00Z");
  static final String RECORD = "platformkit.dev/sleep";
  static final int SEEDS = 20;

  @Test
  void crashesAtEveryWriteOfASleepAndOfAWakeUpAndRacesConverge() {
    for (long seed = 0; seed < SEEDS; seed++) {
      try (Cluster cluster = new Cluster()) {
        int run = 0;
        World probe = World.random(seed, "r" + run++ + "-");
        probe.create(cluster);
        int n = probe.reconcile(cluster.backend(), NIGHT);
        int m = probe.reconcile(cluster.backend(), MORNING);
        probe.assertState(cluster, "seed " + seed + ", uninterrupted", probe.original);

        for (int k = 0; k <= n; k++) {
          World w = World.random(seed, "r" + run++ + "-");
          String at = "seed " + seed + ", sleep crashed after " + k + " of " + n + " writes";
          w.create(cluster);
          w.crash(cluster, NIGHT, k, n, at);
          assertThat(w.reconcile(cluster.backend(), NIGHT)).as(at + ": writes of the next run").isEqualTo(n - k);
          w.assertState(cluster, at, w.asleep);
        }
        for (int k = 0; k <= m; k++) {
          World w = World.random(seed, "r" + run++ + "-");
          String at = "seed " + seed + ", wake-up crashed after " + k + " of " + m + " writes";
          w.create(cluster);
          w.reconcile(cluster.backend(), NIGHT);
          w.crash(cluster, MORNING, k, m, at);
          assertThat(w.reconcile(cluster.backend(), MORNING)).as(at + ": writes of the next run").isEqualTo(m - k);
          w.assertState(cluster, at, w.original);
        }
        Random pick = new Random(seed * 0x9E3779B97F4A7C15L);
        {
          // a crashed sleep nobody repeated, then a crashed wake-up, then a whole one
          World w = World.random(seed, "r" + run++ + "-");
          int k = pick.nextInt(n + 1);
          int j = pick.nextInt(k + 1);
          String at = "seed " + seed + ", sleep crashed after " + k + " of " + n + ", wake-up after " + j + " of " + k;
          w.create(cluster);
          w.crash(cluster, NIGHT, k, n, at);
          w.crash(cluster, MORNING, j, k, at);
          w.reconcile(cluster.backend(), MORNING);
          w.assertState(cluster, at, w.original);
        }
        if (n > 0) {
          // a whole second sleep runs just before one write of the first
          World w = World.random(seed, "r" + run++ + "-");
          int i = pick.nextInt(n);
          String at = "seed " + seed + ", second sleep racing write " + (i + 1) + " of " + n;
          w.create(cluster);
          Writes made = new Writes(cluster.backend());
          FaultyStore racing = new FaultyStore(made);
          for (int x = 0; x < i; x++) {
            racing.raceNextWrite(() -> { });
          }
          racing.raceNextWrite(() -> w.platform(made).schedules().reconcile(w.schedule, NIGHT));
          w.platform(racing).schedules().reconcile(w.schedule, NIGHT);
          w.assertState(cluster, at, w.asleep);
          assertThat(made.total.get()).as(at + ": writes of both").isEqualTo(n);
        }
      }
    }
  }

  @Test
  void theServerRemovesWhatAMergePatchSetsToNull() {
    // what a wake-up relies on to remove its record
    try (Cluster cluster = new Cluster()) {
      StoreClient k8s = StoreClient.of(cluster.backend());
      k8s.create(Resource.desired(ResourceRef.kubernetes("Namespace", "team-a"), Map.of(), Map.of(), Map.of()));
      ResourceRef ref = ResourceRef.kubernetes("CronJob", "team-a", "report");
      k8s.create(Resource.desired(ref, Map.of(), Map.of(RECORD, "{}", "keep", "me"), Map.of("spec", Map.of("schedule", "@daily", "suspend", true))));

      k8s.update(k8s.get(ref).orElseThrow(), new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(RECORD), Map.of("spec", Map.of("suspend", false))));

      Resource after = k8s.get(ref).orElseThrow();
      assertThat(after.annotations()).containsExactly(Map.entry("keep", "me"));
      assertThat(after.body().get("spec")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("schedule", "@daily").containsEntry("suspend", false);
    }
  }

  /** A mock API server answering writes like kube-apiserver v1.28 ({@link RealisticDispatcher}), and a client of it. */
  static final class Cluster implements AutoCloseable {
    final KubernetesMockServer server;
    final KubernetesClient client;

    Cluster() {
      server = RealisticDispatcher.newServer();
      server.init();
      client = MockCluster.clientFor(server.url("/"), new Interceptor() { });
    }

    /** A backend of its own, as a new process would have. */
    ResourceStore backend() {
      return KubernetesBackend.create(client);
    }

    @Override
    public void close() {
      client.close();
      server.destroy();
    }
  }

  /**
   * A random workload set (as in the in-memory {@code ScheduleCrashTest}, without the grace period: the
   * mock server stamps creation with the wall clock) in namespaces named with {@code prefix}, the schedule
   * over it, and what must hold after a sleep and after a wake-up.
   */
  static final class World {
    final Schedule schedule;
    /** What is created, as sent. */
    final Map<ResourceRef, Resource> desired = new LinkedHashMap<>();
    /** What a sleep changes, by object. */
    final Map<ResourceRef, Change> changes = new LinkedHashMap<>();
    /** The workloads and HPAs as the server holds them once created (defaulted). */
    final Map<ResourceRef, Resource> original = new LinkedHashMap<>();
    /** The same after an uninterrupted sleep. */
    final Map<ResourceRef, Resource> asleep = new LinkedHashMap<>();
    private final long seed;

    private World(long seed, Schedule schedule) {
      this.seed = seed;
      this.schedule = schedule;
    }

    static World random(long seed, String prefix) {
      // spread the seeds: the first values of java.util.Random for neighbouring seeds are nearly equal
      Random rnd = new Random(seed * 0x9E3779B97F4A7C15L);
      int downtime = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0;
      ManualChangePolicy policy = rnd.nextBoolean() ? ManualChangePolicy.RESPECT : ManualChangePolicy.ENFORCE;
      Map<String, String> selector = rnd.nextInt(3) == 0 ? Map.of("tier", "nightly") : Map.of();
      int targeted = 1 + rnd.nextInt(3);
      boolean excludedNamespace = rnd.nextBoolean();
      List<String> targetNamespaces = new ArrayList<>();
      for (int i = 0; i < targeted; i++) {
        targetNamespaces.add(prefix + "team-" + i);
      }
      List<String> namespaces = new ArrayList<>(targetNamespaces);
      if (excludedNamespace) {
        namespaces.add(prefix + "team-prod");
      }
      namespaces.add(prefix + "elsewhere");
      List<String> excludeNames = new ArrayList<>();
      List<Spec> specs = new ArrayList<>();
      int counter = 0;
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
            default -> { }
          }
          specs.add(s);
        }
      }
      Schedule schedule = Schedule.builder().name("office").timeZone("UTC").addWindows(Window.parse("Mon-Fri 08:00-20:00"))
          .targets(Targets.builder().addAllNamespaces(namespaces.subList(0, namespaces.size() - 1))
              .addAllExcludeNamespaces(excludedNamespace ? List.of(prefix + "team-prod") : List.of())
              .putAllLabelSelector(selector).addAllExcludeNames(excludeNames).build())
          .gracePeriod(Duration.ZERO).downtimeReplicas(downtime).manualChanges(policy).build();

      World w = new World(seed, schedule);
      namespaces.forEach(ns -> w.add(Resource.desired(ResourceRef.kubernetes("Namespace", ns), Map.of(), Map.of(), Map.of())));
      Set<String> scheduled = new HashSet<>();
      for (Spec s : specs) {
        Resource r = s.workload();
        w.add(r);
        boolean targetedHere = targetNamespaces.contains(s.namespace)
            && r.labels().entrySet().containsAll(selector.entrySet())
            && !excludeNames.contains(s.name) && !s.optOut && !s.foreign;
        if (targetedHere && !s.kind.equals("CronJob")) {
          scheduled.add(s.namespace + "/" + s.name);
          if (s.replicas > downtime) {
            w.changes.put(r.ref(), new Change("replicas", s.replicas, downtime));
          }
        } else if (targetedHere && !s.suspend) {
          w.changes.put(r.ref(), new Change("suspend", false, true));
        }
      }
      for (Spec s : specs) {
        if (s.hpaMin > 0) {
          Resource hpa = s.autoscaler();
          w.add(hpa);
          if (downtime > 0 && scheduled.contains(s.namespace + "/" + s.name) && s.hpaMin > downtime) {
            w.changes.put(hpa.ref(), new Change("minReplicas", s.hpaMin, downtime));
          }
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

    /** Creates the objects, then reads back what the server keeps of them: {@link #original}, {@link #asleep}. */
    void create(Cluster cluster) {
      StoreClient k8s = StoreClient.of(cluster.backend());
      desired.values().forEach(k8s::create);
      for (Resource r : desired.values()) {
        if (!r.ref().kind().equals("Namespace")) {
          Resource stored = k8s.get(r.ref()).orElseThrow();
          original.put(r.ref(), stored);
          asleep.put(r.ref(), changes.containsKey(r.ref()) ? changes.get(r.ref()).apply(stored) : stored);
        }
      }
    }

    Platform platform(ResourceStore store) {
      FakeClock clock = FakeClock.at(NIGHT);
      return Platform.builder().kubernetes(store).clock(clock).sleeper(clock.sleeper()).jitterSeed(seed).build();
    }

    /** Reconciles at {@code at} in a new process; returns the writes it made. */
    int reconcile(ResourceStore store, Instant at) {
      Writes made = new Writes(store);
      platform(made).schedules().reconcile(schedule, at);
      return made.total.get();
    }

    /** A process that dies when it attempts write {@code k + 1} of the {@code n} a whole run makes. */
    void crash(Cluster cluster, Instant at, int k, int n, String what) {
      Crashing crashing = new Crashing(cluster.backend(), k);
      if (k < n) {
        assertThatThrownBy(() -> platform(crashing).schedules().reconcile(schedule, at)).as(what)
            .isInstanceOf(PlatformException.class).hasMessageContaining("the process died");
      } else {
        platform(crashing).schedules().reconcile(schedule, at);
      }
      assertThat(crashing.made).as(what + ": writes before the crash").isEqualTo(k);
    }

    /** Every workload and HPA is exactly as {@code expected} says: labels, annotations and spec. */
    void assertState(Cluster cluster, String what, Map<ResourceRef, Resource> expected) {
      StoreClient k8s = StoreClient.of(cluster.backend());
      for (Resource want : expected.values()) {
        Resource got = k8s.get(want.ref()).orElseThrow(() -> new AssertionError(what + ": " + want.ref() + " is gone"));
        assertThat(List.of(got.labels(), got.annotations(), got.body())).as(what + ": " + want.ref())
            .isEqualTo(List.of(want.labels(), want.annotations(), want.body()));
      }
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

    Spec(String namespace, String name, String kind) {
      this.namespace = namespace;
      this.name = name;
      this.kind = kind;
    }

    Resource workload() {
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put("team.example.com/owner", "team");
      if (optOut) {
        annotations.put("platformkit.dev/schedule-exclude", "true");
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

  /** Counts the writes that reached the server (a write refused with a conflict is not counted). */
  static final class Writes extends ForwardingStore {
    final AtomicInteger total = new AtomicInteger();

    Writes(ResourceStore delegate) {
      super(delegate);
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
