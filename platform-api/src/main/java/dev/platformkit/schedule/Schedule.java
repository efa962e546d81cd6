package dev.platformkit.schedule;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.Ownership;
import dev.platformkit.internal.Checks;
import dev.platformkit.internal.PlatformStyle;
import dev.platformkit.tenant.Tenant;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * When non-production workloads sleep and wake: uptime windows in a time zone, holidays, a temporary
 * override, and the targets (Kubernetes workloads, EKS node groups, RDS instances, Auto Scaling groups).
 * Outside the windows the targets are down; the original replica counts and sizes come back when they
 * are up again.
 *
 * <pre>{@code
 * Schedule office = Schedule.builder()
 *     .name("payments-office-hours")
 *     .timeZone("Europe/Berlin")
 *     .addWindows(Window.parse("Mon-Fri 07:30-20:30"))
 *     .addHolidays(LocalDate.of(2025, 12, 25), LocalDate.of(2025, 12, 26))
 *     .targets(Targets.builder().addTenants("payments").build())
 *     .build();
 * boolean up = office.isUp(clock.instant());
 * }</pre>
 *
 * <p>{@code build()} checks everything at once and throws a {@link dev.platformkit.ValidationException}
 * listing every violation with its field path (names as in the spec document). The parts
 * ({@link Targets}, {@link ScheduleOverride}, {@link NodeGroup}) are checked as part of the schedule.
 *
 * <p>The evaluation methods ({@link #isUp(Instant)}, {@link #nextTransition(Instant)},
 * {@link #transitions(Instant, Instant)}) are pure functions of the schedule and the instant given.
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableSchedule.class)
@JsonDeserialize(as = ImmutableSchedule.class)
public abstract class Schedule implements Serializable, WithSchedule {
  // only the generated implementation extends it: no subclass can skip validation
  Schedule() {}

  private static final long serialVersionUID = 1L;

  /** The longest schedule name: the owner label {@code schedule.<name>} must fit in 63 characters. */
  public static final int MAX_NAME_LENGTH = 54; // a literal, so that Javadoc's {@value} can show it

  /** How far {@link #nextTransition(Instant)} looks ahead. */
  public static final Duration TRANSITION_LOOKAHEAD = Duration.ofDays(400);

  /** The default {@link #gracePeriod()}. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(1);

  // AWS naming rules (EKS CreateCluster/CreateNodegroup, RDS CreateDBInstance, CreateAutoScalingGroup)
  private static final Pattern EKS_CLUSTER = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");
  private static final Pattern EKS_NODE_GROUP = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,62}");
  private static final Pattern RDS_INSTANCE = Pattern.compile("[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}(?<!-)");
  private static final Pattern AUTO_SCALING_GROUP = Pattern.compile("[^\\p{Cntrl}]{1,255}");

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this schedule's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** The schedule name: a DNS-1123 label of at most {@value #MAX_NAME_LENGTH} characters. Required. */
  public abstract String name();

  /**
   * The IANA time zone the windows and holidays are in ({@code Europe/Berlin}, {@code America/New_York},
   * {@code UTC}). Required. Daylight saving time is followed: see {@link #isUp(Instant)}.
   */
  public abstract String timeZone();

  /**
   * When the targets are up, such as {@code Mon-Fri 07:30-20:30}; outside every window they are down.
   * Windows may overlap (the targets are up in either). At least one is required: a schedule without
   * windows would keep its targets down for good.
   */
  public abstract List<Window> windows();

  /**
   * Dates (in {@link #timeZone()}) on which the targets stay down all day: no window opens, and a
   * window still open from the evening before closes at midnight. Written as {@code 2025-12-25}.
   */
  @JsonFormat(shape = JsonFormat.Shape.STRING)
  public abstract List<LocalDate> holidays();

  /** A temporary exception: the targets forced up or down until an instant. */
  public abstract Optional<ScheduleOverride> override();

  /** What is put to sleep. Required, and must name at least one tenant, namespace or AWS resource. */
  public abstract Targets targets();

  /** The replicas of each Deployment and StatefulSet during downtime. Default: 0. */
  @Value.Default
  public int downtimeReplicas() {
    return 0;
  }

  /**
   * How long a freshly created workload is left alone before a downtime applies to it, so that what
   * someone deploys in the evening is not scaled down the moment it starts. Default: one hour
   * ({@code PT1H}); {@code PT0S} applies downtime at once.
   */
  @Value.Default
  @JsonFormat(shape = JsonFormat.Shape.STRING)
  public Duration gracePeriod() {
    return DEFAULT_GRACE_PERIOD;
  }

  /** What happens to a target someone scales up by hand during downtime. Default: {@code respect}. */
  @Value.Default
  public ManualChangePolicy manualChanges() {
    return ManualChangePolicy.RESPECT;
  }

  /**
   * When true the schedule changes nothing: targets are neither put to sleep nor woken, and whatever
   * they are now they stay. The evaluation methods do not look at this flag. Default: false.
   */
  @Value.Default
  public boolean suspended() {
    return false;
  }

  /** The time zone as a {@link ZoneId}. Only call it on a built schedule (whose time zone was checked). */
  @JsonIgnore
  public ZoneId zone() {
    return ZoneId.of(timeZone());
  }

  /** The owner value on everything the schedule changes: {@code schedule.<name>}. */
  @JsonIgnore
  public String owner() {
    return Ownership.owner("Schedule", name());
  }

  /**
   * Whether the targets should be up at {@code at}. An override in force decides alone; otherwise the
   * targets are up while any window is open, except on holidays.
   *
   * <p>Windows are wall-clock times in {@link #timeZone()}: a window opens at the first instant the
   * clock shows its start time or later. When the clock springs forward over the start, the window
   * opens at the jump; when it falls back, the window opens the first time the clock shows the start
   * and stays open through the repeated hour. Ends work the same way.
   */
  public boolean isUp(Instant at) {
    return timetable().isUp(at);
  }

  /**
   * The next instant strictly after {@code after} at which {@link #isUp(Instant)} changes, looking at
   * most {@link #TRANSITION_LOOKAHEAD} ahead. Empty when the state does not change in that time (a
   * window open all week, or a long override).
   */
  public Optional<Instant> nextTransition(Instant after) {
    return timetable().nextTransition(after, TRANSITION_LOOKAHEAD);
  }

  /**
   * Every change of {@link #isUp(Instant)} at instants {@code t} with {@code from < t <= to}, in order,
   * so that consecutive ranges {@code (a, b]} and {@code (b, c]} neither miss nor repeat a transition.
   * The work grows with the length of the range.
   */
  public List<Transition> transitions(Instant from, Instant to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
    }
    return timetable().transitions(from, to);
  }

  private Timetable timetable() {
    return new Timetable(zone(), windows(), Set.copyOf(holidays()), override());
  }

  /** Checks the whole schedule, parts included, and throws one exception listing every violation. */
  @Value.Check
  protected void check() {
    Checks c = new Checks("Schedule" + (name() == null ? "" : " " + name()));
    c.dnsLabel("name", name(), MAX_NAME_LENGTH);
    timeZone(c);

    if (windows().isEmpty()) {
      c.add("windows", "at least one window is required (such as Mon-Fri 07:30-20:30); without one the targets would never be up");
    }
    noRepeats(c, "windows", windows());
    noRepeats(c, "holidays", holidays());
    override().ifPresent(o -> override(c, o));
    if (c.required("targets", targets())) {
      targets(c, targets());
    }
    if (downtimeReplicas() < 0) {
      c.add("downtimeReplicas", downtimeReplicas() + " is negative; use 0 or more");
    }
    if (c.required("gracePeriod", gracePeriod()) && gracePeriod().isNegative()) {
      c.add("gracePeriod", gracePeriod() + " is negative; use PT0S or more");
    }
    c.required("manualChanges", manualChanges());
    c.throwIfAny();
  }

  private void timeZone(Checks c) {
    if (!c.required("timeZone", timeZone())) {
      return;
    }
    // only region IDs from the IANA database: no fixed offsets such as +02:00, which ignore DST
    if (ZoneId.getAvailableZoneIds().contains(timeZone())) {
      return;
    }
    String hint = ZoneId.getAvailableZoneIds().stream()
        .filter(id -> id.equalsIgnoreCase(timeZone()))
        .findFirst()
        .map(id -> "; did you mean " + id + "?")
        .orElse(" (such as Europe/Berlin, America/New_York or UTC)");
    c.add("timeZone", "\"" + timeZone() + "\" is not an IANA time zone" + hint);
  }

  private static void override(Checks c, ScheduleOverride o) {
    c.required("override.mode", o.mode());
    if (c.required("override.until", o.until()) && o.start().isPresent() && !o.start().get().isBefore(o.until())) {
      c.add("override.start", o.start().get() + " is not before until " + o.until());
    }
  }

  private static void targets(Checks c, Targets t) {
    if (!t.hasWorkloads() && !t.hasAwsResources()) {
      c.add("targets", "nothing is targeted; list tenants or namespaces (for workloads), nodeGroups, rdsInstances or autoScalingGroups");
    }
    eachElement(c, "targets.tenants", t.tenants(), (p, v) -> c.dnsLabel(p, v, Tenant.MAX_NAME_LENGTH));
    eachElement(c, "targets.namespaces", t.namespaces(), (p, v) -> c.dnsLabel(p, v, 63));
    eachElement(c, "targets.excludeNamespaces", t.excludeNamespaces(), (p, v) -> c.dnsLabel(p, v, 63));
    c.labels("targets.labelSelector", t.labelSelector());
    if (!t.labelSelector().isEmpty() && !t.hasWorkloads()) {
      c.add("targets.labelSelector", "selects workloads only in the listed tenants and namespaces; list some");
    }
    if (t.kinds().isEmpty()) {
      c.add("targets.kinds", "at least one kind is required (Deployment, StatefulSet, CronJob)");
    }
    eachElement(c, "targets.excludeNames", t.excludeNames(), c::dnsSubdomain);
    eachElement(c, "targets.nodeGroups", t.nodeGroups(), (p, g) -> {
      if (c.required(p + ".cluster", g.cluster()) && !EKS_CLUSTER.matcher(g.cluster()).matches()) {
        c.add(p + ".cluster", "\"" + g.cluster() + "\" is not an EKS cluster name (letters, digits, '-' and '_', starting with a letter or digit, at most 100)");
      }
      if (c.required(p + ".name", g.name()) && !EKS_NODE_GROUP.matcher(g.name()).matches()) {
        c.add(p + ".name", "\"" + g.name() + "\" is not a node group name (letters, digits, '-' and '_', starting with a letter or digit, at most 63)");
      }
    });
    eachElement(c, "targets.rdsInstances", t.rdsInstances(), (p, id) -> {
      if (!RDS_INSTANCE.matcher(id).matches()) {
        c.add(p, "\"" + id + "\" is not a DB instance identifier (letters, digits and '-', starting with a letter, at most 63, no '--' and no '-' at the end)");
      }
    });
    eachElement(c, "targets.autoScalingGroups", t.autoScalingGroups(), (p, name) -> {
      if (!AUTO_SCALING_GROUP.matcher(name).matches() || name.isBlank()) {
        c.add(p, "\"" + name + "\" is not an Auto Scaling group name (1 to 255 characters, no control characters)");
      }
    });
  }

  /** Checks each element with {@code each} and reports repeats (the first occurrence stays valid). */
  private static <T> void eachElement(Checks c, String path, List<T> values, ElementCheck<T> each) {
    Map<T, Integer> first = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      T v = values.get(i);
      String p = path + "[" + i + "]";
      each.check(p, v);
      Integer earlier = first.putIfAbsent(v, i);
      if (earlier != null) {
        c.add(p, "\"" + v + "\" is listed twice (also " + path + "[" + earlier + "])");
      }
    }
  }

  private static <T> void noRepeats(Checks c, String path, List<T> values) {
    eachElement(c, path, values, (p, v) -> { });
  }

  @FunctionalInterface
  private interface ElementCheck<T> {
    void check(String path, T value);
  }

  /** Builds {@link Schedule}s. */
  public static class Builder extends ImmutableSchedule.Builder {}
}
