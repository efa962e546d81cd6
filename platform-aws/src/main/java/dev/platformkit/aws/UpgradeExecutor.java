package dev.platformkit.aws;

import dev.platformkit.ApplyResult;
import dev.platformkit.BackendException;
import dev.platformkit.Change;
import dev.platformkit.FieldDiff;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.ResourceRef;
import dev.platformkit.RetryPolicy;
import dev.platformkit.Sleeper;
import dev.platformkit.WaitTimeoutException;
import dev.platformkit.aws.internal.Cutover;
import dev.platformkit.aws.internal.EksVersionStore;
import dev.platformkit.internal.Checks;
import dev.platformkit.internal.Reconciler;
import dev.platformkit.internal.Wait;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.site.Site;
import dev.platformkit.site.Sites;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.upgrade.HealthGate;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.Step;
import dev.platformkit.upgrade.StepKind;
import dev.platformkit.upgrade.UpgradeReport;
import dev.platformkit.upgrade.UpgradeResult;
import dev.platformkit.upgrade.UpgradeResult.Outcome;
import dev.platformkit.upgrade.UpgradeResult.StepResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * Runs the in-place steps of an {@link UpgradeReport} on EKS, hop by hop, in the report's order: a
 * control plane step is {@code UpdateClusterVersion} and a wait, an add-on step {@code UpdateAddon} to the
 * step's {@link Step#addOnVersion()} and a wait, a node group step {@code UpdateNodegroupVersion} and a
 * wait — after the Jobs running on the node group's nodes have finished, so that replacing the nodes kills
 * no batch run.
 *
 * <pre>{@code
 * UpgradeExecutor executor = UpgradeExecutor.builder()
 *     .eks(eksClient)
 *     .cluster(KubernetesBackend.create(kubernetesClient))   // for the Jobs gate
 *     .timeout(StepKind.UPGRADE_ADDON, Duration.ofMinutes(45))
 *     .jobsDeadline(Duration.ofHours(3))
 *     .listener(progress)
 *     .build();
 * UpgradeResult result = executor.run(report);
 * if (!result.completed()) {
 *   System.err.println(result.render());   // which step stopped, and why
 * }
 * }</pre>
 *
 * <p><b>Resumable.</b> Nothing is remembered between runs: before every step the executor reads the real
 * state, so running it again after a crash, a timeout or a stop continues where things are. A step whose
 * object is at its version already (or newer) is skipped; an object with an update in progress (the
 * earlier run's, or anyone's) is waited for instead of updated again. So no finished update is ever
 * repeated, and a run of an upgrade that is done writes nothing.
 *
 * <p><b>Waits</b> poll the object every {@link Builder#pollInterval poll interval} on the clock and sleeper
 * given (tests move a fake clock), report every poll to the listener
 * ({@link ProgressListener#waiting}), and end with a {@link WaitTimeoutException} after the step kind's
 * {@link Builder#timeout timeout} (defaults: control plane {@value #CONTROL_PLANE_MINUTES} minutes,
 * add-ons {@value #ADDON_MINUTES} — VPC CNI updates have taken more than 20 — and node groups
 * {@value #NODEGROUP_MINUTES}). What was started keeps running on EKS; run again to resume. An update
 * that EKS reports {@code Failed} is a {@link PlatformException} naming EKS's errors.
 *
 * <p><b>Jobs gate.</b> With a {@link Builder#cluster(ResourceStore) cluster store}, before a node group's
 * version update the executor waits until no Pod of a Job is {@code Pending} or {@code Running} on the
 * group's nodes (Nodes labelled {@code eks.amazonaws.com/nodegroup=<name>}). A Job's Pods are recognised by
 * the labels the Job controller sets on them ({@code batch.kubernetes.io/job-name}, {@code job-name},
 * {@code batch.kubernetes.io/controller-uid}, {@code controller-uid}). When the
 * {@link Builder#jobsDeadline jobs deadline} passes first, the run stops there: the step is
 * {@link Outcome#STOPPED} with the Pods still running, the later steps {@link Outcome#NOT_RUN}, and nothing
 * of that node group is changed. Without a cluster store the gate is left out and the listener is told so.
 *
 * <p><b>Progress.</b> Each update is announced with {@link ProgressListener#starting} before it is sent and
 * {@link ProgressListener#finished} once EKS reports it in place (a {@link Change} of the object's
 * {@code version}); skips, waits for updates in progress and the Jobs gate are {@link ProgressListener#progress}
 * messages; writes retried after throttling are {@link ProgressListener#retrying}.
 *
 * <p><b>Not run here.</b> {@code migrate-api} steps are reported {@link Outcome#SKIPPED}: rewriting
 * manifests is for their owners (and their Git repositories), before the hop that removes the API. A
 * report with blockers is refused before anything is done.
 *
 * <p><b>Blue-green.</b> The new cluster is made by the tool that makes your clusters, so a
 * {@code create-cluster} step checks that it exists at the target version (and stops, saying so, until it
 * does); its add-on steps update add-ons installed there (an add-on missing stops the run). A
 * {@code sync-workloads} step checks that every site given to {@link Builder#sites} runs on both clusters
 * with weighted records — set identifiers the clusters' names unless {@link Builder#setIdentifiers} says
 * otherwise — and is Synced, Healthy and load balanced on the new one. Each {@code shift-traffic} step then
 * moves its share of traffic to the new cluster through {@link Sites#shift} (the Route53 code of sites: one
 * change batch per zone, never every weight 0) and holds it for the step's dwell, polling the health gate —
 * the sites' Applications on the new cluster and your {@link Builder#healthGate} — every poll interval; when
 * the gate fails, all traffic goes back to the old cluster and the run stops there. {@code delete-cluster} is
 * never run: it is reported {@link Outcome#SKIPPED} with what to do. Like the rest, the cutover reads the
 * weights Route53 has before each step: a step already passed is skipped, the step the weights are at is
 * held again.
 *
 * <p>The executor goes through the platform's engine: a version is a field platformkit sets on an object it
 * does not own (as a schedule sets a replica count), written by the engine's reconciler — with its
 * retries of throttling and conflicts — through an internal store of cluster, add-on and node group
 * versions, and waited for with the platform's {@code Wait}. The client stays yours to close; build it
 * without SDK retries, or give {@link Builder#retryPolicy RetryPolicy.NONE} (see {@link AwsBackend}).
 */
public final class UpgradeExecutor {
  /** The default timeout of a control plane update, in minutes. */
  public static final long CONTROL_PLANE_MINUTES = 60;
  /** The default timeout of an add-on update, in minutes. */
  public static final long ADDON_MINUTES = 45;
  /** The default timeout of a node group update, in minutes. */
  public static final long NODEGROUP_MINUTES = 120;
  /** The default deadline of the Jobs gate: how long a node group waits for its Jobs. */
  public static final Duration DEFAULT_JOBS_DEADLINE = Duration.ofHours(2);
  /** The default time between two polls of a wait. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);

  /** The label EKS puts on the nodes of a managed node group. */
  public static final String NODEGROUP_LABEL = "eks.amazonaws.com/nodegroup";

  private static final Kind NODE = Kind.kubernetes("v1", "Node", "nodes", false);
  private static final Kind POD = Kind.kubernetes("v1", "Pod", "pods", true, "spec", "status");
  private static final List<String> JOB_LABELS = List.of("batch.kubernetes.io/job-name", "job-name",
      "batch.kubernetes.io/controller-uid", "controller-uid");
  private static final Set<StepKind> BLUE_GREEN = Set.of(StepKind.CREATE_CLUSTER, StepKind.SYNC_WORKLOADS,
      StepKind.SHIFT_TRAFFIC, StepKind.DELETE_CLUSTER);
  private static final int DECISIONS = 3;

  private final EksVersionStore versions;
  private final ResourceStore cluster;
  private final Clock clock;
  private final ProgressListener listener;
  private final Map<StepKind, Duration> timeouts;
  private final Duration jobsDeadline;
  private final Duration pollInterval;
  private final Wait wait;
  private final Reconciler reconciler;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final java.util.Random random = new java.util.Random();
  private final Sites sites;
  private final List<Site> toMove;
  private final HealthGate healthGate;
  private final String blueIdentifier;
  private final String greenIdentifier;

  private UpgradeExecutor(Builder b) {
    this.sites = b.sites;
    this.toMove = List.copyOf(b.toMove);
    this.healthGate = b.healthGate;
    this.blueIdentifier = b.blueIdentifier;
    this.greenIdentifier = b.greenIdentifier;
    this.versions = new EksVersionStore(b.eks);
    this.cluster = b.cluster;
    this.clock = b.clock;
    this.listener = b.listener;
    this.timeouts = Map.copyOf(b.timeouts);
    this.jobsDeadline = b.jobsDeadline;
    this.pollInterval = b.pollInterval;
    this.wait = new Wait(b.clock, b.sleeper, b.listener);
    this.retryPolicy = b.retryPolicy;
    this.sleeper = b.sleeper;
    this.reconciler = new Reconciler(Map.of(ResourceRef.AWS, versions), b.retryPolicy, b.sleeper, b.clock, random);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the report's steps in order, from the real state, and says what became of each.
   *
   * @return one result per step; {@link UpgradeResult#completed()} unless the Jobs gate stopped the run
   * @throws dev.platformkit.ValidationException before anything is done, when the report has blockers,
   *     blue/green steps, or steps that lack what the executor needs (naming {@code steps[i]...})
   * @throws WaitTimeoutException when an update did not end within its timeout; run again to resume
   * @throws PlatformException when EKS refused an update or reported it failed, or a step cannot be run on
   *     the real state (a control plane more than one minor below the step, a node group step ahead of the
   *     control plane, a missing add-on or node group); the steps before it are done
   */
  public UpgradeResult run(UpgradeReport report) {
    check(report);
    Instant start = clock.instant();
    List<StepResult> results = new ArrayList<>();
    StepResult stop = null;
    for (int i = 0; i < report.steps().size(); i++) {
      Step step = report.steps().get(i);
      if (stop != null) {
        results.add(new StepResult(step, Outcome.NOT_RUN, "the run stopped at: " + stop.step().description()));
        continue;
      }
      StepResult r = switch (step.kind()) {
        case UPGRADE_CONTROL_PLANE -> controlPlane(report.cluster(), step);
        case UPGRADE_ADDON -> addOn(clusterOf(step, report.cluster()), step);
        case UPGRADE_NODEGROUP -> nodeGroup(report.cluster(), step);
        case MIGRATE_API -> skipped(step, "not run by the executor: rewrite these objects to the replacement API "
            + "before the hop that removes it");
        case CREATE_CLUSTER -> newCluster(step);
        case SYNC_WORKLOADS -> cutover(report).synced(step);
        case SHIFT_TRAFFIC -> cutover(report).shift(step);
        case DELETE_CLUSTER -> skipped(step, "not run by the executor: once you are satisfied with " + greenOf(report)
            + ", delete the sites on " + report.cluster() + " (Sites.delete there removes its records and Applications and"
            + " keeps what " + greenOf(report) + " uses), then the cluster with the tool that made it");
      };
      if (r.outcome() == Outcome.STOPPED) {
        stop = r;
      }
      results.add(r);
    }
    return new UpgradeResult(report.cluster(), results, Duration.between(start, clock.instant()));
  }

  private void check(UpgradeReport report) {
    Checks c = new Checks("UpgradeReport " + report.cluster());
    if (report.hasBlockers()) {
      c.add("findings", "the report has blockers; resolve them and plan again: " + report.blockers().stream()
          .map(f -> f.code() + " " + f.message()).collect(Collectors.joining("; ")));
    }
    boolean traffic = report.steps().stream().anyMatch(s -> s.kind() == StepKind.SHIFT_TRAFFIC || s.kind() == StepKind.SYNC_WORKLOADS);
    if (traffic && sites == null) {
      c.add("sites", "a blue-green report moves the traffic of sites: give them with Builder.sites(greenPlatform.sites(), sites)");
    }
    if (report.steps().stream().anyMatch(s -> BLUE_GREEN.contains(s.kind())) && greenOf(report) == null) {
      c.add("steps", "a blue-green report needs its create-cluster step, naming the new cluster");
    }
    for (int i = 0; i < report.steps().size(); i++) {
      Step s = report.steps().get(i);
      String p = "steps[" + i + "]";
      if (s.kind() == StepKind.SHIFT_TRAFFIC && s.percent().filter(x -> x >= 1 && x <= 100).isEmpty()) {
        c.add(p + ".percent", "is required to run a shift-traffic step: 1 to 100, the share of traffic on the new cluster");
      }
      if (s.kind() == StepKind.UPGRADE_ADDON) {
        if (s.addOnVersion().isEmpty()) {
          c.add(p + ".addOnVersion", "is required to run an upgrade-addon step: the version to install");
        }
        name(c, p, s, clusterOf(s, report.cluster()));
      }
      if (s.kind() == StepKind.UPGRADE_NODEGROUP) {
        name(c, p, s, report.cluster());
      }
    }
    c.throwIfAny();
  }

  // the add-on or node group a step names: resource name "<name>" or "<cluster>/<name>"
  private static String name(Checks c, String p, Step s, String cluster) {
    if (s.resource().isEmpty()) {
      c.add(p + ".resource", "is required to run a " + s.kind().value() + " step: the " + thing(s.kind()) + " it updates");
      return null;
    }
    String name = s.resource().get().name();
    int slash = name.indexOf('/');
    if (slash >= 0) {
      if (!name.substring(0, slash).equals(cluster)) {
        c.add(p + ".resource", name + " is not in cluster " + cluster);
      }
      name = name.substring(slash + 1);
    }
    if (name.isBlank()) {
      c.add(p + ".resource", "names no " + thing(s.kind()));
    }
    return name;
  }

  private static String nameOf(Step s, String cluster) {
    return name(new Checks("step"), "", s, cluster);
  }

  private static String thing(StepKind kind) {
    return kind == StepKind.UPGRADE_ADDON ? "add-on" : "node group";
  }

  // an add-on step of a blue-green report is for the new cluster: its resource's scope
  private static String clusterOf(Step s, String cluster) {
    return s.resource().map(ResourceRef::scope).filter(x -> !x.isEmpty()).orElse(cluster);
  }

  // the new cluster of a blue-green report: the one its create-cluster step names
  private static String greenOf(UpgradeReport report) {
    return report.steps().stream().filter(s -> s.kind() == StepKind.CREATE_CLUSTER).findFirst()
        .flatMap(Step::resource).map(ResourceRef::name).orElse(null);
  }

  private Cutover cutover(UpgradeReport report) {
    String green = greenOf(report);
    return new Cutover(sites, toMove, blueIdentifier == null ? report.cluster() : blueIdentifier,
        greenIdentifier == null ? green : greenIdentifier, healthGate, clock, sleeper, listener, pollInterval);
  }

  // the new cluster is made by the tool that makes clusters (it needs a VPC, roles, node groups): checked here
  private StepResult newCluster(Step step) {
    String name = step.resource().orElseThrow().name();
    KubernetesVersion target = step.version().orElseThrow().toMinor();
    Target t = new Target(EksVersionStore.CLUSTER, EksVersionStore.cluster(name), target.toString(), "cluster " + name);
    Optional<Resource> now = versions.get(t.kind(), t.ref());
    if (now.isEmpty()) {
      return stopped(step, "cluster " + name + " does not exist: create it at " + target + " (with the tool that makes your"
          + " clusters: it needs a VPC, roles and node groups), install Argo CD and the AWS Load Balancer Controller on it,"
          + " then run again");
    }
    Resource live = now.get();
    if (EksVersionStore.busy(live.body().get("status"))) {
      live = settled(t, timeouts.get(StepKind.UPGRADE_CONTROL_PLANE));
    }
    String version = String.valueOf(live.body().get("version"));
    if (KubernetesVersion.parse(version).toMinor().isBefore(target)) {
      return stopped(step, "cluster " + name + " is at " + version + ", not " + target + ": create it at " + target
          + " or upgrade it, then run again");
    }
    return skipped(step, "cluster " + name + " exists at " + version);
  }

  private StepResult stopped(Step step, String detail) {
    listener.progress("stopped: " + step.description() + " (" + detail + ")");
    return new StepResult(step, Outcome.STOPPED, detail);
  }

  // --- the three kinds of steps ---

  private StepResult controlPlane(String name, Step step) {
    KubernetesVersion target = step.version().orElseThrow().toMinor();
    Target t = new Target(EksVersionStore.CLUSTER, EksVersionStore.cluster(name), target.toString(),
        "control plane of " + name);
    return version(step, t, v -> !KubernetesVersion.parse(v).toMinor().isBefore(target), current -> {
      KubernetesVersion now = KubernetesVersion.parse(current).toMinor();
      if (!now.nextMinor().equals(target)) {
        throw new PlatformException(step.description() + ": the control plane of " + name + " is at " + now
            + ", and EKS updates it one minor version at a time: " + now + " -> " + target + " is not one hop");
      }
    }, () -> Optional.empty());
  }

  private StepResult addOn(String clusterName, Step step) {
    String addon = nameOf(step, clusterName);
    if (versions.get(EksVersionStore.ADDON, EksVersionStore.addon(clusterName, addon)).isEmpty()) {
      // the executor updates add-ons; installing one (on a new cluster) is for the cluster's tooling
      return stopped(step, "add-on " + addon + " is not installed on " + clusterName + ": install it at "
          + step.addOnVersion().orElseThrow() + " (aws eks create-addon --cluster-name " + clusterName + " --addon-name " + addon
          + " --addon-version " + step.addOnVersion().orElseThrow() + ") and run again");
    }
    String target = step.addOnVersion().orElseThrow();
    Target t = new Target(EksVersionStore.ADDON, EksVersionStore.addon(clusterName, addon), target,
        "add-on " + addon + " of " + clusterName);
    return version(step, t, v -> AddOnVersions.compare(v, target) >= 0, current -> {}, Optional::empty);
  }

  private StepResult nodeGroup(String clusterName, Step step) {
    String group = nodeGroupName(step, clusterName);
    KubernetesVersion target = step.version().orElseThrow().toMinor();
    Target t = new Target(EksVersionStore.NODEGROUP, EksVersionStore.nodegroup(clusterName, group), target.toString(),
        "node group " + group + " of " + clusterName);
    return version(step, t, v -> !KubernetesVersion.parse(v).toMinor().isBefore(target), current -> {
      Resource cp = read(new Target(EksVersionStore.CLUSTER, EksVersionStore.cluster(clusterName), "", "cluster " + clusterName));
      KubernetesVersion controlPlane = KubernetesVersion.parse(String.valueOf(cp.body().get("version"))).toMinor();
      if (controlPlane.isBefore(target)) {
        throw new PlatformException(step.description() + ": the control plane of " + clusterName + " is at "
            + controlPlane + "; a node group is never newer than its control plane, so it cannot go to " + target);
      }
    }, () -> jobsGate(step, group));
  }

  private static String nodeGroupName(Step step, String cluster) {
    return nameOf(step, cluster);
  }

  private record Target(Kind kind, ResourceRef ref, String version, String what) {}

  /**
   * One version step: decide on the real state (wait for an update in progress first), skip what is there,
   * check what cannot be done, pass the gate, write through the engine, wait until EKS has it.
   */
  private StepResult version(Step step, Target t, Predicate<String> reached, java.util.function.Consumer<String> refuse,
      java.util.function.Supplier<Optional<StepResult>> gate) {
    Duration timeout = timeouts.get(step.kind());
    boolean waitedForAnother = false;
    for (int decision = 1; ; decision++) {
      Resource now = read(t);
      if (EksVersionStore.busy(now.body().get("status"))) {
        listener.progress(t.what() + " is " + now.body().get("status") + " (an update is in progress): waiting for it"
            + " before deciding what to do");
        now = settled(t, timeout);
        waitedForAnother = true;
      }
      String current = String.valueOf(now.body().get("version"));
      if (reached.test(current)) {
        if (waitedForAnother) {
          String detail = t.what() + " is at " + current + " after the update that was in progress";
          listener.progress("done: " + step.description() + " (" + detail + ")");
          return new StepResult(step, Outcome.DONE, detail);
        }
        return skipped(step, t.what() + " is at " + current + " already");
      }
      if (decision > DECISIONS) {
        throw new PlatformException(step.description() + ": " + t.what() + " kept changing under the executor ("
            + DECISIONS + " decisions made on fresh state); run again");
      }
      refuse.accept(current);
      Optional<StepResult> stopped = gate.get();
      if (stopped.isPresent()) {
        return stopped.get();
      }
      Change change = new Change(Change.Action.UPDATE, t.ref(), List.of(new FieldDiff("version", current, t.version())));
      listener.starting(change);
      if (!write(t, reached)) {
        // someone else started an update between our read and our write: decide again on what it did
        listener.progress(t.what() + " changed before the update was sent: reading it again");
        waitedForAnother = true;
        continue;
      }
      Resource end = updated(t, timeout, reached);
      listener.finished(change);
      return new StepResult(step, Outcome.DONE, t.what() + " updated from " + current + " to "
          + end.body().get("version"));
    }
  }

  private StepResult skipped(Step step, String detail) {
    listener.progress("skipped: " + step.description() + " (" + detail + ")");
    return new StepResult(step, Outcome.SKIPPED, detail);
  }

  // a read that decides: retried after throttling and 5xx, like the engine's reads
  private Resource read(Target t) {
    for (int attempt = 1; ; attempt++) {
      try {
        return readOnce(t);
      } catch (PlatformException e) {
        if (!e.retryable() || attempt >= retryPolicy.maxAttempts()) {
          throw e;
        }
        sleeper.sleep(retryPolicy.delay(attempt, random));
      }
    }
  }

  private Resource readOnce(Target t) {
    return versions.get(t.kind(), t.ref()).orElseThrow(() -> new PlatformException(t.what() + " does not exist"
        + (t.kind().equals(EksVersionStore.ADDON) ? " (the add-on is not installed; the plan names it)" : "")));
  }

  // a read in a poll: a retryable failure (throttling) is one more poll, not the end of the wait
  private Optional<Resource> poll(Target t) {
    try {
      return Optional.of(readOnce(t));
    } catch (BackendException e) {
      if (e.retryable()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Resource settled(Target t, Duration timeout) {
    return wait.until(t.what() + " to finish its update in progress", timeout, pollInterval, () -> {
      Optional<Resource> r = poll(t);
      if (r.isEmpty()) {
        return Wait.Poll.pending("not read (throttled)");
      }
      Object status = r.get().body().get("status");
      return EksVersionStore.busy(status) ? Wait.Poll.pending(String.valueOf(status)) : Wait.Poll.ready(r.get());
    });
  }

  // the write goes through the engine (retries of throttling; a conflict is decided again on fresh state)
  private boolean write(Target t, Predicate<String> reached) {
    Reconciler.Adjuster adjuster = (kind, current) -> {
      Object status = current.body().get("status");
      String version = String.valueOf(current.body().get("version"));
      if (EksVersionStore.busy(status) || reached.test(version)) {
        return Optional.empty();
      }
      return Optional.of(new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of("version", t.version())));
    };
    List<Reconciler.Step> steps = reconciler.planAdjustments(
        List.of(Reconciler.Query.named(t.kind(), null, t.ref().name(), ResourceRef.DEFAULT_SCOPE)), adjuster);
    if (steps.isEmpty()) {
      return false;
    }
    ApplyResult applied = reconciler.apply(steps, new ProgressListener() {
      @Override
      public void retrying(Change change, int attempt, PlatformException cause) {
        listener.retrying(change, attempt, cause);
      }
    }, Set.of());
    return !applied.isNoop();
  }

  private Resource updated(Target t, Duration timeout, Predicate<String> reached) {
    Object[] failure = new Object[1];
    Resource end = wait.until(t.what() + " to reach " + t.version(), timeout, pollInterval, () -> {
      Optional<Resource> r = poll(t);
      if (r.isEmpty()) {
        return Wait.Poll.pending("not read (throttled)");
      }
      Object status = r.get().body().get("status");
      String version = String.valueOf(r.get().body().get("version"));
      if (EksVersionStore.busy(status)) {
        return Wait.Poll.pending(status + " at " + version);
      }
      if (reached.test(version)) {
        return Wait.Poll.ready(r.get());
      }
      // settled at the old version: failed, or not visible yet (EKS is eventually consistent)
      Optional<String> failed = versions.lastFailure(t.kind(), t.ref().name());
      if (failed.isPresent()) {
        failure[0] = failed.get();
        return Wait.Poll.ready(r.get());
      }
      return Wait.Poll.pending(status + " at " + version + ", update not visible yet");
    });
    if (failure[0] != null) {
      throw new PlatformException("EKS could not update " + t.what() + " to " + t.version() + ": " + failure[0]
          + "; it is still at " + end.body().get("version"), null, false);
    }
    return end;
  }

  // --- the Jobs gate ---

  private Optional<StepResult> jobsGate(Step step, String group) {
    if (cluster == null) {
      listener.progress("Jobs on node group " + group + " are not checked: no cluster store was given to the executor");
      return Optional.empty();
    }
    String subject = "Jobs running on the nodes of node group " + group + " to finish";
    try {
      wait.until(subject, jobsDeadline, pollInterval, () -> {
        List<String> running = jobPods(group);
        return running.isEmpty() ? Wait.Poll.ready(Boolean.TRUE)
            : Wait.Poll.pending(running.size() + (running.size() == 1 ? " Job pod" : " Job pods") + " running: " + String.join(", ", first(running)));
      });
      return Optional.empty();
    } catch (WaitTimeoutException e) {
      String detail = "stopped before replacing the nodes of " + group + ": after " + jobsDeadline.toMinutes()
          + " minutes " + e.lastStatus() + "; run again when they have finished (or with a longer Jobs deadline)";
      listener.progress("stopped: " + step.description() + " (" + detail + ")");
      return Optional.of(new StepResult(step, Outcome.STOPPED, detail));
    }
  }

  private static List<String> first(List<String> names) {
    return names.size() <= 10 ? names : List.of(String.join(", ", names.subList(0, 10)), "...");
  }

  /** The Pods of Jobs, Pending or Running, on the nodes of {@code group}: {@code namespace/name}, sorted. */
  private List<String> jobPods(String group) {
    Set<String> nodes = new TreeSet<>();
    cluster.list(NODE, Map.of(NODEGROUP_LABEL, group)).forEach(n -> nodes.add(n.ref().name()));
    if (nodes.isEmpty()) {
      return List.of();
    }
    List<String> pods = new ArrayList<>();
    for (Resource pod : cluster.list(POD, null, Map.of())) {
      if (JOB_LABELS.stream().noneMatch(pod.labels()::containsKey)) {
        continue;
      }
      Object node = pod.body().get("spec") instanceof Map<?, ?> spec ? spec.get("nodeName") : null;
      Object phase = pod.body().get("status") instanceof Map<?, ?> status ? status.get("phase") : null;
      if (node != null && nodes.contains(node.toString()) && ("Running".equals(phase) || "Pending".equals(phase))) {
        pods.add(pod.ref().namespace() + "/" + pod.ref().name());
      }
    }
    pods.sort(null);
    return pods;
  }

  /** Add-on versions as EKS spells them ({@code v1.12.6-eksbuild.2}), ordered by their numbers. */
  static final class AddOnVersions {
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private AddOnVersions() {}

    static int compare(String a, String b) {
      Matcher x = NUMBER.matcher(a);
      Matcher y = NUMBER.matcher(b);
      while (true) {
        boolean hx = x.find();
        boolean hy = y.find();
        if (!hx || !hy) {
          return Boolean.compare(hx, hy);
        }
        int c = new java.math.BigInteger(x.group()).compareTo(new java.math.BigInteger(y.group()));
        if (c != 0) {
          return c;
        }
      }
    }
  }

  /** Builds an {@link UpgradeExecutor}; only the EKS client is required. */
  public static final class Builder {
    private EksClient eks;
    private ResourceStore cluster;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private ProgressListener listener = ProgressListener.NONE;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private final Map<StepKind, Duration> timeouts = new EnumMap<>(Map.of(
        StepKind.UPGRADE_CONTROL_PLANE, Duration.ofMinutes(CONTROL_PLANE_MINUTES),
        StepKind.UPGRADE_ADDON, Duration.ofMinutes(ADDON_MINUTES),
        StepKind.UPGRADE_NODEGROUP, Duration.ofMinutes(NODEGROUP_MINUTES)));
    private Duration jobsDeadline = DEFAULT_JOBS_DEADLINE;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Sites sites;
    private List<Site> toMove = List.of();
    private HealthGate healthGate = HealthGate.NONE;
    private String blueIdentifier;
    private String greenIdentifier;

    private Builder() {}

    /**
     * For blue-green reports: the sites whose traffic moves to the new cluster, and the {@link Sites} of the
     * new cluster's platform ({@code greenPlatform.sites()}: its Kubernetes backend is the new cluster, whose
     * Applications are the health gate; its AWS backend writes the weighted records). Each site runs on both
     * clusters with weighted DNS records, set identifier the cluster's name (see {@link #setIdentifiers}).
     */
    public Builder sites(Sites sites, java.util.Collection<Site> toMove) {
      this.sites = Objects.requireNonNull(sites, "sites");
      this.toMove = List.copyOf(Objects.requireNonNull(toMove, "toMove"));
      if (this.toMove.isEmpty()) {
        throw new IllegalArgumentException("toMove: name at least one site");
      }
      return this;
    }

    /** A health gate of your own for every traffic step, on top of the sites' Applications. Default: none. */
    public Builder healthGate(HealthGate healthGate) {
      this.healthGate = Objects.requireNonNull(healthGate, "healthGate");
      return this;
    }

    /**
     * The set identifiers of the old and the new cluster's weighted records. Default: the clusters' names
     * (the report's cluster, and the cluster its {@code create-cluster} step names).
     */
    public Builder setIdentifiers(String blue, String green) {
      Objects.requireNonNull(blue, "blue");
      Objects.requireNonNull(green, "green");
      if (blue.isBlank() || green.isBlank() || blue.equals(green)) {
        throw new IllegalArgumentException("setIdentifiers: two different, non-blank identifiers are needed, got \""
            + blue + "\" and \"" + green + "\"");
      }
      this.blueIdentifier = blue;
      this.greenIdentifier = green;
      return this;
    }

    /** The EKS client of the cluster's region. Required. */
    public Builder eks(EksClient eks) {
      this.eks = Objects.requireNonNull(eks, "eks");
      return this;
    }

    /**
     * The Kubernetes store of the cluster being upgraded ({@code KubernetesBackend.create(client)}, or the
     * testkit's in-memory store), read for the Jobs gate: Nodes and Pods are listed, nothing is written.
     * Without it, node groups are updated without waiting for Jobs.
     */
    public Builder cluster(ResourceStore cluster) {
      Objects.requireNonNull(cluster, "cluster");
      if (!ResourceRef.KUBERNETES.equals(cluster.provider())) {
        throw new IllegalArgumentException("cluster: a Kubernetes store is needed, got a " + cluster.provider() + " one");
      }
      this.cluster = cluster;
      return this;
    }

    /** The clock waits and the result's elapsed time are measured with. Default: the system's UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Waits between polls and retries. Default: {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Hears about every update, wait and skip. Default: {@link ProgressListener#NONE}. */
    public Builder listener(ProgressListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Retries of the update calls after throttling, 5xx and conflicts. Default: {@link RetryPolicy#DEFAULT}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * How long to wait for an update of this kind ({@code upgrade-control-plane}, {@code upgrade-addon},
     * {@code upgrade-nodegroup}) to end, from when it was sent or found in progress.
     */
    public Builder timeout(StepKind kind, Duration timeout) {
      Objects.requireNonNull(kind, "kind");
      if (!timeouts.containsKey(kind)) {
        throw new IllegalArgumentException("timeout: " + kind.value() + " steps have no wait; only "
            + timeouts.keySet().stream().map(StepKind::value).toList());
      }
      timeouts.put(kind, positive("timeout", timeout));
      return this;
    }

    /** How long a node group waits for the Jobs on its nodes before the run stops. Default: 2 hours. */
    public Builder jobsDeadline(Duration jobsDeadline) {
      this.jobsDeadline = positive("jobsDeadline", jobsDeadline);
      return this;
    }

    /** The time between two polls of a wait. Default: 30 seconds. */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive("pollInterval", pollInterval);
      return this;
    }

    private static Duration positive(String field, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(field + ": must be a positive duration, got " + d);
      }
      return d;
    }

    /** The executor; fails when no EKS client was given. */
    public UpgradeExecutor build() {
      if (eks == null) {
        throw new IllegalStateException("eks: an EKS client is required, e.g. eks(EksClient.create())");
      }
      return new UpgradeExecutor(this);
    }
  }
}
