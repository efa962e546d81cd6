package dev.platformkit.schedule;

import dev.platformkit.Change;
import dev.platformkit.FieldDiff;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.internal.Reconciler;
import dev.platformkit.internal.Reconciler.Adjuster;
import dev.platformkit.internal.Reconciler.Query;
import dev.platformkit.internal.Reconciler.Step;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS targets of a schedule: EKS managed node groups ({@code minSize} and {@code desiredSize} to zero,
 * {@code maxSize} kept, as EKS requires at least 1), RDS instances (stopped and started) and Auto Scaling
 * groups ({@code minSize} and {@code desiredCapacity} to zero, {@code maxSize} kept). platformkit does not
 * own them: it writes only the sizes (the status) and one tag, {@value #RECORD}.
 *
 * <p>The record. AWS has no write that changes a size and a tag at once, so the record has two phases and
 * each write is made in an order that never loses a count: going down, the record is written first with
 * phase {@code going-down} and the original sizes, then the sizes go to zero, then the phase becomes
 * {@code down} (a second step on the same object, decided again on the object as it is then). A record
 * still {@code going-down} (a crash between the writes) is completed by the next reconcile whatever the
 * manual-change policy, as its sizes are the originals only because the scale-down never happened. A
 * {@code down} record with sizes above zero is a manual change: left alone under
 * {@link ManualChangePolicy#RESPECT}, scaled down again under {@link ManualChangePolicy#ENFORCE}. Waking
 * restores the originals and removes the tag in one store update, sizes first; a crash between leaves
 * sizes equal to the originals and the record, which the next reconcile in uptime simply drops.
 *
 * <p>The record's value is {@code schedule=<name> phase=<phase> minSize=<n> maxSize=<n> desiredSize=<n>}
 * (Auto Scaling groups: {@code desiredCapacity}; RDS: no sizes), not JSON: RDS accepts only letters,
 * digits, spaces and {@code _ . : / = + - @} in tag values.
 *
 * <p>RDS: an {@code available} instance is stopped; a {@code stopped} one carrying our record is started.
 * Any other status (stopping, starting, modifying, backing-up, ...) means nothing now and a warning; the
 * next reconcile carries on. RDS starts an instance stopped for seven days by itself: the next reconcile
 * in downtime finds it available with a {@code down} record and stops it again. The manual-change policy
 * does not apply to RDS, as its own start cannot be told from a person's (use an override, or the opt-out
 * tag, to keep a database up).
 *
 * <p>Left alone: targets tagged {@value #EXCLUDE}{@code =true}, younger than the grace period, or carrying
 * another schedule's record (or a record edited into nonsense). Node groups that are being created,
 * updated or deleted are not resized now (EKS refuses a second update). A named target that does not
 * exist is a plan warning.
 */
final class AwsSleep {
  static final Kind NODE_GROUP = Kind.aws("NodeGroup");
  static final Kind DB_INSTANCE = Kind.aws("DBInstance");
  static final Kind AUTO_SCALING_GROUP = Kind.aws("AutoScalingGroup");
  static final List<Kind> KINDS = List.of(NODE_GROUP, DB_INSTANCE, AUTO_SCALING_GROUP);

  /** The tag holding the record while a target sleeps. */
  static final String RECORD = "platformkit:sleep";
  /** A target tagged with this key and value {@code true} is never put to sleep. */
  static final String EXCLUDE = "platformkit:schedule-exclude";
  static final String GOING_DOWN = "going-down";
  static final String DOWN = "down";
  private static final int MAX_TAG_VALUE = 256;
  private static final Set<String> NODE_GROUP_BUSY = Set.of("CREATING", "UPDATING", "DELETING");

  private final Schedule schedule;
  private final boolean up;
  private final Instant at;

  AwsSleep(Schedule schedule, boolean up, Instant at) {
    this.schedule = schedule;
    this.up = up;
    this.at = at;
  }

  /** What a target of one kind is sized by: the body paths of min, max and desired, and where they live. */
  private record Sizes(String container, String min, String max, String desired) {
    Map<String, Object> fields(Resource r) {
      if (container == null) {
        return r.body();
      }
      return r.body().get(container) instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    Map<String, Object> patch(Map<String, Object> values) {
      return container == null ? values : Map.of(container, values);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
  }

  private static final Sizes NODE_GROUP_SIZES = new Sizes("scalingConfig", "minSize", "maxSize", "desiredSize");
  private static final Sizes ASG_SIZES = new Sizes(null, "minSize", "maxSize", "desiredCapacity");

  /** One decision: the update (or none) and, when nothing can be done now, why. */
  private record Decision(Optional<ResourceUpdate> update, String waiting) {
    static final Decision NOTHING = new Decision(Optional.empty(), null);

    static Decision of(ResourceUpdate update) {
      return new Decision(Optional.of(update), null);
    }

    static Decision waiting(String why) {
      return new Decision(Optional.empty(), why);
    }
  }

  /**
   * Adds the steps that bring the AWS targets where the schedule wants them at {@code at}, and warnings
   * for targets that are missing or cannot be moved now.
   */
  void plan(Reconciler reconciler, List<Step> steps, List<String> warnings) {
    if (schedule.suspended()) {
      return;
    }
    Targets t = schedule.targets();
    List<Query> queries = new ArrayList<>();
    Map<ResourceRef, String> named = new LinkedHashMap<>();
    for (NodeGroup g : t.nodeGroups()) {
      queries.add(query(NODE_GROUP, g.cluster() + "/" + g.name(), named, "EKS node group " + g));
    }
    for (String id : t.rdsInstances()) {
      queries.add(query(DB_INSTANCE, id, named, "RDS instance " + id));
    }
    for (String name : t.autoScalingGroups()) {
      queries.add(query(AUTO_SCALING_GROUP, name, named, "Auto Scaling group " + name));
    }
    Set<ResourceRef> found = new LinkedHashSet<>();
    List<String> waits = new ArrayList<>();
    List<Step> planned = reconciler.planAdjustments(queries, (kind, r) -> {
      found.add(r.ref());
      Decision d = decide(kind, r);
      if (d.waiting() != null) {
        waits.add(d.waiting());
      }
      return d.update();
    });
    Adjuster adjuster = (kind, r) -> decide(kind, r).update();
    ResourceStore store = reconciler.store(ResourceRef.AWS).orElseThrow(
        () -> new PlatformException("no AWS backend is configured: schedule \"" + schedule.name() + "\" targets AWS resources"));
    for (Step step : planned) {
      steps.add(new Step(step.change(), step.kind(), null, step.current(), adjuster));
      // a write that leaves a going-down record (writes it, or completes the scale-down it announced) is
      // followed by the phase becoming down
      ResourceUpdate update = decide(step.kind(), step.current()).update().orElseThrow();
      String record = update.setLabels().containsKey(RECORD) ? update.setLabels().get(RECORD)
          : update.removeLabels().contains(RECORD) ? null : step.current().labels().get(RECORD);
      if (record != null && GOING_DOWN.equals(parse(record).get("phase"))) {
        steps.add(followUp(store, step, record));
      }
    }
    named.forEach((ref, what) -> {
      if (!found.contains(ref)) {
        warnings.add("schedule \"" + schedule.name() + "\": " + what + " does not exist; nothing to do for it");
      }
    });
    waits.forEach(w -> warnings.add("schedule \"" + schedule.name() + "\": " + w));
  }

  private static Query query(Kind kind, String name, Map<ResourceRef, String> named, String what) {
    named.put(new ResourceRef(ResourceRef.AWS, kind.name(), null, name), what);
    return Query.named(kind, null, name, ResourceRef.DEFAULT_SCOPE);
  }

  // The write after a going-down record: the phase becomes down once the sizes are zero. It is decided on
  // the object as it is after the previous step (read again here), so it carries no version to compare:
  // the version it was planned on is the one the previous step replaced.
  private Step followUp(ResourceStore store, Step previous, String goingDown) {
    ResourceRef ref = previous.current().ref();
    String down = goingDown.replace("phase=" + GOING_DOWN, "phase=" + DOWN);
    Change change = new Change(Change.Action.UPDATE, ref,
        List.of(new FieldDiff(store.marks().field() + "[\"" + RECORD + "\"]", goingDown, down)));
    Adjuster fresh = (kind, ignored) -> store.get(kind, ref).flatMap(r -> decide(kind, r).update());
    return new Step(change, previous.kind(), null, previous.current().withVersion(null), fresh);
  }

  private Decision decide(Kind kind, Resource r) {
    if (schedule.suspended()) {
      return Decision.NOTHING;
    }
    Optional<Map<String, String>> record = recordOf(r);
    if (record.isPresent() && !schedule.name().equals(record.get().get("schedule"))) {
      return Decision.NOTHING; // another schedule's (or nobody's) record: theirs to undo
    }
    if (kind.name().equals(DB_INSTANCE.name())) {
      return database(r, record);
    }
    boolean nodeGroup = kind.name().equals(NODE_GROUP.name());
    Sizes sizes = nodeGroup ? NODE_GROUP_SIZES : ASG_SIZES;
    String busy = nodeGroup && NODE_GROUP_BUSY.contains(String.valueOf(r.body().get("status")))
        ? "EKS node group " + r.ref().name() + " is " + r.body().get("status") + "; the next reconcile resizes it" : null;
    return sized(r, record, sizes, busy);
  }

  // node groups and Auto Scaling groups
  private Decision sized(Resource r, Optional<Map<String, String>> record, Sizes s, String busy) {
    Map<String, Object> now = s.fields(r);
    int min = intOf(now.get(s.min()));
    int max = intOf(now.get(s.max()));
    int desired = intOf(now.get(s.desired()));
    boolean asleep = min == 0 && desired == 0;
    Map<String, Object> zero = new LinkedHashMap<>();
    zero.put(s.min(), 0);
    zero.put(s.desired(), 0);
    if (up) {
      if (record.isEmpty()) {
        return Decision.NOTHING;
      }
      Map<String, String> rec = record.get();
      Map<String, Object> original = new LinkedHashMap<>();
      original.put(s.min(), intOf(rec.get(s.min()), min));
      original.put(s.max(), intOf(rec.get(s.max()), max));
      original.put(s.desired(), intOf(rec.get(s.desired()), desired));
      // sizes above zero while asleep were set by hand (or are the originals after a cut-short wake)
      boolean keep = !asleep && schedule.manualChanges() == ManualChangePolicy.RESPECT;
      Map<String, Object> restore = new LinkedHashMap<>();
      if (!keep) {
        original.forEach((k, v) -> {
          if (intOf(now.get(k)) != (Integer) v) {
            restore.put(k, v);
          }
        });
      }
      if (!restore.isEmpty() && busy != null) {
        return Decision.waiting(busy);
      }
      // EKS and Auto Scaling take the sizes as a whole: send all three when any changes
      return Decision.of(update(Map.of(), Set.of(RECORD), restore.isEmpty() ? Map.of() : s.patch(original)));
    }
    if (record.isEmpty()) {
      if (spared(r) || asleep) {
        return Decision.NOTHING; // already at zero: nothing to restore later
      }
      if (busy != null) {
        return Decision.waiting(busy);
      }
      Map<String, Object> original = new LinkedHashMap<>();
      original.put(s.min(), min);
      original.put(s.max(), max);
      original.put(s.desired(), desired);
      return Decision.of(update(Map.of(RECORD, recordValue(GOING_DOWN, original)), Set.of(), s.patch(zero)));
    }
    Map<String, String> rec = record.get();
    if (GOING_DOWN.equals(rec.get("phase"))) {
      if (asleep) {
        return Decision.of(update(Map.of(RECORD, withPhase(rec, DOWN)), Set.of(), Map.of()));
      }
      // the scale-down never happened (or was cut short): complete it, whatever the policy
      return busy != null ? Decision.waiting(busy) : Decision.of(update(Map.of(), Set.of(), s.patch(zero)));
    }
    if (!asleep && schedule.manualChanges() == ManualChangePolicy.ENFORCE) {
      return busy != null ? Decision.waiting(busy) : Decision.of(update(Map.of(), Set.of(), s.patch(zero)));
    }
    return Decision.NOTHING;
  }

  private Decision database(Resource r, Optional<Map<String, String>> record) {
    String status = String.valueOf(r.body().get("status"));
    String what = "RDS instance " + r.ref().name() + " is " + status;
    boolean available = "available".equals(status);
    boolean stopped = "stopped".equals(status);
    if (up) {
      if (record.isEmpty()) {
        return Decision.NOTHING;
      }
      if (stopped) {
        return Decision.of(update(Map.of(), Set.of(RECORD), Map.of("status", "available")));
      }
      if (available || "starting".equals(status)) {
        return Decision.of(update(Map.of(), Set.of(RECORD), Map.of())); // started already: drop the record
      }
      return Decision.waiting(what + "; the next reconcile starts it");
    }
    if (record.isEmpty()) {
      if (spared(r) || stopped) {
        return Decision.NOTHING; // stopped by someone else: not ours to start later
      }
      if (!available) {
        return Decision.waiting(what + "; the next reconcile stops it");
      }
      return Decision.of(update(Map.of(RECORD, recordValue(GOING_DOWN, Map.of())), Set.of(), Map.of("status", "stopped")));
    }
    Map<String, String> rec = record.get();
    boolean goingDown = GOING_DOWN.equals(rec.get("phase"));
    if (goingDown && (stopped || "stopping".equals(status))) {
      return Decision.of(update(Map.of(RECORD, withPhase(rec, DOWN)), Set.of(), Map.of()));
    }
    if (available) {
      // never stopped (going-down), or started again: by RDS after seven days, or by a person
      return Decision.of(update(Map.of(), Set.of(), Map.of("status", "stopped")));
    }
    return stopped || "stopping".equals(status) ? Decision.NOTHING : Decision.waiting(what + "; the next reconcile stops it");
  }

  private boolean spared(Resource r) {
    return "true".equals(r.labels().get(EXCLUDE))
        || (r.created() != null && r.created().plus(schedule.gracePeriod()).isAfter(at));
  }

  private static ResourceUpdate update(Map<String, String> setTags, Set<String> removeTags, Map<String, Object> body) {
    return new ResourceUpdate(setTags, removeTags, Map.of(), Set.of(), body);
  }

  private String recordValue(String phase, Map<String, Object> originals) {
    StringBuilder sb = new StringBuilder("schedule=").append(schedule.name()).append(" phase=").append(phase);
    originals.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    if (sb.length() > MAX_TAG_VALUE) {
      throw new PlatformException("schedule \"" + schedule.name() + "\": the sleep record " + sb
          + " is longer than the " + MAX_TAG_VALUE + " characters of a tag value");
    }
    return sb.toString();
  }

  private static String withPhase(Map<String, String> record, String phase) {
    StringBuilder sb = new StringBuilder();
    record.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append("phase".equals(k) ? phase : v));
    return sb.toString();
  }

  /** The record on a target: its fields in order; a record that does not parse names no schedule. */
  static Optional<Map<String, String>> recordOf(Resource r) {
    String value = r.labels().get(RECORD);
    return value == null ? Optional.empty() : Optional.of(parse(value));
  }

  static Map<String, String> parse(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : value.trim().split(" +")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        return Map.of(); // edited into nonsense: a record of nobody, left alone
      }
      out.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return out;
  }

  private static int intOf(Object value) {
    return intOf(value, 0);
  }

  private static int intOf(Object value, int fallback) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value instanceof String s) {
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }
}
