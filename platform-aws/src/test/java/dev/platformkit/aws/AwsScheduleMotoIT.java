package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.Platform;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.ScheduleOverride;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Window;
import dev.platformkit.testkit.junit.MotoServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The RDS and Auto Scaling sleepers against moto's server (a local AWS API emulator, {@code moto_server}):
 * the real SDK wire protocols (Query/XML), real request validation and real tag round trips. Skipped when
 * moto is not installed; {@code .ci/run} makes sure it is in CI.
 */
class AwsScheduleMotoIT {
  private static MotoServer moto;
  private static RdsClient rds;
  private static AutoScalingClient autoScaling;

  @BeforeAll
  static void startMoto() throws IOException {
    moto = MotoServer.start();
    rds = RdsClient.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint()).credentialsProvider(MotoServer.CREDENTIALS)
        .build();
    autoScaling = AutoScalingClient.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
        .credentialsProvider(MotoServer.CREDENTIALS).build();
  }

  @AfterAll
  static void stopMoto() throws InterruptedException {
    if (rds != null) {
      rds.close();
      autoScaling.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  private static DBInstance db(String id) {
    return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
  }

  private static Map<String, String> tags(DBInstance db) {
    return db.tagList().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()));
  }

  private static AutoScalingGroup group(String name) {
    return autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups().get(0);
  }

  private static Map<String, String> tags(AutoScalingGroup g) {
    return g.tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()));
  }

  @Test
  void rdsInstancesAndAutoScalingGroupsSleepAndWakeOnMoto() {
    rds.createDBInstance(r -> r.dbInstanceIdentifier("orders-db").engine("postgres").dbInstanceClass("db.t3.micro")
        .allocatedStorage(20).masterUsername("app").masterUserPassword("not-a-secret-1"));
    autoScaling.createLaunchConfiguration(r -> r.launchConfigurationName("batch-lc").imageId("ami-12c6146b")
        .instanceType("t3.micro"));
    autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName("batch").launchConfigurationName("batch-lc")
        .minSize(2).maxSize(6).desiredCapacity(4).availabilityZones("us-east-1a"));

    Platform platform = Platform.builder().aws(AwsBackend.builder().rds(rds).autoScaling(autoScaling).build()).build();
    // down all week but for one minute on Saturdays; the targets were created just now
    Instant night = Instant.now().plus(Duration.ofHours(1));
    Schedule schedule = Schedule.builder().name("office").timeZone("UTC").addWindows(Window.parse("Sat 00:00-00:01"))
        .targets(Targets.builder().addRdsInstances("orders-db").addAutoScalingGroups("batch").build())
        .gracePeriod(Duration.ZERO).build();
    if (schedule.isUp(night)) {
      night = night.plus(Duration.ofMinutes(2));
    }

    platform.schedules().reconcile(schedule, night);

    assertThat(db("orders-db").dbInstanceStatus()).isEqualTo("stopped");
    assertThat(tags(db("orders-db"))).containsEntry("platformkit:sleep", "schedule=office phase=down");
    AutoScalingGroup asleep = group("batch");
    assertThat(List.of(asleep.minSize(), asleep.maxSize(), asleep.desiredCapacity())).containsExactly(0, 6, 0);
    assertThat(tags(asleep)).containsEntry("platformkit:sleep", "schedule=office phase=down minSize=2 maxSize=6 desiredCapacity=4");
    assertThat(platform.schedules().plan(schedule, night.plus(Duration.ofMinutes(1))).isEmpty()).as("nothing left to do").isTrue();

    Schedule morning = schedule.withOverride(ScheduleOverride.up(night.plus(Duration.ofDays(1))));
    platform.schedules().reconcile(morning, night.plus(Duration.ofHours(1)));

    assertThat(db("orders-db").dbInstanceStatus()).isEqualTo("available");
    assertThat(tags(db("orders-db"))).doesNotContainKey("platformkit:sleep");
    AutoScalingGroup awake = group("batch");
    assertThat(List.of(awake.minSize(), awake.maxSize(), awake.desiredCapacity())).containsExactly(2, 6, 4);
    assertThat(tags(awake)).doesNotContainKey("platformkit:sleep");
    assertThat(platform.schedules().plan(morning, night.plus(Duration.ofHours(2))).isEmpty()).isTrue();
  }
}
