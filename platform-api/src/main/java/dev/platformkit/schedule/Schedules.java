package dev.platformkit.schedule;

import dev.platformkit.ApplyResult;
import dev.platformkit.BackendException;
import dev.platformkit.NotFoundException;
import dev.platformkit.Ownership;
import dev.platformkit.Plan;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.internal.Engine;
import dev.platformkit.internal.Primitives;
import dev.platformkit.internal.Reconciler.Query;
import dev.platformkit.internal.Reconciler.Step;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts {@link Schedule}s into effect: {@code platform.schedules().reconcile(schedule, now)} decides whether
 * the targets should be up or down at {@code now} and converges them, so a missed run is caught up by the
 * next one (level-triggered, like a controller). {@code plan} shows what a reconcile would change and
 * writes nothing.
 *
 * <p>Going down, each Deployment and StatefulSet is scaled to {@link Schedule#downtimeReplicas()} and each
 * CronJob suspended, with the original value recorded in the annotation {@value Sleep#RECORD} <em>in the
 * same write</em> (a merge patch carrying the resource version), so no crash can separate the two. A
 * record that exists is never overwritten. Waking up restores exactly the recorded values and removes the
 * records; a workload scaled by hand meanwhile is left as it is under {@link ManualChangePolicy#RESPECT}.
 * Only those fields and the record are written: platformkit does not own these objects and touches
 * nothing else on them. Workloads named in {@link Targets#excludeNames()}, annotated
 * {@code platformkit.dev/schedule-exclude: "true"}, younger than {@link Schedule#gracePeriod()}, or asleep
 * under another schedule are left alone.
 *
 * <p>HorizontalPodAutoscalers: at zero replicas Kubernetes disables autoscaling of the target, so the HPA
 * neither fights the sleep nor stays disabled once the workload is woken; with a downtime count above
 * zero, an HPA whose {@code minReplicas} is higher is lowered with the workload and restored with it.
 *
 * <p>Costs: one list per kind per target namespace (with the label selector), one list of Namespaces per
 * targeted tenant, then one write per workload that must change. A steady-state reconcile writes nothing.
 *
 * <p>Obtained from {@link dev.platformkit.Platform#schedules()}.
 */
public final class Schedules {
  static {
    Primitives.register(Schedules.class, Schedules::new);
  }

  static final Kind NAMESPACE = Kind.kubernetes("v1", "Namespace", "namespaces", false);
  static final Kind DEPLOYMENT = Kind.kubernetes("apps/v1", "Deployment", "deployments", true, "spec");
  static final Kind STATEFUL_SET = Kind.kubernetes("apps/v1", "StatefulSet", "statefulsets", true, "spec");
  static final Kind CRON_JOB = Kind.kubernetes("batch/v1", "CronJob", "cronjobs", true, "spec");
  static final Kind HPA = Kind.kubernetes("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, "spec");
  static final Kind PDB = Kind.kubernetes("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true, "spec");
  static final Kind APPLICATION = Kind.kubernetes("argoproj.io/v1alpha1", "Application", "applications", true, "spec");

  private final Engine engine;

  private Schedules(Engine engine) {
    this.engine = engine;
  }

  /** The kinds schedules read and adjust: what a backend must support for them. */
  public static List<Kind> kinds() {
    List<Kind> kinds = new ArrayList<>(List.of(NAMESPACE, DEPLOYMENT, STATEFUL_SET, CRON_JOB, HPA, PDB, APPLICATION));
    kinds.addAll(AwsSleep.KINDS);
    return kinds;
  }

  /** What {@link #reconcile(Schedule, Instant)} would change at {@code at}. Writes nothing. */
  public Plan plan(Schedule schedule, Instant at) {
    return plan(List.of(schedule), at);
  }

  /** What reconciling all {@code schedules} at {@code at} would change. Writes nothing. */
  public Plan plan(Collection<Schedule> schedules, Instant at) {
    Planned p = planned(List.copyOf(schedules), at);
    return new Plan(List.copyOf(schedules), false, p.steps.stream().map(Step::change).toList(), p.warnings);
  }

  /**
   * Converges the targets of {@code schedule} to what it wants at {@code at}: the write of each workload
   * is decided again on fresh state when it meets a conflict, so two reconciles running at once converge.
   */
  public ApplyResult reconcile(Schedule schedule, Instant at) {
    return reconcile(List.of(schedule), at);
  }

  /** Reconciles all {@code schedules} at {@code at}. */
  public ApplyResult reconcile(Collection<Schedule> schedules, Instant at) {
    return engine.reconciler().apply(planned(List.copyOf(schedules), at).steps, engine.listener(), Set.of());
  }

  private record Planned(List<Step> steps, List<String> warnings) {}

  private Planned planned(List<Schedule> schedules, Instant at) {
    Set<String> names = new HashSet<>();
    for (Schedule s : schedules) {
      if (!names.add(s.name())) {
        throw new PlatformException("schedule \"" + s.name() + "\" is given twice");
      }
    }
    List<Step> steps = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Schedule schedule : schedules) {
      Sleep sleep = new Sleep(schedule, at);
      if (schedule.targets().hasWorkloads()) {
        workloads(schedule, sleep, steps, warnings);
      }
      if (schedule.targets().hasAwsResources()) {
        new AwsSleep(schedule, sleep.up(), at).plan(engine.reconciler(), steps, warnings);
      }
    }
    return new Planned(steps, warnings);
  }

  private void workloads(Schedule schedule, Sleep sleep, List<Step> steps, List<String> warnings) {
    if (engine.reconciler().store(ResourceRef.KUBERNETES).isEmpty()) {
      throw new PlatformException("no Kubernetes backend is configured: schedule \"" + schedule.name()
          + "\" targets workloads (Platform.builder().kubernetes(...))");
    }
    Targets t = schedule.targets();
    List<String> namespaces = namespaces(t);
    Map<String, String> selector = t.labelSelector();
    List<Resource> seen = new ArrayList<>();
    Set<String> scheduled = new HashSet<>();
    List<Query> workloads = new ArrayList<>();
    for (String ns : namespaces) {
      if (t.kinds().contains(WorkloadKind.Deployment)) {
        workloads.add(Query.list(DEPLOYMENT, ns, selector));
      }
      if (t.kinds().contains(WorkloadKind.StatefulSet)) {
        workloads.add(Query.list(STATEFUL_SET, ns, selector));
      }
      if (t.kinds().contains(WorkloadKind.CronJob)) {
        workloads.add(Query.list(CRON_JOB, ns, selector));
      }
    }
    List<Step> scaling = engine.reconciler().planAdjustments(workloads, (kind, r) -> {
      if (kind.name().equals(CRON_JOB.name())) {
        return sleep.suspend(r);
      }
      synchronized (seen) {
        // only workloads this schedule puts (or has put) to sleep: their autoscalers go down with them,
        // and their disruption budgets are worth a warning
        if (sleep.record(r).isPresent() || !(sleep.spared(r) || sleep.sleptByAnother(r))) {
          seen.add(r);
          scheduled.add(kind.name() + "/" + r.ref().namespace() + "/" + r.ref().name());
        }
      }
      return sleep.scale(r);
    });
    List<Step> autoscalers = List.of();
    if (schedule.downtimeReplicas() > 0 && (t.kinds().contains(WorkloadKind.Deployment) || t.kinds().contains(WorkloadKind.StatefulSet))) {
      List<Query> hpas = namespaces.stream().map(ns -> Query.list(HPA, ns, Map.of())).toList();
      autoscalers = engine.reconciler().planAdjustments(hpas, (kind, hpa) -> sleep.autoscaler(hpa, scheduled));
    }
    // going down, an autoscaler's minimum is lowered before its workload is scaled: the other way round,
    // it would scale the workload straight back up to its minimum in between (or for good, after a crash)
    if (sleep.up()) {
      steps.addAll(scaling);
      steps.addAll(autoscalers);
    } else {
      steps.addAll(autoscalers);
      steps.addAll(scaling);
    }
    if (!sleep.up()) {
      warnings.addAll(Findings.disruptionBudgets(schedule, read(namespaces, PDB), seen));
    }
    warnings.addAll(Findings.selfHealingApplications(schedule, applications(warnings), Set.copyOf(namespaces)));
  }

  // the tenants' namespaces (found by their tenant label) and the listed ones, less the excluded ones
  private List<String> namespaces(Targets t) {
    Set<String> out = new LinkedHashSet<>();
    ResourceStore k8s = engine.reconciler().store(ResourceRef.KUBERNETES).orElseThrow();
    for (String tenant : t.tenants()) {
      k8s.list(NAMESPACE, Map.of(Ownership.TENANT_LABEL, tenant)).forEach(r -> out.add(r.ref().name()));
    }
    out.addAll(t.namespaces());
    t.excludeNamespaces().forEach(out::remove);
    return List.copyOf(out);
  }

  private List<Resource> read(List<String> namespaces, Kind kind) {
    ResourceStore k8s = engine.reconciler().store(ResourceRef.KUBERNETES).orElseThrow();
    List<Resource> out = new ArrayList<>();
    namespaces.forEach(ns -> out.addAll(k8s.list(kind, ns, Map.of())));
    return out;
  }

  // Argo CD may not be installed: then there is nothing to warn about; an identity that may not list
  // Applications (the in-cluster CronJob's, say) is told it was not checked
  private List<Resource> applications(List<String> warnings) {
    ResourceStore k8s = engine.reconciler().store(ResourceRef.KUBERNETES).orElseThrow();
    try {
      return k8s.list(APPLICATION, Map.of());
    } catch (NotFoundException e) {
      return List.of();
    } catch (BackendException e) {
      if (e.status().orElse(0) != 403) {
        throw e;
      }
      warnings.add("Argo CD Applications were not checked for self-heal (listing them is forbidden to this identity)");
      return List.of();
    }
  }

}
