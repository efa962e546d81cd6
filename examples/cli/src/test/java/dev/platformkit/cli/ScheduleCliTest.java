package dev.platformkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import dev.platformkit.cli.Cli.Run;
import static dev.platformkit.cli.Cli.SPECS;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.platformkit.ResourceRef;
import dev.platformkit.schedule.InCluster;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Window;
import dev.platformkit.spec.SpecReader;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.testkit.InMemoryPlatform;
import dev.platformkit.testkit.InMemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Schedule commands on the embedded backend: {@code plan}/{@code apply} and {@code schedule show|reconcile|manifests}. */
class ScheduleCliTest {
  private static final Path TENANT = SPECS.resolve("tenant-payments.yaml");
  // Mon-Fri 07:30-20:30 Europe/Berlin, tenant payments, payments-ledger-replicator excluded, grace period 2 h
  private static final Path SCHEDULE = SPECS.resolve("schedule-payments-nonprod.yaml");
  private static final Kind DEPLOYMENT = Kind.kubernetes("apps/v1", "Deployment", "deployments", true, "spec");
  private static final Kind STATEFUL_SET = Kind.kubernetes("apps/v1", "StatefulSet", "statefulsets", true, "spec");
  private static final Kind CRON_JOB = Kind.kubernetes("batch/v1", "CronJob", "cronjobs", true, "spec");
  private static final String NIGHT = "2026-01-05T22:00:00Z";    // Monday 23:00 in Berlin
  private static final String MORNING = "2026-01-06T07:00:00Z";  // Tuesday 08:00 in Berlin

  @TempDir
  Path dir;

  private Path state;
  private InMemoryPlatform memory;

  private Run run(Instant now, String... args) {
    return Cli.run((out, err) -> Main.run(args, out, err, Clock.fixed(now, ZoneOffset.UTC)));
  }

  private Run run(String... args) {
    return run(Instant.parse("2026-01-05T12:00:00Z"), args);
  }

  @BeforeEach
  void aTenantWithWorkloads() {
    state = dir.resolve("state");
    Run apply = run("apply", "--state", state.toString(), TENANT.toString());
    assertThat(apply.status()).as(apply.err()).isZero();
    // the team deploys (a day before the nights below, so past the grace period)
    InMemoryStore k8s = load();
    k8s.clock(Clock.fixed(Instant.parse("2026-01-04T12:00:00Z"), ZoneOffset.UTC));
    k8s.create(DEPLOYMENT, workload("Deployment", "payments-dev", "api", 3, "500m", "1Gi"));
    k8s.create(DEPLOYMENT, workload("Deployment", "payments-dev", "payments-ledger-replicator", 1, "100m", "128Mi"));
    k8s.create(STATEFUL_SET, workload("StatefulSet", "payments-stage", "db", 1, "250m", "512Mi"));
    k8s.create(CRON_JOB, Resource.desired(ResourceRef.kubernetes("CronJob", "payments-dev", "report"), Map.of(), Map.of(),
        Map.of("spec", Map.of("schedule", "0 * * * *", "suspend", false))));
    save();
  }

  // the CLI's state file, as the testkit restores and snapshots it
  private InMemoryStore load() {
    memory = InMemoryPlatform.restore(state.resolve("state.json"));
    return memory.kubernetes();
  }

  private void save() {
    memory.snapshot(state.resolve("state.json"));
  }

  private static Resource workload(String kind, String ns, String name, int replicas, String cpu, String memory) {
    Map<String, Object> container = Map.of("name", "app", "image", "example/app:1",
        "resources", Map.of("requests", Map.of("cpu", cpu, "memory", memory)));
    Map<String, Object> spec = Map.of("replicas", replicas,
        "template", Map.of("metadata", Map.of("labels", Map.of("app", name)), "spec", Map.of("containers", List.of(container))));
    return Resource.desired(ResourceRef.kubernetes(kind, ns, name), Map.of(), Map.of(), Map.of("spec", spec));
  }

  private Map<?, ?> spec(String kind, String ns, String name) {
    Resource r = load().all().stream().filter(o -> o.ref().equals(ResourceRef.kubernetes(kind, ns, name))).findFirst().orElseThrow();
    return (Map<?, ?>) r.body().get("spec");
  }

  private Map<String, String> annotations(String kind, String ns, String name) {
    return load().all().stream().filter(o -> o.ref().equals(ResourceRef.kubernetes(kind, ns, name))).findFirst().orElseThrow().annotations();
  }

