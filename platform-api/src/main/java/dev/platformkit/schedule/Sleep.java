package dev.platformkit.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one schedule writes on one workload it does not own, decided from the workload as it is: the
 * replica count (Deployments, StatefulSets), {@code suspend} (CronJobs) or {@code minReplicas} (HPAs),
 * and the record of the original value, always in the same write so that no crash can separate them.
 */
final class Sleep {
  /** The annotation holding the original value while a workload sleeps: JSON naming the schedule. */
  static final String RECORD = "platformkit.dev/sleep";
  /** A workload carrying this annotation with value {@code "true"} is never put to sleep. */
  static final String EXCLUDE = "platformkit.dev/schedule-exclude";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Schedule schedule;
  private final boolean up;
  private final Instant at;

  Sleep(Schedule schedule, Instant at) {
    this.schedule = schedule;
    this.at = at;
    this.up = schedule.isUp(at);
  }

  boolean up() {
    return up;
  }

  /** The record this schedule left on the object, if any; another schedule's record counts as foreign. */
  Optional<Map<String, Object>> record(Resource r) {
    return recordOf(r).filter(m -> schedule.name().equals(m.get("schedule")));
  }

  /** Whether the object carries a record of another schedule (it is left alone). */
  boolean sleptByAnother(Resource r) {
    return recordOf(r).map(m -> !schedule.name().equals(m.get("schedule"))).orElse(false);
  }

  @SuppressWarnings("unchecked")
  static Optional<Map<String, Object>> recordOf(Resource r) {
    String value = r.annotations().get(RECORD);
    if (value == null) {
      return Optional.empty();
    }
    try {
      Object parsed = JSON.readValue(value, Object.class);
      return parsed instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.of(Map.of());
    } catch (JsonProcessingException e) {
      return Optional.of(Map.of()); // edited into nonsense: a record of nobody, left alone
    }
  }

  /** Whether a workload is spared: by name, by opt-out annotation, or because it is too young. */
  boolean spared(Resource r) {
    return schedule.targets().excludeNames().contains(r.ref().name())
        || "true".equals(r.annotations().get(EXCLUDE))
        || (r.created() != null && r.created().plus(schedule.gracePeriod()).isAfter(at));
  }

  /** Deployments and StatefulSets: {@code spec.replicas}. */
  Optional<ResourceUpdate> scale(Resource r) {
    if (schedule.suspended() || sleptByAnother(r)) {
      return Optional.empty();
    }
    int replicas = intAt(r, "replicas", 1); // the API server's default when absent
    int downtime = schedule.downtimeReplicas();
    Optional<Map<String, Object>> record = record(r);
    if (up) {
      // waking: a workload scaled by hand while down keeps that count under RESPECT
      return record.map(rec -> {
        int original = intOf(rec.get("replicas"), replicas);
        boolean manual = replicas != downtime;
        int target = manual && schedule.manualChanges() == ManualChangePolicy.RESPECT ? replicas : original;
        return wake(target == replicas ? null : Map.of("replicas", target));
      });
    }
    if (record.isPresent()) {
      boolean enforce = schedule.manualChanges() == ManualChangePolicy.ENFORCE && replicas != downtime;
      return enforce ? Optional.of(enforce(Map.of("replicas", downtime))) : Optional.empty();
    }
    if (spared(r) || replicas <= downtime) {
      return Optional.empty();
    }
    return Optional.of(sleep(recordJson("replicas", replicas), Map.of("replicas", downtime)));
  }

  /** CronJobs: {@code spec.suspend}; a suspended CronJob starts no new Job, running ones finish. */
  Optional<ResourceUpdate> suspend(Resource r) {
    if (schedule.suspended() || sleptByAnother(r)) {
      return Optional.empty();
    }
    boolean suspended = Boolean.TRUE.equals(spec(r).get("suspend"));
    Optional<Map<String, Object>> record = record(r);
    if (up) {
      return record.map(rec -> {
        boolean original = Boolean.TRUE.equals(rec.get("suspend"));
        boolean manual = !suspended;
        boolean target = manual && schedule.manualChanges() == ManualChangePolicy.RESPECT ? suspended : original;
        return wake(target == suspended ? null : Map.of("suspend", target));
      });
    }
    if (record.isPresent()) {
      boolean enforce = schedule.manualChanges() == ManualChangePolicy.ENFORCE && !suspended;
      return enforce ? Optional.of(enforce(Map.of("suspend", true))) : Optional.empty();
    }
    // already suspended by someone: nothing to do now, and nothing to restore later
    if (spared(r) || suspended) {
      return Optional.empty();
    }
    return Optional.of(sleep(recordJson("suspend", false), Map.of("suspend", true)));
  }

  /**
   * HorizontalPodAutoscalers of scheduled workloads, when the downtime count is above zero: an HPA whose
   * {@code minReplicas} is above it would scale the workload back up, so its minimum goes down with it.
   * (At zero replicas an HPA does nothing: Kubernetes disables autoscaling of a target scaled to zero, and
   * it resumes when the workload is woken.)
   */
  Optional<ResourceUpdate> autoscaler(Resource hpa, Set<String> scheduled) {
    if (schedule.suspended() || sleptByAnother(hpa)) {
      return Optional.empty();
    }
    int min = intAt(hpa, "minReplicas", 1);
    Optional<Map<String, Object>> record = record(hpa);
    if (up) {
      return record.map(rec -> {
        int original = intOf(rec.get("minReplicas"), min);
        return wake(original == min ? null : Map.of("minReplicas", original));
      });
    }
    int downtime = Math.max(1, schedule.downtimeReplicas()); // minReplicas 0 needs a feature gate
    Map<?, ?> target = spec(hpa).get("scaleTargetRef") instanceof Map<?, ?> m ? m : Map.of();
    String workload = target.get("kind") + "/" + hpa.ref().namespace() + "/" + target.get("name");
    if (record.isPresent() || schedule.downtimeReplicas() == 0 || min <= downtime || !scheduled.contains(workload)) {
      return Optional.empty();
    }
    return Optional.of(sleep(recordJson("minReplicas", min), Map.of("minReplicas", downtime)));
  }

  // back to the downtime value, the record kept: it still holds the value the wake-up restores
  private static ResourceUpdate enforce(Map<String, Object> spec) {
    return new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of("spec", spec));
  }

  // going down: the record and the downtime value in one write
  private static ResourceUpdate sleep(String record, Map<String, Object> spec) {
    return new ResourceUpdate(Map.of(), Set.of(), Map.of(RECORD, record), Set.of(), Map.of("spec", spec));
  }

  // waking: the record removed, with the restored value (none when it is already there) in the same write
  private static ResourceUpdate wake(Map<String, Object> spec) {
    return new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(RECORD), spec == null ? Map.of() : Map.of("spec", spec));
  }

  private String recordJson(String field, Object value) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("schedule", schedule.name());
    record.put(field, value);
    try {
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<?, ?> spec(Resource r) {
    return r.body().get("spec") instanceof Map<?, ?> m ? m : Map.of();
  }

  private static int intAt(Resource r, String field, int fallback) {
    return intOf(spec(r).get(field), fallback);
  }

  private static int intOf(Object value, int fallback) {
    return value instanceof Number n ? n.intValue() : fallback;
  }
}
