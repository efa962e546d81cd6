package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.platformkit.Platform;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.ScheduleOverride;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Window;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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
  private static Process moto;
  private static RdsClient rds;
  private static AutoScalingClient autoScaling;

  @BeforeAll
  static void startMoto() throws IOException {
    Optional<List<String>> command = motoCommand();
    assumeTrue(command.isPresent(), "moto is not installed (neither moto_server on the PATH nor python3 -m moto.server);"
        + " install it with pip install 'moto[server]'");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(command.get());
    cmd.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    moto = pb.start();
    // moto says where it listens once it does; its output is drained afterwards so it never blocks
    BufferedReader out = new BufferedReader(new InputStreamReader(moto.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); ; line = out.readLine()) {
      if (line == null) {
        throw new IllegalStateException("moto_server exited before listening:\n" + seen);
      }
      seen.append(line).append('\n');
      if (line.contains("Running on")) {
        break;
      }
    }
    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "moto-output");
    drain.setDaemon(true);
    drain.start();

    URI endpoint = URI.create("http://127.0.0.1:" + port);
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    rds = RdsClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint).credentialsProvider(credentials).build();
    autoScaling = AutoScalingClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
        .credentialsProvider(credentials).build();
  }

  @AfterAll
  static void stopMoto() throws InterruptedException {
    if (rds != null) {
      rds.close();
      autoScaling.close();
    }
    if (moto != null) {
      moto.destroy();
      if (!moto.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        moto.destroyForcibly();
      }
    }
  }

  // moto_server on the PATH, else python3 -m moto.server when python3 has moto
  private static Optional<List<String>> motoCommand() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "moto_server");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(List.of(candidate.toString()));
      }
    }
    try {
      Process probe = new ProcessBuilder("python3", "-c", "import moto.server").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      return probe.waitFor() == 0 ? Optional.of(List.of("python3", "-m", "moto.server")) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
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
