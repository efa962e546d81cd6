package dev.platformkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.ApplyResult;
import dev.platformkit.Plan;
import dev.platformkit.Platform;
import dev.platformkit.ResourceRef;
import dev.platformkit.schedule.ManualChangePolicy;
import dev.platformkit.schedule.Schedule;
import dev.platformkit.schedule.Targets;
import dev.platformkit.schedule.Window;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.spi.ResourceUpdate;
import dev.platformkit.testkit.CountingStore;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.StoreClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every Kubernetes backend must do for {@link Schedule}s: sleep and wake workloads it does not own,
 * writing only the replica count, {@code suspend} and one record annotation, and never losing a count.
 * A backend's test extends this class and returns a fresh, empty store from the factory hook.
 */
public abstract class ScheduleContract {
  /** A Tuesday night and the next morning, in UTC. */
  static final Instant NIGHT = Instant.parse("2026-12-01T02:00:00Z");
  static final Instant MORNING = Instant.parse("2026-12-01T10:00:00Z");
  static final Instant NEXT_NIGHT = Instant.parse("2026-12-01T23:00:00Z");

  /** A fresh, empty Kubernetes store for one test (called once per test). */
  protected abstract ResourceStore kubernetes();

  private CountingStore counting;
  private StoreClient k8s;
  private Platform platform;

  @BeforeEach
  void wire() {
    counting = new CountingStore(kubernetes());
    k8s = StoreClient.of(counting);
    FakeClock clock = FakeClock.at(NIGHT.minus(Duration.ofDays(2)));
    platform = Platform.builder().kubernetes(counting).clock(clock).sleeper(clock.sleeper()).jitterSeed(11).build();
    k8s.create(Resource.desired(ResourceRef.kubernetes("Namespace", "team-a"), Map.of(), Map.of(), Map.of()));
  }

  static Schedule office(ManualChangePolicy policy) {
    return Schedule.builder().name("office").timeZone("UTC").addWindows(Window.parse("Mon-Fri 08:00-20:00"))
        .targets(Targets.builder().addNamespaces("team-a").addExcludeNames("queue").build())
        .gracePeriod(Duration.ZERO).manualChanges(policy).build();
  }