  @Test
  void reconcileAtNightScalesDownAndInTheMorningRestores() {
    Run night = run("schedule", "reconcile", "--state", state.toString(), "--at", NIGHT, SCHEDULE.toString());

    assertThat(night.status()).as(night.err()).isZero();
    assertThat(night.out()).contains("payments-nonprod: down").contains("applied 3 changes")
        .contains("done ~ Deployment payments-dev/api");
    assertThat(spec("Deployment", "payments-dev", "api").get("replicas")).isEqualTo(0);
    assertThat(annotations("Deployment", "payments-dev", "api")).containsEntry("platformkit.dev/sleep",
        "{\"schedule\":\"payments-nonprod\",\"replicas\":3}");
    assertThat(spec("StatefulSet", "payments-stage", "db").get("replicas")).isEqualTo(0);
    assertThat(spec("CronJob", "payments-dev", "report").get("suspend")).isEqualTo(true);
    assertThat(spec("Deployment", "payments-dev", "payments-ledger-replicator").get("replicas")).as("excluded").isEqualTo(1);

    Run again = run("schedule", "reconcile", "--state", state.toString(), "--at", NIGHT, SCHEDULE.toString());
    assertThat(again.out()).contains("no changes").doesNotContain("applied");

    Run morning = run("schedule", "reconcile", "--state", state.toString(), "--at", MORNING, SCHEDULE.toString());

    assertThat(morning.status()).as(morning.err()).isZero();
    assertThat(morning.out()).contains("payments-nonprod: up").contains("applied 3 changes");
    assertThat(spec("Deployment", "payments-dev", "api").get("replicas")).isEqualTo(3);
    assertThat(annotations("Deployment", "payments-dev", "api")).doesNotContainKey("platformkit.dev/sleep");
    assertThat(spec("StatefulSet", "payments-stage", "db").get("replicas")).isEqualTo(1);
    assertThat(spec("CronJob", "payments-dev", "report").get("suspend")).isEqualTo(false);
  }

