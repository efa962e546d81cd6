package dev.platformkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.Change;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.ResourceRef;
import dev.platformkit.Sleeper;
import dev.platformkit.ValidationException;
import dev.platformkit.WaitTimeoutException;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.InMemoryStore;
import dev.platformkit.testkit.aws.FakeEksClient;
import dev.platformkit.upgrade.Finding;
import dev.platformkit.upgrade.Hop;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.Severity;
import dev.platformkit.upgrade.Step;
import dev.platformkit.upgrade.StepKind;
import dev.platformkit.upgrade.Strategy;
import dev.platformkit.upgrade.UpgradeReport;
import dev.platformkit.upgrade.UpgradeResult;
import dev.platformkit.upgrade.UpgradeResult.Outcome;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * What an executor of {@link UpgradeReport}s on EKS must do, on the testkit's {@link FakeEksClient}: run
 * the in-place steps hop by hop (control plane, add-ons to their planned versions, node groups), wait for
 * each update on the clock, hold a node group back while Jobs run on its nodes (and stop, reporting it,
 * when the deadline passes), time out with a {@link WaitTimeoutException} after progress events, and
 * resume after a crash at any point from the real state without repeating a finished update.
 *
 * <p>A backend's test extends this class and builds its executor in {@link #executor(Setup)} from the
 * clients, clock and settings given. The suite creates the EKS fake and, for the Jobs gate, an in-memory
 * Kubernetes store of the cluster.
 */
public abstract class UpgradeExecutorContract {
  static final String CLUSTER = "shop-prod";
  static final Instant START = Instant.parse("2026-12-01T22:00:00Z");
  static final Duration POLL = Duration.ofMinutes(1);

  /**
   * What the executor is built from.
   *
   * @param eks the EKS client (the suite's fake, possibly behind a proxy that crashes)
   * @param cluster the cluster's Kubernetes store for the Jobs gate, or null for none
   * @param clock the clock
   * @param sleeper waits between polls (advances the fake clock)
   * @param listener hears the progress
   * @param timeouts the wait timeout per step kind
   * @param jobsDeadline how long a node group waits for its Jobs
   * @param pollInterval the time between polls
   */
  public record Setup(EksClient eks, ResourceStore cluster, Clock clock, Sleeper sleeper, ProgressListener listener,
      Map<StepKind, Duration> timeouts, Duration jobsDeadline, Duration pollInterval) {}

  /** An executor as built by a backend. */
  @FunctionalInterface
  public interface Executor {
    /** Runs the report's steps. */
    UpgradeResult run(UpgradeReport report);
  }

  /** The executor under test, built from {@code setup}; called once per run (a new process each time). */
  protected abstract Executor executor(Setup setup);

