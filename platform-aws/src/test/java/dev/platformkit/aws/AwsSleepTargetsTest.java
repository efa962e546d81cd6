package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.ConflictException;
import dev.platformkit.PlatformException;
import dev.platformkit.Platform;
import dev.platformkit.ResourceRef;
import dev.platformkit.schedule.NodeGroup;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Window;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.StoreClient;
import dev.platformkit.testkit.aws.FakeAutoScalingClient;
import dev.platformkit.testkit.aws.FakeEksClient;
import dev.platformkit.testkit.aws.FakeRdsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eks.model.NodegroupScalingConfig;

/** The AWS stores of schedule targets on the fakes: the order of the calls inside one update, and errors. */
class AwsSleepTargetsTest {
  static final Instant NIGHT = Instant.parse("2026-12-01T02:00:00Z");
  static final Instant MORNING = Instant.parse("2026-12-01T10:00:00Z");

  private final FakeClock clock = FakeClock.at(NIGHT.minus(Duration.ofDays(1)));
  private final FakeEksClient eks = new FakeEksClient(clock).addCluster("prod")
      .addNodegroup("prod", "workers", 1, 5, 3, Map.of());
  private final FakeRdsClient rds = new FakeRdsClient(clock).addInstance("orders-db", Map.of());
  private final FakeAutoScalingClient autoScaling = new FakeAutoScalingClient(clock).addGroup("batch", 2, 6, 4, Map.of());
  private final AwsBackend backend = AwsBackend.builder().eks(eks).rds(rds).autoScaling(autoScaling).build();
  private final StoreClient store = StoreClient.of(backend);
  private final Platform platform = Platform.builder().aws(backend).clock(clock).sleeper(clock.sleeper()).jitterSeed(3).build();

  private static Schedule office() {
    return Schedule.builder().name("office").timeZone("UTC").addWindows(Window.parse("Mon-Fri 08:00-20:00"))
        .targets(Targets.builder().addNodeGroups(NodeGroup.of("prod", "workers")).addRdsInstances("orders-db")
            .addAutoScalingGroups("batch").build())
        .gracePeriod(Duration.ZERO).build();
  }

  private void at(Instant instant) {
    clock.set(instant);
  }

  private NodegroupScalingConfig scaling() {
    return eks.describeNodegroup(r -> r.clusterName("prod").nodegroupName("workers")).nodegroup().scalingConfig();
  }

  private Map<String, String> nodeGroupTags() {
    return eks.describeNodegroup(r -> r.clusterName("prod").nodegroupName("workers")).nodegroup().tags();
  }

  private static SdkClientException killed() {
    return SdkClientException.create("the process was killed");
  }

  @Test
  void aCrashBetweenTheRecordAndTheResizeIsCompletedByTheNextReconcile() {
    at(NIGHT);
    eks.failNext(FakeEksClient.UPDATE_NODEGROUP_CONFIG, 1, AwsSleepTargetsTest::killed);
    rds.failNext(FakeRdsClient.STOP_DB_INSTANCE, 1, AwsSleepTargetsTest::killed);

    assertThatThrownBy(() -> platform.schedules().reconcile(office(), NIGHT)).hasMessageContaining("killed");
    assertThat(nodeGroupTags()).containsEntry("platformkit:sleep", "schedule=office phase=going-down minSize=1 maxSize=5 desiredSize=3");
    assertThat(scaling().desiredSize()).as("the record is written before the resize").isEqualTo(3);

    // the next run completes the node group, then meets the second fault on the instance, then completes all
    assertThatThrownBy(() -> platform.schedules().reconcile(office(), NIGHT)).hasMessageContaining("killed");
    assertThat(rds.tags("orders-db")).containsEntry("platformkit:sleep", "schedule=office phase=going-down");
    assertThat(rds.status("orders-db")).isEqualTo("available");
    platform.schedules().reconcile(office(), NIGHT);
    clock.advance(Duration.ofMinutes(10));

    assertThat(scaling().desiredSize()).isZero();
    assertThat(scaling().minSize()).isZero();
    assertThat(nodeGroupTags()).containsEntry("platformkit:sleep", "schedule=office phase=down minSize=1 maxSize=5 desiredSize=3");
    assertThat(rds.status("orders-db")).isEqualTo("stopped");
    assertThat(rds.tags("orders-db")).containsEntry("platformkit:sleep", "schedule=office phase=down");
    assertThat(autoScaling.sizes("batch")).containsExactly(0, 6, 0);
  }

