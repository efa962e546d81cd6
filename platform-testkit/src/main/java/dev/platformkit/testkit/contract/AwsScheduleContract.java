package dev.platformkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.RetryPolicy;
import dev.platformkit.schedule.ManualChangePolicy;
import dev.platformkit.schedule.NodeGroup;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Window;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.testkit.CountingStore;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.FaultyStore;
import dev.platformkit.testkit.StoreClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every AWS backend must do for the AWS targets of {@link Schedule}s: put EKS node groups, RDS
 * instances and Auto Scaling groups to sleep at night and wake them in the morning exactly as they were,
 * writing only their sizes (status) and the {@code platformkit:sleep} tag, and never losing a count, even
 * when a reconcile stops after any of its writes.
 *
 * <p>A backend's test extends this class: {@link #aws(FakeClock)} returns a fresh, empty store whose
 * services (fakes) run on the clock given, and {@link #existing(Resource)} makes a target exist as if
 * someone else had created it. The suite moves the clock to each reconcile's time and past the services'
 * transitions (a few minutes).
 */
public abstract class AwsScheduleContract {
  /** A Tuesday night and the next morning, in UTC. */
  static final Instant NIGHT = Instant.parse("2026-12-01T02:00:00Z");
  static final Instant MORNING = Instant.parse("2026-12-01T10:00:00Z");
  /** Long enough for any transition of the services (stopping, updating, ...). */
  static final Duration SETTLE = Duration.ofMinutes(15);

  static final String NODE_GROUP = "prod/workers";
  static final String DB = "orders-db";
  static final String ASG = "batch";

  /** A fresh, empty AWS store for one test (called once per test); its services run on {@code clock}. */
  protected abstract ResourceStore aws(FakeClock clock);

  /**
   * Makes {@code target} exist, created now on the clock, as someone else created it: a {@code NodeGroup}
   * named {@code <cluster>/<nodegroup>} with body {@code {scalingConfig: {minSize, maxSize, desiredSize},
   * status}}, a {@code DBInstance} with body {@code {status}}, an {@code AutoScalingGroup} with body
   * {@code {minSize, maxSize, desiredCapacity}}; labels are its tags. A transitional status (a node group
   * {@code CREATING}, an instance {@code modifying}) may end by itself as the clock moves.
   */
  protected abstract void existing(Resource target);

  /**
   * The DB instance has been stopped for seven days (the clock has moved past them): RDS starts it by
   * itself. Backends whose service does so (the RDS fake) override this with nothing; the default starts
   * it through the store, as the in-memory store has no such rule.
   */
  protected void rdsStartsByItself(String dbInstance) {
    Resource db = aws.get(ref("DBInstance", dbInstance)).orElseThrow();
    aws.update(db, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of("status", "available")));
    clock.advance(SETTLE);
  }

  private FakeClock clock;
  private CountingStore counting;
  private FaultyStore faulty;
  private StoreClient aws;
  private Platform platform;

  @BeforeEach
  void wire() {
    clock = FakeClock.at(NIGHT.minus(Duration.ofDays(2)));
    faulty = new FaultyStore(aws(clock));
    counting = new CountingStore(faulty);
    aws = StoreClient.of(counting);
    platform = Platform.builder().aws(counting).clock(clock).sleeper(clock.sleeper()).jitterSeed(7)
        .retryPolicy(RetryPolicy.DEFAULT).build();
  }

  static Schedule office(ManualChangePolicy policy) {
    return Schedule.builder().name("office").timeZone("UTC").addWindows(Window.parse("Mon-Fri 08:00-20:00"))
        .targets(Targets.builder().addNodeGroups(NodeGroup.of("prod", "workers")).addRdsInstances(DB)
            .addAutoScalingGroups(ASG).build())
        .gracePeriod(Duration.ZERO).manualChanges(policy).build();
  }

  private static ResourceRef ref(String kind, String name) {
    return ResourceRef.aws(kind, name);
  }

  private void nodeGroup(String name, int min, int max, int desired, Map<String, String> tags) {
    Map<String, Object> scaling = new LinkedHashMap<>();
    scaling.put("minSize", min);
    scaling.put("maxSize", max);
    scaling.put("desiredSize", desired);
    existing(Resource.desired(ref("NodeGroup", name), tags, Map.of(), Map.of("scalingConfig", scaling, "status", "ACTIVE")));
  }

  private void db(String id, String status, Map<String, String> tags) {
    existing(Resource.desired(ref("DBInstance", id), tags, Map.of(), Map.of("status", status)));
  }

  private void asg(String name, int min, int max, int desired, Map<String, String> tags) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("minSize", min);
    body.put("maxSize", max);
    body.put("desiredCapacity", desired);
    existing(Resource.desired(ref("AutoScalingGroup", name), tags, Map.of(), body));
  }

  private void targets() {
    nodeGroup(NODE_GROUP, 1, 5, 3, Map.of("team", "payments"));
    db(DB, "available", Map.of("team", "payments"));
    asg(ASG, 2, 6, 4, Map.of("team", "payments"));
  }

  private Resource read(String kind, String name) {
    return aws.get(ref(kind, name)).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> scaling() {
    return (Map<String, Object>) read("NodeGroup", NODE_GROUP).body().get("scalingConfig");
  }

  private String sizes() {
    Map<String, Object> s = scaling();
    Map<String, Object> a = read("AutoScalingGroup", ASG).body();
    return "ng " + s.get("minSize") + "/" + s.get("maxSize") + "/" + s.get("desiredSize")
        + " asg " + a.get("minSize") + "/" + a.get("maxSize") + "/" + a.get("desiredCapacity")
        + " db " + read("DBInstance", DB).body().get("status");
  }

  private String record(String kind, String name) {
    return read(kind, name).labels().get("platformkit:sleep");
  }

  private void reconcileAt(Instant at, Schedule schedule) {
    if (clock.instant().isBefore(at)) {
      clock.set(at);
    }
    platform.schedules().reconcile(schedule, at);
    clock.advance(SETTLE);
  }

  @Test
  void atNightTargetsSleepWithTheirSizesRecordedAndTheMorningRestoresExactly() {
    targets();
    clock.set(NIGHT);
    counting.reset();

    Plan plan = platform.schedules().plan(office(ManualChangePolicy.RESPECT), NIGHT);
    assertThat(counting.writes()).as("plan writes nothing").isZero();
    assertThat(plan.render()).contains("~ scalingConfig.desiredSize: 3 -> 0").contains("~ desiredCapacity: 4 -> 0")
        .contains("~ status: available -> stopped").contains("phase=going-down").contains("phase=down");

    reconcileAt(NIGHT, office(ManualChangePolicy.RESPECT));

    assertThat(sizes()).isEqualTo("ng 0/5/0 asg 0/6/0 db stopped");
    assertThat(record("NodeGroup", NODE_GROUP)).isEqualTo("schedule=office phase=down minSize=1 maxSize=5 desiredSize=3");
    assertThat(record("AutoScalingGroup", ASG)).isEqualTo("schedule=office phase=down minSize=2 maxSize=6 desiredCapacity=4");
    assertThat(record("DBInstance", DB)).isEqualTo("schedule=office phase=down");
    assertThat(read("NodeGroup", NODE_GROUP).labels()).as("other tags are left alone").containsEntry("team", "payments");

    counting.reset();
    clock.set(NIGHT.plus(Duration.ofHours(1)));
    assertThat(platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), clock.instant()).isNoop()).isTrue();
    assertThat(counting.writes()).as("a second reconcile writes nothing").isZero();

    reconcileAt(MORNING, office(ManualChangePolicy.RESPECT));

    assertThat(sizes()).isEqualTo("ng 1/5/3 asg 2/6/4 db available");
    assertThat(read("NodeGroup", NODE_GROUP).labels()).doesNotContainKey("platformkit:sleep").containsEntry("team", "payments");
    assertThat(read("AutoScalingGroup", ASG).labels()).doesNotContainKey("platformkit:sleep");
    assertThat(read("DBInstance", DB).labels()).doesNotContainKey("platformkit:sleep");
    counting.reset();
    assertThat(platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), clock.instant()).isNoop()).isTrue();
    assertThat(counting.writes()).isZero();
  }

  @Test
  void anInstanceRdsStartsAfterSevenDaysIsStoppedAgainByTheNextReconcile() {
    db(DB, "available", Map.of());
    // down all week but for one minute on Saturdays
    Schedule weekly = office(ManualChangePolicy.RESPECT).withWindows(Window.parse("Sat 00:00-00:01"))
        .withTargets(Targets.builder().addRdsInstances(DB).build());
    reconcileAt(NIGHT, weekly);
    assertThat(read("DBInstance", DB).body()).containsEntry("status", "stopped");

    clock.advance(Duration.ofDays(7));
    rdsStartsByItself(DB);
    assertThat(read("DBInstance", DB).body()).containsEntry("status", "available");
    assertThat(record("DBInstance", DB)).as("RDS keeps our record").isEqualTo("schedule=office phase=down");

    Instant later = clock.instant();
    assertThat(platform.schedules().plan(weekly, later).changes()).singleElement()
        .satisfies(c -> assertThat(c.render()).contains("~ status: available -> stopped"));
    reconcileAt(later, weekly);
    assertThat(read("DBInstance", DB).body()).containsEntry("status", "stopped");
    assertThat(record("DBInstance", DB)).isEqualTo("schedule=office phase=down");
  }

  @Test
  void targetsInTransitionalStatesWaitForTheNextReconcile() {
    clock.set(NIGHT);
    db("reporting-db", "modifying", Map.of());
    nodeGroup("prod/new", 1, 3, 2, Map.of());
    Schedule schedule = office(ManualChangePolicy.RESPECT).withTargets(Targets.builder().addRdsInstances("reporting-db")
        .addNodeGroups(NodeGroup.of("prod", "new")).build());
    Resource fresh = read("NodeGroup", "prod/new");
    if (!"ACTIVE".equals(fresh.body().get("status"))) {
      // the service's node group is still CREATING: it waits too
      assertThat(platform.schedules().plan(schedule, NIGHT).warnings()).anyMatch(w -> w.contains("prod/new is CREATING"));
    }
    Plan plan = platform.schedules().plan(schedule.withTargets(Targets.builder().addRdsInstances("reporting-db").build()), NIGHT);
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.warnings()).anyMatch(w -> w.contains("reporting-db is modifying") && w.contains("next reconcile"));

    clock.set(MORNING);
    db("waking-db", "stopping", Map.of("platformkit:sleep", "schedule=office phase=down"));
    Schedule waking = office(ManualChangePolicy.RESPECT).withTargets(Targets.builder().addRdsInstances("waking-db").build());
    assertThat(platform.schedules().plan(waking, MORNING).isEmpty()).as("cannot start a stopping instance").isTrue();
  }

  @ParameterizedTest(name = "a night reconcile stopped after {0} writes")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  void aReconcileStoppedAfterAnyWriteLosesNoCount(int writes) {
    targets();
    for (int i = 0; i < writes; i++) {
      faulty.raceNextWrite(() -> { });
    }
    faulty.failNextWrites(1, () -> new PlatformException("the process was killed"));
    clock.set(NIGHT);
    assertThatThrownBy(() -> platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), NIGHT))
        .hasMessageContaining("killed");
    clock.advance(SETTLE);

    reconcileAt(NIGHT.plus(Duration.ofMinutes(30)), office(ManualChangePolicy.RESPECT));
    assertThat(sizes()).isEqualTo("ng 0/5/0 asg 0/6/0 db stopped");
    assertThat(record("NodeGroup", NODE_GROUP)).contains("phase=down");
    counting.reset();
    platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), clock.instant());
    assertThat(counting.writes()).isZero();

    reconcileAt(MORNING, office(ManualChangePolicy.RESPECT));
    assertThat(sizes()).isEqualTo("ng 1/5/3 asg 2/6/4 db available");
  }

  @ParameterizedTest(name = "a morning reconcile stopped after {0} writes")
  @ValueSource(ints = {0, 1, 2})
  void aWakeStoppedAfterAnyWriteIsCompletedByTheNextReconcile(int writes) {
    targets();
    reconcileAt(NIGHT, office(ManualChangePolicy.RESPECT));
    for (int i = 0; i < writes; i++) {
      faulty.raceNextWrite(() -> { });
    }
    faulty.failNextWrites(1, () -> new PlatformException("the process was killed"));
    clock.set(MORNING);
    assertThatThrownBy(() -> platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), MORNING))
        .hasMessageContaining("killed");
    clock.advance(SETTLE);

    reconcileAt(MORNING.plus(Duration.ofMinutes(30)), office(ManualChangePolicy.RESPECT));
    assertThat(sizes()).isEqualTo("ng 1/5/3 asg 2/6/4 db available");
    assertThat(read("NodeGroup", NODE_GROUP).labels()).doesNotContainKey("platformkit:sleep");
  }

  @Test
  void aManualScaleDuringDowntimeIsRespectedOrEnforcedByPolicy() {
    targets();
    reconcileAt(NIGHT, office(ManualChangePolicy.RESPECT));
    // someone needs the batch workers tonight
    aws.update(read("NodeGroup", NODE_GROUP), new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("scalingConfig", Map.of("desiredSize", 2))));
    aws.update(read("AutoScalingGroup", ASG), new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("desiredCapacity", 1)));
    clock.advance(SETTLE);
    Instant later = clock.instant();

    assertThat(platform.schedules().plan(office(ManualChangePolicy.RESPECT), later).isEmpty()).isTrue();
    assertThat(platform.schedules().plan(office(ManualChangePolicy.ENFORCE), later).render())
        .contains("~ scalingConfig.desiredSize: 2 -> 0").contains("~ desiredCapacity: 1 -> 0");

    reconcileAt(MORNING, office(ManualChangePolicy.RESPECT));
    assertThat(sizes()).as("respect: left as the person set it, records dropped").isEqualTo("ng 0/5/2 asg 0/6/1 db available");
    assertThat(read("NodeGroup", NODE_GROUP).labels()).doesNotContainKey("platformkit:sleep");
  }

  @Test
  void enforceScalesDownAgainAndRestoresTheRecordedSizes() {
    targets();
    reconcileAt(NIGHT, office(ManualChangePolicy.ENFORCE));
    aws.update(read("NodeGroup", NODE_GROUP), new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("scalingConfig", Map.of("desiredSize", 2))));
    clock.advance(SETTLE);

    reconcileAt(clock.instant(), office(ManualChangePolicy.ENFORCE));
    assertThat(scaling()).containsEntry("desiredSize", 0);
    assertThat(record("NodeGroup", NODE_GROUP)).isEqualTo("schedule=office phase=down minSize=1 maxSize=5 desiredSize=3");

    aws.update(read("NodeGroup", NODE_GROUP), new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("scalingConfig", Map.of("desiredSize", 4))));
    clock.advance(SETTLE);
    reconcileAt(MORNING, office(ManualChangePolicy.ENFORCE));
    assertThat(sizes()).isEqualTo("ng 1/5/3 asg 2/6/4 db available");
  }

  @Test
  void aMissingTargetIsAWarningNotAnError() {
    nodeGroup(NODE_GROUP, 1, 5, 3, Map.of());
    clock.set(NIGHT);
    Schedule schedule = office(ManualChangePolicy.RESPECT).withTargets(Targets.builder()
        .addNodeGroups(NodeGroup.of("prod", "workers")).addRdsInstances("ghost-db").addAutoScalingGroups("ghost-asg").build());

    Plan plan = platform.schedules().plan(schedule, NIGHT);

    assertThat(plan.changes()).extracting(c -> c.target().name()).containsOnly(NODE_GROUP);
    assertThat(plan.warnings()).anyMatch(w -> w.contains("RDS instance ghost-db does not exist"))
        .anyMatch(w -> w.contains("Auto Scaling group ghost-asg does not exist"));
  }

  @Test
  void suspendedSchedulesOptedOutTargetsAndOtherSchedulesRecordsAreLeftAlone() {
    nodeGroup(NODE_GROUP, 1, 5, 3, Map.of("platformkit:schedule-exclude", "true"));
    db(DB, "available", Map.of("platformkit:sleep", "schedule=nightly phase=down"));
    asg(ASG, 2, 6, 4, Map.of());
    clock.set(NIGHT);

    assertThat(platform.schedules().plan(office(ManualChangePolicy.RESPECT).withSuspended(true), NIGHT).isEmpty()).isTrue();
    assertThat(platform.schedules().plan(office(ManualChangePolicy.RESPECT), NIGHT).changes())
        .extracting(c -> c.target().name()).containsOnly(ASG);
    assertThat(platform.schedules().plan(office(ManualChangePolicy.RESPECT), MORNING).isEmpty())
        .as("another schedule's record is not ours to undo").isTrue();
  }
}