  private void deployment(String name, int replicas, Map<String, String> annotations) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", replicas);
    spec.put("selector", Map.of("matchLabels", Map.of("app", name)));
    spec.put("template", Map.of("metadata", Map.of("labels", Map.of("app", name)),
        "spec", Map.of("containers", List.of(Map.of("name", "app", "image", "nginx:1.27")))));
    k8s.create(Resource.desired(ResourceRef.kubernetes("Deployment", "team-a", name), Map.of("app", name), annotations,
        Map.of("spec", spec)));
  }

  private void cronJob(String name, boolean suspended) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("schedule", "*/5 * * * *");
    spec.put("suspend", suspended);
    spec.put("jobTemplate", Map.of("spec", Map.of("template", Map.of("spec", Map.of("restartPolicy", "Never",
        "containers", List.of(Map.of("name", "job", "image", "busybox:1.36")))))));
    k8s.create(Resource.desired(ResourceRef.kubernetes("CronJob", "team-a", name), Map.of(), Map.of(), Map.of("spec", spec)));
  }

  private Resource read(String kind, String name) {
    return k8s.get(ResourceRef.kubernetes(kind, "team-a", name)).orElseThrow();
  }

  private int replicas(String name) {
    return ((Number) spec(read("Deployment", name)).get("replicas")).intValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Resource r) {
    return (Map<String, Object>) r.body().get("spec");
  }

  @Test
  void atNightWorkloadsSleepWithTheirCountsRecordedInTheSameWrite() {
    deployment("web", 3, Map.of());
    deployment("api", 2, Map.of());
    cronJob("report", false);
    counting.reset();

    Plan plan = platform.schedules().plan(office(ManualChangePolicy.RESPECT), NIGHT);
    assertThat(counting.writes()).as("plan writes nothing").isZero();
    assertThat(plan.changes()).extracting(c -> c.target().name()).containsExactlyInAnyOrder("web", "api", "report");
    assertThat(plan.render()).contains("~ spec.replicas: 3 -> 0").contains("+ metadata.annotations[\"platformkit.dev/sleep\"]");

    ApplyResult result = platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), NIGHT);

    assertThat(result.applied()).hasSize(3);
    assertThat(counting.writes()).as("one write per workload").isEqualTo(3);
    assertThat(replicas("web")).isZero();
    assertThat(read("Deployment", "web").annotations()).containsEntry("platformkit.dev/sleep", "{\"schedule\":\"office\",\"replicas\":3}");
    assertThat(spec(read("CronJob", "report"))).containsEntry("suspend", true);
    assertThat(spec(read("Deployment", "web")).get("template").toString()).as("nothing else is touched").contains("nginx:1.27");
  }

  @Test
  void runningAgainWhileDownChangesNothingAndTheMorningRestoresExactly() {
    deployment("web", 3, Map.of());
    cronJob("report", false);
    cronJob("paused", true);
    platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), NIGHT);
    counting.reset();

    assertThat(platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), NIGHT.plus(Duration.ofHours(1))).isNoop()).isTrue();
    assertThat(counting.writes()).isZero();

    platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), MORNING);

    assertThat(replicas("web")).isEqualTo(3);
    assertThat(read("Deployment", "web").annotations()).doesNotContainKey("platformkit.dev/sleep");
    assertThat(spec(read("CronJob", "report"))).containsEntry("suspend", false);
    assertThat(spec(read("CronJob", "paused"))).as("already suspended stays suspended").containsEntry("suspend", true);
    counting.reset();
    assertThat(platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), MORNING).isNoop()).isTrue();
    assertThat(counting.writes()).isZero();
  }

  @Test
  void aMissedRunIsCaughtUpByTheNext() {
    deployment("web", 3, Map.of());
    platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), NIGHT);
    // the morning run was missed; the next night's run finds it down already and leaves the record alone
    platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), NEXT_NIGHT);
    assertThat(read("Deployment", "web").annotations()).containsEntry("platformkit.dev/sleep", "{\"schedule\":\"office\",\"replicas\":3}");
    platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), NEXT_NIGHT.plus(Duration.ofHours(10)));
    assertThat(replicas("web")).isEqualTo(3);
  }

  @Test
  void aManualScaleDuringDowntimeIsRespectedOrEnforcedByPolicy() {
    deployment("web", 3, Map.of());
    deployment("api", 4, Map.of());
    platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), NIGHT);
    Resource web = read("Deployment", "web");
    k8s.update(web, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of("spec", Map.of("replicas", 1))));

    assertThat(platform.schedules().plan(office(ManualChangePolicy.RESPECT), NIGHT.plus(Duration.ofHours(1))).isEmpty()).isTrue();
    assertThat(platform.schedules().plan(office(ManualChangePolicy.ENFORCE), NIGHT.plus(Duration.ofHours(1))).changes())
        .singleElement().satisfies(c -> assertThat(c.render()).contains("~ spec.replicas: 1 -> 0"));

    platform.schedules().reconcile(office(ManualChangePolicy.RESPECT), MORNING);
    assertThat(replicas("web")).as("respect: left as the person set it, record dropped").isEqualTo(1);
    assertThat(read("Deployment", "web").annotations()).doesNotContainKey("platformkit.dev/sleep");
    assertThat(replicas("api")).isEqualTo(4);
  }

  @Test
  void enforceRestoresTheRecordedCountOnWakeDespiteAManualScale() {
    deployment("web", 3, Map.of());
    platform.schedules().reconcile(office(ManualChangePolicy.ENFORCE), NIGHT);
    k8s.update(read("Deployment", "web"), new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of("spec", Map.of("replicas", 1))));

    platform.schedules().reconcile(office(ManualChangePolicy.ENFORCE), MORNING);

    assertThat(replicas("web")).isEqualTo(3);
  }

  @Test
  void excludedAndOptedOutWorkloadsAreLeftAlone() {
    deployment("queue", 2, Map.of());
    deployment("db", 1, Map.of("platformkit.dev/schedule-exclude", "true"));
    deployment("web", 0, Map.of());

    assertThat(platform.schedules().plan(office(ManualChangePolicy.RESPECT), NIGHT).isEmpty()).isTrue();
  }

  @Test
  void aWorkloadYoungerThanTheGracePeriodIsLeftAlone() {
    deployment("web", 3, Map.of());
    Instant created = read("Deployment", "web").created();
    Schedule graceful = office(ManualChangePolicy.RESPECT).withGracePeriod(Duration.ofHours(1));
    // the store stamps creation with its own clock: judge relative to it when it does
    Instant soon = created == null ? NIGHT : created.plus(Duration.ofMinutes(30));
    Instant later = created == null ? NIGHT : created.plus(Duration.ofHours(2));
    if (created != null) {
      assertThat(platform.schedules().plan(graceful.withWindows(Window.parse("Sat 00:00-00:01")), soon).isEmpty()).isTrue();
    }
    assertThat(platform.schedules().plan(graceful.withWindows(Window.parse("Sat 00:00-00:01")), later).changes()).hasSize(1);
  }

  @Test
  void anotherSchedulesRecordIsNeverOverwritten() {
    deployment("web", 3, Map.of("platformkit.dev/sleep", "{\"schedule\":\"other\",\"replicas\":5}"));

    assertThat(platform.schedules().plan(office(ManualChangePolicy.ENFORCE), NIGHT).isEmpty()).isTrue();
    assertThat(platform.schedules().plan(office(ManualChangePolicy.ENFORCE), MORNING).isEmpty()).isTrue();
  }

  @Test
  void eachKindIsListedOncePerTargetNamespace() {
    deployment("web", 3, Map.of());
    counting.reset();

    platform.schedules().plan(office(ManualChangePolicy.RESPECT), NIGHT);

    // Deployments, StatefulSets, CronJobs, PodDisruptionBudgets in team-a, and Argo CD Applications
    assertThat(counting.lists()).isEqualTo(5);
    assertThat(counting.gets()).isZero();
  }

  @Test
  void selfHealingArgoCdApplicationsAreWarnedAbout() {
    deployment("web", 3, Map.of());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", "default");
    spec.put("destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "team-a"));
    spec.put("syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true)));
    k8s.create(Resource.desired(ResourceRef.kubernetes("Namespace", "argocd"), Map.of(), Map.of(), Map.of()));
    k8s.create(Resource.desired(ResourceRef.kubernetes("Application", "argocd", "web"), Map.of(), Map.of(), Map.of("spec", spec)));

    Plan plan = platform.schedules().plan(office(ManualChangePolicy.RESPECT), NIGHT);

    assertThat(plan.warnings()).singleElement().asString().contains("Argo CD Application argocd/web")
        .contains("RespectIgnoreDifferences=true");
  }
}