  /** Thrown by the crashing client after a call took effect: the process died there. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash(String message) {
      super(message, null, false, false);
    }
  }

  private FakeClock clock;
  private FakeEksClient eks;
  private InMemoryStore cluster;
  private final List<String> events = new ArrayList<>();
  private final Map<StepKind, Duration> timeouts = new EnumMap<>(StepKind.class);
  private Duration jobsDeadline;
  private Instant jobsEnd;

  @BeforeEach
  void world() {
    clock = FakeClock.at(START);
    eks = new FakeEksClient(clock);
    cluster = InMemoryStore.kubernetes().clock(clock);
    events.clear();
    timeouts.put(StepKind.UPGRADE_CONTROL_PLANE, Duration.ofMinutes(60));
    timeouts.put(StepKind.UPGRADE_ADDON, Duration.ofMinutes(45));
    timeouts.put(StepKind.UPGRADE_NODEGROUP, Duration.ofMinutes(120));
    jobsDeadline = Duration.ofHours(2);
    jobsEnd = null;
  }

  // --- the world: a 1.23 cluster with three add-ons and two node groups ---

  private void cluster123() {
    eks.addCluster(CLUSTER, "1.23")
        .addAddon(CLUSTER, "vpc-cni", "v1.11.4-eksbuild.1")
        .addAddon(CLUSTER, "coredns", "v1.8.7-eksbuild.3")
        .addAddon(CLUSTER, "kube-proxy", "v1.23.17-eksbuild.2")
        .addNodegroup(CLUSTER, "workers", "1.23")
        .addNodegroup(CLUSTER, "batch", "1.23");
  }

  private static final Map<String, Map<String, String>> ADDONS = Map.of(
      "1.24", Map.of("kube-proxy", "v1.24.17-eksbuild.4", "coredns", "v1.9.3-eksbuild.11"),
      "1.25", Map.of("kube-proxy", "v1.25.16-eksbuild.8"),
      "1.26", Map.of("kube-proxy", "v1.26.15-eksbuild.10", "vpc-cni", "v1.12.6-eksbuild.2"));

  /** The in-place report from {@code from} to {@code to}: per hop the control plane, add-ons, node groups. */
  static UpgradeReport report(String from, String to) {
    UpgradeReport.Builder b = UpgradeReport.builder().cluster(CLUSTER).currentVersion(KubernetesVersion.parse(from))
        .targetVersion(KubernetesVersion.parse(to)).strategy(Strategy.IN_PLACE);
    for (Hop hop : Hop.between(KubernetesVersion.parse(from), KubernetesVersion.parse(to))) {
      b.addHops(hop);
      b.addSteps(Step.builder().kind(StepKind.UPGRADE_CONTROL_PLANE).description("control plane to " + hop.to())
          .resource(ResourceRef.aws("Cluster", CLUSTER)).version(hop.to()).build());
      new java.util.TreeMap<>(ADDONS.getOrDefault(hop.to().toString(), Map.of())).forEach((addon, version) ->
          b.addSteps(Step.builder().kind(StepKind.UPGRADE_ADDON).description(addon + " to " + version)
              .resource(ResourceRef.aws("Addon", addon)).addOnVersion(version).build()));
      for (String group : List.of("workers", "batch")) {
        b.addSteps(Step.builder().kind(StepKind.UPGRADE_NODEGROUP).description("node group " + group + " to " + hop.to())
            .resource(ResourceRef.aws("NodeGroup", CLUSTER + "/" + group)).version(hop.to()).build());
      }
    }
    return b.build();
  }

  private UpgradeResult run(UpgradeReport report) {
    return run(report, eks);
  }

  private UpgradeResult run(UpgradeReport report, EksClient client) {
    return executor(new Setup(client, cluster, clock, sleeper(), listener(), Map.copyOf(timeouts), jobsDeadline, POLL))
        .run(report);
  }

  // advances the fake clock; the Jobs of the cluster end when it passes jobsEnd
  private Sleeper sleeper() {
    return d -> {
      clock.advance(d);
      if (jobsEnd != null && !clock.instant().isBefore(jobsEnd)) {
        finishJobs();
      }
    };
  }

  private ProgressListener listener() {
    return new ProgressListener() {
      @Override
      public void starting(Change change) {
        events.add("starting " + change.target().name() + " " + change.diff());
      }

      @Override
      public void finished(Change change) {
        events.add("finished " + change.target().name());
      }

      @Override
      public void progress(String message) {
        events.add("progress " + message);
      }

      @Override
      public void waiting(String subject, String status, Duration elapsed, Duration timeout) {
        events.add("waiting " + subject + ": " + status);
      }
    };
  }

