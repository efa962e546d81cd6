package dev.platformkit.schedule;

import dev.platformkit.spi.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a schedule's plan warns about: things that would fight the sleep or be hurt by it. */
final class Findings {

  private Findings() {}

  /**
   * PodDisruptionBudgets that select pods of scheduled workloads and cannot be met while those sleep at
   * the downtime count (a {@code minAvailable} above it, or {@code maxUnavailable} 0): the disruption
   * controller reports DisruptionAllowed=False, and node drains that honour budgets (cluster upgrades,
   * node group scale-in) wait on them.
   */
  static List<String> disruptionBudgets(Schedule schedule, List<Resource> budgets, List<Resource> workloads) {
    List<String> out = new ArrayList<>();
    int downtime = schedule.downtimeReplicas();
    for (Resource pdb : budgets) {
      Map<?, ?> spec = Sleep.spec(pdb);
      Map<?, ?> selector = spec.get("selector") instanceof Map<?, ?> m && m.get("matchLabels") instanceof Map<?, ?> l ? l : null;
      if (selector == null || selector.isEmpty()) {
        continue;
      }
      boolean blocks = (spec.get("minAvailable") instanceof Number n && n.intValue() > downtime)
          || (spec.get("minAvailable") instanceof String p && !p.equals("0%") && downtime == 0)
          || (spec.get("maxUnavailable") instanceof Number u && u.intValue() == 0)
          || "0%".equals(spec.get("maxUnavailable"));
      if (!blocks) {
        continue;
      }
      for (Resource w : workloads) {
        if (w.ref().namespace().equals(pdb.ref().namespace()) && podLabels(w).entrySet().containsAll(selector.entrySet())) {
          out.add("PodDisruptionBudget " + pdb.ref().namespace() + "/" + pdb.ref().name() + " selects the pods of "
              + w.ref().kind() + " " + w.ref().name() + ", which sleeps at " + downtime + " replicas: the budget ("
              + budget(spec) + ") cannot be met then, and node drains that honour it will wait; relax it or exclude the workload");
          break;
        }
      }
    }
    return out;
  }

  /**
   * Argo CD Applications that sync into a scheduled namespace with automated self-heal and do not ignore
   * {@code /spec/replicas}: Argo CD would scale every sleeping workload straight back up.
   */
  static List<String> selfHealingApplications(Schedule schedule, List<Resource> applications, Set<String> namespaces) {
    List<String> out = new ArrayList<>();
    for (Resource app : applications) {
      Map<?, ?> spec = Sleep.spec(app);
      Map<?, ?> destination = spec.get("destination") instanceof Map<?, ?> d ? d : Map.of();
      if (!namespaces.contains(String.valueOf(destination.get("namespace")))) {
        continue;
      }
      Map<?, ?> sync = spec.get("syncPolicy") instanceof Map<?, ?> s ? s : Map.of();
      Map<?, ?> automated = sync.get("automated") instanceof Map<?, ?> a ? a : null;
      if (automated == null || !Boolean.TRUE.equals(automated.get("selfHeal"))) {
        continue;
      }
      boolean respects = sync.get("syncOptions") instanceof List<?> o && o.contains("RespectIgnoreDifferences=true");
      if (!(respects && ignoresReplicas(spec))) {
        out.add("Argo CD Application " + app.ref().namespace() + "/" + app.ref().name() + " syncs namespace "
            + destination.get("namespace") + " with automated self-heal: it would undo the sleep of schedule "
            + schedule.name() + "; add ignoreDifferences {group: apps, kind: Deployment (and StatefulSet), jsonPointers: [/spec/replicas]}"
            + " and the sync option RespectIgnoreDifferences=true");
      }
    }
    return out;
  }

  private static boolean ignoresReplicas(Map<?, ?> spec) {
    if (!(spec.get("ignoreDifferences") instanceof List<?> rules)) {
      return false;
    }
    for (Object rule : rules) {
      if (rule instanceof Map<?, ?> r && r.get("jsonPointers") instanceof List<?> pointers && pointers.contains("/spec/replicas")
          && (r.get("group") == null || "apps".equals(r.get("group")))) {
        return true;
      }
    }
    return false;
  }

  private static Map<?, ?> podLabels(Resource workload) {
    Map<?, ?> spec = Sleep.spec(workload);
    if (spec.get("template") instanceof Map<?, ?> t && t.get("metadata") instanceof Map<?, ?> m && m.get("labels") instanceof Map<?, ?> l) {
      return l;
    }
    return Map.of();
  }

  private static String budget(Map<?, ?> spec) {
    return spec.containsKey("minAvailable") ? "minAvailable " + spec.get("minAvailable") : "maxUnavailable " + spec.get("maxUnavailable");
  }
}