  @Test
  void aCrashBetweenTheRestoreAndTheUntagLeavesTheOriginalsAndTheNextReconcileDropsTheRecord() {
    at(NIGHT);
    platform.schedules().reconcile(office(), NIGHT);
    at(MORNING);
    eks.failNext(FakeEksClient.UNTAG_RESOURCE, 1, AwsSleepTargetsTest::killed);

    assertThatThrownBy(() -> platform.schedules().reconcile(office(), MORNING)).hasMessageContaining("killed");
    assertThat(scaling().desiredSize()).isEqualTo(3);
    assertThat(nodeGroupTags()).containsKey("platformkit:sleep");

    clock.advance(Duration.ofMinutes(10));
    platform.schedules().reconcile(office(), clock.instant());
    assertThat(nodeGroupTags()).doesNotContainKey("platformkit:sleep");
    assertThat(scaling().minSize()).isEqualTo(1);
    assertThat(scaling().maxSize()).isEqualTo(5);
    assertThat(scaling().desiredSize()).isEqualTo(3);
  }

  @Test
  void aNodeGroupBeingUpdatedIsNotResizedNowAndNothingIsWrittenToIt() {
    at(NIGHT);
    eks.updateNodegroupConfig(r -> r.clusterName("prod").nodegroupName("workers").scalingConfig(c -> c.minSize(1).maxSize(5).desiredSize(4)));
    int before = eks.writeCalls();

    assertThat(platform.schedules().plan(office(), NIGHT).warnings()).anyMatch(w -> w.contains("prod/workers is UPDATING"));
    Resource current = store.get(ResourceRef.aws("NodeGroup", "prod/workers")).orElseThrow();
    assertThatThrownBy(() -> store.update(current, new ResourceUpdate(Map.of("platformkit:sleep", "x"), Set.of(), Map.of(), Set.of(),
        Map.of("scalingConfig", Map.of("desiredSize", 0, "minSize", 0)))))
        .isInstanceOf(ConflictException.class).hasMessageContaining("UPDATING");
    assertThat(eks.writeCalls()).as("refused before the first write").isEqualTo(before);
  }

  @Test
  void anInvalidInstanceStateIsARetryableConflictAndThrottlingIsRetried() {
    at(NIGHT);
    rds.stopDBInstance(r -> r.dbInstanceIdentifier("orders-db"));
    Resource stopping = store.get(ResourceRef.aws("DBInstance", "orders-db")).orElseThrow();
    assertThat(stopping.body()).containsEntry("status", "stopping");
    assertThatThrownBy(() -> store.update(stopping, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("status", "available"))))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("not stopped, it cannot be started");

    clock.advance(Duration.ofMinutes(10));
    autoScaling.throttleNext(FakeAutoScalingClient.UPDATE_AUTO_SCALING_GROUP, 2);
    eks.throttleNext(FakeEksClient.TAG_RESOURCE, 1);
    platform.schedules().reconcile(office(), clock.instant());
    assertThat(autoScaling.sizes("batch")).containsExactly(0, 6, 0);
    assertThat(scaling().desiredSize()).isZero();
  }

  @Test
  void aTargetChangedSinceItWasReadIsAConflictAndListingIsRefusedClearly() {
    Resource current = store.get(ResourceRef.aws("AutoScalingGroup", "batch")).orElseThrow();
    autoScaling.updateAutoScalingGroup(r -> r.autoScalingGroupName("batch").desiredCapacity(5));
    assertThatThrownBy(() -> store.update(current, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of("desiredCapacity", 0, "minSize", 0)))).isInstanceOf(ConflictException.class);
    assertThat(autoScaling.sizes("batch")).containsExactly(2, 6, 5);

    assertThatThrownBy(() -> store.list("DBInstance", Map.of())).isInstanceOf(PlatformException.class)
        .hasMessageContaining("name them");
    assertThat(store.get(ResourceRef.aws("DBInstance", "nope"))).isEmpty();
    assertThat(store.get(ResourceRef.aws("NodeGroup", "prod/nope"))).isEmpty();
    assertThat(store.get(ResourceRef.aws("NodeGroup", "elsewhere/workers"))).isEmpty();
    assertThat(store.get(ResourceRef.aws("AutoScalingGroup", "nope"))).isEmpty();
  }
}