  private Map<String, String> versions() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("cluster", eks.clusterVersion(CLUSTER));
    for (String a : List.of("vpc-cni", "coredns", "kube-proxy")) {
      v.put(a, eks.addonVersion(CLUSTER, a));
    }
    for (String g : List.of("workers", "batch")) {
      v.put(g, eks.nodegroupVersion(CLUSTER, g));
    }
    return v;
  }

  private Map<String, Integer> updates() {
    Map<String, Integer> u = new LinkedHashMap<>();
    for (String op : List.of(FakeEksClient.UPDATE_CLUSTER_VERSION, FakeEksClient.UPDATE_ADDON, FakeEksClient.UPDATE_NODEGROUP_VERSION)) {
      u.put(op, eks.calls(op));
    }
    return u;
  }

  private static Map<String, Integer> updates(int cluster, int addon, int nodegroup) {
    Map<String, Integer> u = new LinkedHashMap<>();
    u.put(FakeEksClient.UPDATE_CLUSTER_VERSION, cluster);
    u.put(FakeEksClient.UPDATE_ADDON, addon);
    u.put(FakeEksClient.UPDATE_NODEGROUP_VERSION, nodegroup);
    return u;
  }

  private static final Map<String, String> AT_126 = Map.of("cluster", "1.26", "vpc-cni", "v1.12.6-eksbuild.2",
      "coredns", "v1.9.3-eksbuild.11", "kube-proxy", "v1.26.15-eksbuild.10", "workers", "1.26", "batch", "1.26");

  /**
   * An EKS client that behaves as {@code delegate} until its {@code after}-th call of {@code operation}
   * (any operation when null) has been made, then throws {@link Crash}: the call reached EKS, its answer
   * never reached the process.
   */
  static EksClient crashing(EksClient delegate, String operation, int after) {
    AtomicInteger seen = new AtomicInteger();
    return (EksClient) Proxy.newProxyInstance(EksClient.class.getClassLoader(), new Class<?>[] {EksClient.class},
        (proxy, method, args) -> {
          Object out;
          try {
            out = method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          String op = Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
          if (!Set.of("serviceName", "close", "toString", "hashCode", "equals").contains(method.getName())
              && (operation == null || operation.equals(op)) && seen.incrementAndGet() == after) {
            throw new Crash("crashed after call " + after + " of " + (operation == null ? "any operation" : operation)
                + " (" + op + ")");
          }
          return out;
        });
  }

  // --- properties ---

  @Test
  void runsEveryHopInOrderAndWaitsForEachUpdate() {
    cluster123();

    UpgradeResult result = run(report("1.23", "1.26"));

    assertThat(result.completed()).as(result.render()).isTrue();
    assertThat(result.withOutcome(Outcome.DONE)).hasSize(result.steps().size());
    assertThat(versions()).isEqualTo(AT_126);
    assertThat(updates()).isEqualTo(updates(3, 5, 6));
    // every update is announced, then finished before the next one starts; waits are reported on the way
    List<String> order = events.stream().filter(e -> e.startsWith("starting") || e.startsWith("finished"))
        .map(e -> e.split(" ")[0] + " " + e.split(" ")[1]).toList();
    assertThat(order).startsWith("starting shop-prod", "finished shop-prod", "starting shop-prod/coredns",
        "finished shop-prod/coredns", "starting shop-prod/kube-proxy", "finished shop-prod/kube-proxy",
        "starting shop-prod/workers", "finished shop-prod/workers", "starting shop-prod/batch", "finished shop-prod/batch",
        "starting shop-prod", "finished shop-prod");
    assertThat(order).hasSize(2 * 14);
    assertThat(events).anyMatch(e -> e.startsWith("waiting control plane of shop-prod to reach 1.24: UPDATING"));
    assertThat(events).anyMatch(e -> e.startsWith("waiting node group batch of shop-prod to reach 1.26: UPDATING"));
    assertThat(result.elapsed()).isEqualTo(Duration.between(START, clock.instant()));
  }

  @Test
  void aSecondRunOfAFinishedUpgradeSkipsEveryStepAndWritesNothing() {
    cluster123();
    run(report("1.23", "1.26"));
    int writes = eks.writeCalls();
    events.clear();

    UpgradeResult again = run(report("1.23", "1.26"));

    assertThat(again.withOutcome(Outcome.SKIPPED)).hasSize(again.steps().size());
    assertThat(again.completed()).isTrue();
    assertThat(eks.writeCalls()).isEqualTo(writes);
    assertThat(events).noneMatch(e -> e.startsWith("starting")).anyMatch(e -> e.startsWith("progress skipped"));
  }

  @Test
  void aCrashAfterUpdateClusterVersionWasSentIsResumedByWaitingForIt() {
    cluster123();

    assertThatThrownBy(() -> run(report("1.23", "1.24"), crashing(eks, FakeEksClient.UPDATE_CLUSTER_VERSION, 1)))
        .isInstanceOf(Crash.class);
    assertThat(eks.clusterVersion(CLUSTER)).isEqualTo("1.23"); // still UPDATING
    UpgradeResult result = run(report("1.23", "1.24"));

    assertThat(result.completed()).isTrue();
    assertThat(result.steps().get(0).outcome()).isEqualTo(Outcome.DONE);
    assertThat(result.steps().get(0).detail()).contains("in progress");
    assertThat(eks.calls(FakeEksClient.UPDATE_CLUSTER_VERSION)).as("UpdateClusterVersion sent once").isEqualTo(1);
    assertThat(eks.clusterVersion(CLUSTER)).isEqualTo("1.24");
  }

  @Test
  void aCrashBetweenTwoAddOnUpdatesIsResumedWithoutRepeatingTheFirst() {
    cluster123();

    assertThatThrownBy(() -> run(report("1.23", "1.24"), crashing(eks, FakeEksClient.UPDATE_ADDON, 1)))
        .isInstanceOf(Crash.class);
    clock.advance(Duration.ofHours(1)); // the first add-on update has ended meanwhile
    UpgradeResult result = run(report("1.23", "1.24"));

    assertThat(result.completed()).isTrue();
    assertThat(result.steps().get(0).outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(result.steps().get(1).outcome()).as("coredns, updated before the crash").isEqualTo(Outcome.SKIPPED);
    assertThat(result.steps().get(2).outcome()).as("kube-proxy").isEqualTo(Outcome.DONE);
    assertThat(updates()).isEqualTo(updates(1, 2, 2));
  }

  @Test
  void aCrashBetweenTwoNodeGroupUpdatesIsResumedWithoutRepeatingTheFirst() {
    cluster123();

    assertThatThrownBy(() -> run(report("1.23", "1.24"), crashing(eks, FakeEksClient.UPDATE_NODEGROUP_VERSION, 1)))
        .isInstanceOf(Crash.class);
    UpgradeResult result = run(report("1.23", "1.24"));

    assertThat(result.completed()).isTrue();
    assertThat(result.steps().get(3).outcome()).as("workers, still UPDATING when resumed").isEqualTo(Outcome.DONE);
    assertThat(updates()).isEqualTo(updates(1, 2, 2));
    assertThat(eks.nodegroupVersion(CLUSTER, "workers")).isEqualTo("1.24");
    assertThat(eks.nodegroupVersion(CLUSTER, "batch")).isEqualTo("1.24");
  }

  @Test
  void aCrashAfterAnyCallIsResumedByTheNextRunWithEachUpdateSentOnce() {
    // an uninterrupted run, to count its calls
    cluster123();
    run(report("1.23", "1.26"));
    int calls = eks.callCounts().values().stream().mapToInt(Integer::intValue).sum();
    for (int k = 1; k <= calls; k++) {
      world();
      cluster123();
      int at = k;
      assertThatThrownBy(() -> run(report("1.23", "1.26"), crashing(eks, null, at))).as("crash after call " + k)
          .isInstanceOf(Crash.class);

      UpgradeResult result = run(report("1.23", "1.26"));

      assertThat(result.completed()).as("crash after call " + k + ":\n" + result.render()).isTrue();
      assertThat(versions()).as("crash after call " + k).isEqualTo(AT_126);
      assertThat(updates()).as("crash after call " + k + ": updates sent").isEqualTo(updates(3, 5, 6));
    }
  }

  @Test
  void aNodeGroupWaitsForTheJobsOnItsNodesThenIsUpdated() {
    cluster123();
    node("ip-10-0-1-1", "batch");
    node("ip-10-0-2-1", "workers");
    pod("reports", "nightly-x7k2p", "ip-10-0-1-1", "Running", Map.of("batch.kubernetes.io/job-name", "nightly"));
    pod("reports", "web-1", "ip-10-0-1-1", "Running", Map.of("app", "web")); // no Job's: not waited for
    node("ip-10-0-3-1", "spot");
    pod("reports", "etl-abc", "ip-10-0-3-1", "Running", Map.of("job-name", "etl")); // on another node group
    jobsEnd = START.plus(Duration.ofMinutes(90));

    UpgradeResult result = run(report("1.23", "1.24"));

    assertThat(result.completed()).as(result.render()).isTrue();
    assertThat(events).anyMatch(e -> e.startsWith("waiting Jobs running on the nodes of node group batch to finish: 1 Job pod running: reports/nightly-x7k2p"));
    assertThat(events).noneMatch(e -> e.contains("etl-abc") || e.contains("web-1"));
    int gate = lastIndex("waiting Jobs running on the nodes of node group batch");
    assertThat(lastIndex("starting shop-prod/batch")).isGreaterThan(gate);
    assertThat(clock.instant()).isAfter(jobsEnd);
    assertThat(eks.nodegroupVersion(CLUSTER, "batch")).isEqualTo("1.24");
  }

  @Test
  void aNodeGroupWhoseJobsOutlastTheDeadlineStopsTheRunAndSaysWhy() {
    cluster123();
    node("ip-10-0-1-1", "batch");
    pod("reports", "nightly-x7k2p", "ip-10-0-1-1", "Pending", Map.of("job-name", "nightly"));
    jobsDeadline = Duration.ofMinutes(30);
    UpgradeReport report = report("1.23", "1.25");

    UpgradeResult result = run(report);

    assertThat(result.completed()).isFalse();
    UpgradeResult.StepResult stopped = result.stopped().orElseThrow();
    assertThat(stopped.step().description()).isEqualTo("node group batch to 1.24");
    assertThat(stopped.detail()).contains("reports/nightly-x7k2p");
    int at = result.steps().indexOf(stopped);
    assertThat(result.steps().subList(at + 1, result.steps().size())).allMatch(s -> s.outcome() == Outcome.NOT_RUN);
    assertThat(eks.nodegroupVersion(CLUSTER, "batch")).isEqualTo("1.23");
    assertThat(updates()).isEqualTo(updates(1, 2, 1));
    assertThat(events).anyMatch(e -> e.startsWith("progress stopped: node group batch to 1.24"));

    // the Job has finished: the next run goes on from there
    finishJobs();
    UpgradeResult resumed = run(report);
    assertThat(resumed.completed()).isTrue();
    assertThat(eks.clusterVersion(CLUSTER)).isEqualTo("1.25");
    assertThat(updates()).isEqualTo(updates(2, 3, 4));
  }

  @Test
  void anUpdateOutlastingItsTimeoutIsAWaitTimeoutAfterProgressEventsAndIsResumed() {
    cluster123();
    eks.addonUpdateDuration("coredns", Duration.ofMinutes(25)); // a slow add-on, as VPC CNI has been
    timeouts.put(StepKind.UPGRADE_ADDON, Duration.ofMinutes(20));

    assertThatThrownBy(() -> run(report("1.23", "1.24")))
        .isInstanceOfSatisfying(WaitTimeoutException.class, e -> {
          assertThat(e.subject()).contains("coredns");
          assertThat(e.lastStatus()).contains("UPDATING");
          assertThat(e.timeout()).isEqualTo(Duration.ofMinutes(20));
        });
    assertThat(events.stream().filter(e -> e.startsWith("waiting add-on coredns"))).hasSizeGreaterThanOrEqualTo(20);

    timeouts.put(StepKind.UPGRADE_ADDON, Duration.ofMinutes(45));
    UpgradeResult result = run(report("1.23", "1.24"));
    assertThat(result.completed()).isTrue();
    assertThat(updates()).isEqualTo(updates(1, 2, 2));
  }

  @Test
  void aControlPlaneStepMoreThanOneMinorAheadIsRefusedBeforeAnyUpdate() {
    eks.addCluster(CLUSTER, "1.23").addAddon(CLUSTER, "vpc-cni", "v1.11.4-eksbuild.1")
        .addAddon(CLUSTER, "coredns", "v1.8.7-eksbuild.3").addAddon(CLUSTER, "kube-proxy", "v1.23.17-eksbuild.2")
        .addNodegroup(CLUSTER, "workers", "1.23").addNodegroup(CLUSTER, "batch", "1.23");

    // planned from a stale inventory: the cluster is at 1.23, not 1.24
    assertThatThrownBy(() -> run(report("1.24", "1.25")))
        .isInstanceOf(PlatformException.class).hasMessageContaining("one minor version at a time");
    assertThat(eks.writeCalls()).isZero();
  }

  @Test
  void aNodeGroupStepAheadOfTheControlPlaneIsRefused() {
    cluster123();
    UpgradeReport report = report("1.23", "1.24");
    List<Step> nodeGroupsFirst = new ArrayList<>(report.steps().subList(3, 5));
    UpgradeReport reordered = report.withSteps(nodeGroupsFirst);

    assertThatThrownBy(() -> run(reordered)).isInstanceOf(PlatformException.class)
        .hasMessageContaining("never newer than its control plane");
    assertThat(eks.writeCalls()).isZero();
  }

  @Test
  void anUpdateEksReportsFailedIsAnErrorAndTheNextRunTriesAgain() {
    cluster123();
    eks.failNextUpdate(FakeEksClient.UPDATE_NODEGROUP_VERSION);

    assertThatThrownBy(() -> run(report("1.23", "1.24"))).isInstanceOf(PlatformException.class)
        .hasMessageContaining("node group workers").hasMessageContaining("Failed");
    UpgradeResult result = run(report("1.23", "1.24"));

    assertThat(result.completed()).isTrue();
    assertThat(updates()).isEqualTo(updates(1, 2, 3));
  }

  @Test
  void anUpdateSomeoneElseStartedIsWaitedForInsteadOfStartingAnother() {
    cluster123();
    eks.updateClusterVersion(r -> r.name(CLUSTER).version("1.24"));

    UpgradeResult result = run(report("1.23", "1.24"));

    assertThat(result.completed()).isTrue();
    assertThat(eks.calls(FakeEksClient.UPDATE_CLUSTER_VERSION)).isEqualTo(1);
    assertThat(events).anyMatch(e -> e.startsWith("progress control plane of shop-prod is UPDATING"));
  }

  @Test
  void throttlingWhileWaitingIsOneMorePoll() {
    cluster123();
    eks.throttleNext(FakeEksClient.DESCRIBE_CLUSTER, 3);

    UpgradeResult result = run(report("1.23", "1.24"));

    assertThat(result.completed()).isTrue();
    assertThat(updates()).isEqualTo(updates(1, 2, 2));
  }

  @Test
  void reportsItCannotRunAreRefusedBeforeAnyCall() {
    cluster123();
    UpgradeReport report = report("1.23", "1.24");
    UpgradeReport noVersion = report.withSteps(Step.builder().kind(StepKind.UPGRADE_ADDON).description("coredns")
        .resource(ResourceRef.aws("Addon", "coredns")).build());
    UpgradeReport blocked = report.withFindings(Finding.builder().severity(Severity.BLOCKER).code("REMOVED_API")
        .message("PodSecurityPolicy is removed in 1.25").build());
    UpgradeReport blueGreen = report.withStrategy(Strategy.BLUE_GREEN)
        .withSteps(Step.builder().kind(StepKind.SHIFT_TRAFFIC).description("10%").percent(10).build());
    eks.resetCalls();

    assertThatThrownBy(() -> run(noVersion)).isInstanceOf(ValidationException.class).hasMessageContaining("steps[0].addOnVersion");
    assertThatThrownBy(() -> run(blocked)).isInstanceOf(ValidationException.class).hasMessageContaining("REMOVED_API");
    // a blue-green report needs the sites whose traffic moves, and the new cluster its create-cluster step names
    assertThatThrownBy(() -> run(blueGreen)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("sites").hasMessageContaining("create-cluster");
    assertThat(eks.callCounts()).isEmpty();
  }

  // --- the cluster's Kubernetes objects ---

  private static final Kind NAMESPACE = Kind.kubernetes("v1", "Namespace", "namespaces", false);
  private static final Kind NODE = Kind.kubernetes("v1", "Node", "nodes", false);
  private static final Kind POD = Kind.kubernetes("v1", "Pod", "pods", true, "spec", "status");

  private void node(String name, String nodegroup) {
    cluster.create(NODE, Resource.desired(ResourceRef.kubernetes("Node", name),
        Map.of("eks.amazonaws.com/nodegroup", nodegroup), Map.of(), Map.of()));
  }

  private void pod(String namespace, String name, String node, String phase, Map<String, String> labels) {
    if (cluster.get(NAMESPACE, ResourceRef.kubernetes("Namespace", namespace)).isEmpty()) {
      cluster.create(NAMESPACE, Resource.desired(ResourceRef.kubernetes("Namespace", namespace), Map.of(), Map.of(), Map.of()));
    }
    cluster.create(POD, Resource.desired(ResourceRef.kubernetes("Pod", namespace, name), labels, Map.of(),
        Map.of("spec", Map.of("nodeName", node), "status", Map.of("phase", phase))));
  }

  private void finishJobs() {
    for (Resource pod : cluster.list(POD, Map.of())) {
      if (!"Succeeded".equals(((Map<?, ?>) pod.body().get("status")).get("phase"))) {
        cluster.update(POD, pod, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
            Map.of("status", Map.of("phase", "Succeeded"))));
      }
    }
  }

  private int lastIndex(String prefix) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