  @Test
  void reconcileWithoutAtUsesTheClisClockAndPrintsWarnings() throws IOException {
    InMemoryStore k8s = load();
    k8s.create(Kind.kubernetes("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true, "spec"),
        Resource.desired(ResourceRef.kubernetes("PodDisruptionBudget", "payments-dev", "api"), Map.of(), Map.of(),
            Map.of("spec", Map.of("minAvailable", 1, "selector", Map.of("matchLabels", Map.of("app", "api"))))));
    save();

    Run night = run(Instant.parse(NIGHT), "schedule", "reconcile", "--state", state.toString(), SCHEDULE.toString());

    assertThat(night.status()).as(night.err()).isZero();
    assertThat(night.out()).contains("at " + NIGHT).contains("! PodDisruptionBudget payments-dev/api selects the pods of Deployment api");
    assertThat(spec("Deployment", "payments-dev", "api").get("replicas")).isEqualTo(0);
  }

  @Test
  void awsTargetsMissingFromTheEmbeddedBackendAreWarnings() throws IOException {
    Path file = dir.resolve("with-aws.yaml");
    Files.writeString(file, Files.readString(SCHEDULE).replace("    # rdsInstances: [payments-dev-db]", "    rdsInstances: [payments-dev-db]"));

    Run night = run("schedule", "reconcile", "--state", state.toString(), "--at", NIGHT, file.toString());

    assertThat(night.status()).as(night.err()).isZero();
    assertThat(night.out()).contains("! schedule \"payments-nonprod\": RDS instance payments-dev-db does not exist")
        .contains("applied 3 changes");
  }

  @Test
  void planShowsWhatAReconcileNowWouldChangeAndApplyDoesIt() {
    Run plan = run(Instant.parse(NIGHT), "plan", "--detailed-exitcode", "--state", state.toString(), SPECS.toString());

    assertThat(plan.status()).as(plan.err()).isEqualTo(Main.CHANGES);
    assertThat(plan.out()).contains("plan for 1 tenant(s)").contains("plan for 1 schedule(s) at " + NIGHT)
        .contains("~ Deployment payments-dev/api").contains("3 to update")
        .contains("plan for 1 site(s)")
        .contains("note: 1 UpgradePlan document(s) validated; they are not applied (see 'platform upgrade plan')");
    assertThat(spec("Deployment", "payments-dev", "api").get("replicas")).as("plan writes nothing").isEqualTo(3);

    Run apply = run(Instant.parse(NIGHT), "apply", "--state", state.toString(), SPECS.toString());

    assertThat(apply.status()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("applied 3 changes");
    assertThat(spec("Deployment", "payments-dev", "api").get("replicas")).isEqualTo(0);
    assertThat(run(Instant.parse(NIGHT), "plan", "--detailed-exitcode", "--state", state.toString(), SPECS.toString()).status())
        .isZero();
  }

  @Test
  void showPrintsStateTransitionsDowntimeAndSavings() {
    Run show = run("schedule", "show", "--state", state.toString(), "--at", NIGHT, "--count", "3", SCHEDULE.toString());

    assertThat(show.status()).as(show.err()).isZero();
    assertThat(show.out()).contains("schedule payments-nonprod (Europe/Berlin) at 2026-01-05T22:00:00Z = Mon 2026-01-05 23:00 CET: down")
        .contains("    up    Tue 2026-01-06 07:30 CET  (2026-01-06T06:30:00Z)")
        .contains("    down  Tue 2026-01-06 20:30 CET  (2026-01-06T19:30:00Z)")
        .contains("    up    Wed 2026-01-07 07:30 CET  (2026-01-07T06:30:00Z)")
        // 168 h less five office days of 13 h
        .contains("  down 103 of the 168 hours from 2026-01-05T22:00:00Z (61.3 %), 447.87 hours in an average month")
        .contains("2 Deployment(s)/StatefulSet(s), 4 replica(s) while up")
        .contains("    Deployment payments-dev/api: 3 x (cpu 0.5, memory 1 GiB)")
        .doesNotContain("payments-ledger-replicator")
        // (3 x 0.5 + 0.25) x 103 and (3 x 1 + 0.5) x 103
        .contains("saves per week: 180.25 CPU core-hours and 360.5 GiB-hours of memory requests");
    assertThat(show.out().lines().filter(l -> l.startsWith("    up") || l.startsWith("    down")).count()).isEqualTo(3);
  }

  @Test
  void showWhileAsleepCountsTheRecordedReplicas() {
    run("schedule", "reconcile", "--state", state.toString(), "--at", NIGHT, SCHEDULE.toString());

    Run show = run("schedule", "show", "--state", state.toString(), "--at", NIGHT, SCHEDULE.toString());

    assertThat(show.out()).contains("4 replica(s) while up").contains("saves per week: 180.25 CPU core-hours");
  }

  @Test
  void manifestsAreYamlDocumentsOfTheExpectedKinds() throws IOException {
    Schedule schedule = Schedule.builder().name("payments-nonprod").timeZone("Europe/Berlin")
        .addWindows(Window.parse("Mon-Fri 07:30-20:30"))
        .targets(Targets.builder().addNamespaces("payments-dev", "payments-stage").build()).build();
    Path file = dir.resolve("schedule.yaml");
    Files.writeString(file, dev.platformkit.spec.SpecWriter.yaml().write(schedule));

    Run run = run("schedule", "manifests", "--image", "registry.example.com/platform:0.1.0", "--namespace", "ops", file.toString());

    assertThat(run.status()).as(run.err()).isZero();
    List<Map<String, Object>> docs;
    try (MappingIterator<Map<String, Object>> it = new YAMLMapper().readerForMapOf(Object.class).readValues(run.out())) {
      docs = it.readAll();
    }
    assertThat(docs).extracting(d -> d.get("kind")).containsExactly("ServiceAccount", "ConfigMap", "Role", "RoleBinding",
        "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "CronJob");
    // the YAML says exactly what the library rendered (numbers as numbers, the cron expression as a string);
    // through text on both sides, as 240L reads back as 240
    YAMLMapper yaml = new YAMLMapper();
    List<?> rendered = InCluster.render(schedule, "registry.example.com/platform:0.1.0", "ops");
    assertThat(docs).isEqualTo(yaml.readValue(yaml.writeValueAsString(rendered), List.class));
    Map<?, ?> data = (Map<?, ?>) docs.get(1).get("data");
    assertThat(SpecReader.create().read("cm", (String) data.get("schedule.yaml")).schedules()).containsExactly(schedule);
  }

  @Test
  void manifestsOfATenantScheduleAreRefusedNamingTheField() {
    Run run = run("schedule", "manifests", "--image", "registry.example.com/platform:0.1.0", SCHEDULE.toString());

    assertThat(run.status()).isEqualTo(Main.INVALID);
    assertThat(run.err()).contains("targets.tenants [payments]").contains("targets.namespaces");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void scheduleCommandsNeedScheduleDocumentsAndValidInstants() {
    Run none = run("schedule", "show", "--state", state.toString(), TENANT.toString());
    Run badAt = run("schedule", "reconcile", "--state", state.toString(), "--at", "tonight", SCHEDULE.toString());
    Run noSub = run("schedule");

    assertThat(none.status()).isEqualTo(Main.INVALID);
    assertThat(none.err()).contains("no Schedule documents");
    assertThat(badAt.status()).isEqualTo(Main.USAGE);
    assertThat(badAt.err()).contains("'tonight' is not an instant");
    assertThat(noSub.status()).isEqualTo(Main.USAGE);
  }
}
