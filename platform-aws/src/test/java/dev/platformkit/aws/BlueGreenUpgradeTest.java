package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.Change;
import dev.platformkit.Platform;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.ValidationException;
import dev.platformkit.site.Component;
import dev.platformkit.site.Dns;
import dev.platformkit.site.Environment;
import dev.platformkit.site.Site;
import dev.platformkit.site.SiteTimeouts;
import dev.platformkit.site.Source;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.aws.FakeEksClient;
import dev.platformkit.testkit.aws.FakeRoute53Client;
import dev.platformkit.testkit.contract.SiteContract.World;
import dev.platformkit.upgrade.BlueGreen;
import dev.platformkit.upgrade.HealthGate;
import dev.platformkit.upgrade.Inventory;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.Planner;
import dev.platformkit.upgrade.Step;
import dev.platformkit.upgrade.StepKind;
import dev.platformkit.upgrade.Strategy;
import dev.platformkit.upgrade.UpgradePlan;
import dev.platformkit.upgrade.UpgradeReport;
import dev.platformkit.upgrade.UpgradeResult;
import dev.platformkit.upgrade.UpgradeResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A blue-green upgrade run by {@link UpgradeExecutor}: the EKS fake with the old cluster at 1.23 and the new one
 * at 1.27, one site served from both through weighted Route53 records (the fake Route53 and ACM of the site
 * contract's AWS world, Argo CD simulated on both clusters), and traffic moved step by step through the sites'
 * Route53 code behind the health gate.
 */
class BlueGreenUpgradeTest {
  private static final String ZONE = "shop.example.com";
  private static final String BLUE = "shop-prod";
  private static final String GREEN = "shop-prod-1-27";
  private static final Duration DWELL = Duration.ofMinutes(10);

  private World world;
  private FakeRoute53Client route53;
  private FakeEksClient eks;
  private Platform blue;
  private Platform green;
  private UpgradeReport report;
  private final List<String> events = new ArrayList<>();

  private static Site site(String setIdentifier, int weight) {
    return Site.builder().name("storefront").tenant("shop").environment(Environment.PRODUCTION)
        .addHosts("www." + ZONE)
        .addComponents(Component.of("web", Source.builder().repoURL("https://github.com/acme/storefront.git")
            .targetRevision("main").path("chart").build()))
        .dns(Dns.builder().hostedZone(ZONE).setIdentifier(setIdentifier).weight(weight).build())
        .build();
  }

  private Platform platform(ResourceStore cluster) {
    Platform p = Platform.builder().kubernetes(cluster).aws(world.aws()).clock(world.clock()).sleeper(world::advance)
        .siteTimeouts(new SiteTimeouts(Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofSeconds(30)))
        .build();
    p.tenants().apply(Tenant.builder().name("shop").addHostnames(ZONE, "*." + ZONE).build());
    return p;
  }

  @BeforeEach
  void world() {
    AwsSiteContractTest aws = new AwsSiteContractTest();
    world = aws.world();
    route53 = aws.route53();
    eks = new FakeEksClient(world.clock())
        .addCluster(BLUE, "1.23")
        .addAddon(BLUE, "vpc-cni", "v1.11.4-eksbuild.1")
        .addAddon(BLUE, "coredns", "v1.8.7-eksbuild.3")
        .addNodegroup(BLUE, "workers", "1.23");
    Inventory inventory = EksScanner.create(eks).scan(BLUE);
    report = Planner.create().plan(UpgradePlan.builder().cluster(BLUE).targetVersion(KubernetesVersion.parse("1.27"))
        .strategy(Strategy.BLUE_GREEN).blueGreen(BlueGreen.builder().dwell(DWELL).build()).build(), inventory);
    assertThat(report.blockers()).isEmpty();
    assertThat(report.steps()).extracting(Step::kind).contains(StepKind.CREATE_CLUSTER, StepKind.SYNC_WORKLOADS,
        StepKind.SHIFT_TRAFFIC, StepKind.DELETE_CLUSTER);
    // the new cluster, as the team's cluster tooling makes it: at the target, with the add-ons the plan names
    eks.addCluster(GREEN, "1.27");
    for (Step s : report.steps()) {
      if (s.kind() == StepKind.UPGRADE_ADDON) {
        eks.addAddon(GREEN, s.resource().orElseThrow().name(), s.addOnVersion().orElseThrow());
      }
    }
    blue = platform(world.kubernetes());
    green = platform(world.secondCluster());
    blue.sites().apply(site(BLUE, 100));
    green.sites().apply(site(GREEN, 0));
  }

  private UpgradeExecutor.Builder executor() {
    return UpgradeExecutor.builder().eks(eks).clock(world.clock()).sleeper(world::advance).pollInterval(Duration.ofMinutes(1))
        .sites(green.sites(), List.of(site(GREEN, 0)))
        .listener(new ProgressListener() {
          @Override
          public void finished(Change change) {
            events.add("finished " + change.target().name());
          }

          @Override
          public void waiting(String subject, String status, Duration elapsed, Duration timeout) {
            events.add("waiting " + subject);
          }
        });
  }

  private Map<String, Integer> weights() {
    return blue.sites().weights(site(BLUE, 100));
  }

  private List<Outcome> outcomes(UpgradeResult result, StepKind kind) {
    return result.steps().stream().filter(s -> s.step().kind() == kind).map(UpgradeResult.StepResult::outcome).toList();
  }

  @Test
  void trafficMovesStepByStepBehindTheHealthGateInOneRoute53BatchEach() {
    int writes = route53.calls(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS);
    Instant start = world.clock().instant();

    UpgradeResult result = executor().build().run(report);

    assertThat(result.completed()).as(result.render()).isTrue();
    assertThat(weights()).isEqualTo(Map.of(BLUE, 0, GREEN, 100));
    assertThat(outcomes(result, StepKind.SHIFT_TRAFFIC)).containsExactly(Outcome.DONE, Outcome.DONE, Outcome.DONE);
    assertThat(outcomes(result, StepKind.CREATE_CLUSTER)).containsExactly(Outcome.SKIPPED);
    assertThat(outcomes(result, StepKind.DELETE_CLUSTER)).containsExactly(Outcome.SKIPPED);
    // one change batch per traffic step: both clusters' records move together
    assertThat(route53.calls(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS) - writes).isEqualTo(3);
    // each step held for its dwell, on the platform's clock
    assertThat(Duration.between(start, world.clock().instant())).isGreaterThanOrEqualTo(DWELL.multipliedBy(3));
    assertThat(events).filteredOn(e -> e.startsWith("waiting 10% of traffic on " + GREEN)).hasSize(10);
    assertThat(eks.writeCalls()).isZero();

    // run again: the steps passed are skipped, nothing is written
    int after = route53.calls(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS);
    UpgradeResult again = executor().build().run(report);
    assertThat(again.completed()).isTrue();
    assertThat(outcomes(again, StepKind.SHIFT_TRAFFIC)).containsExactly(Outcome.SKIPPED, Outcome.SKIPPED, Outcome.DONE);
    assertThat(route53.calls(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS)).isEqualTo(after);
  }

  @Test
  void aFailingHealthGateMovesAllTrafficBackAndStopsAndTheNextRunStartsOver() {
    Instant failFrom = world.clock().instant().plus(DWELL).plus(Duration.ofMinutes(3)); // during the 50% dwell
    AtomicInteger asked = new AtomicInteger();
    HealthGate errors = step -> {
      asked.incrementAndGet();
      return world.clock().instant().isBefore(failFrom) ? Optional.empty() : Optional.of("5xx rate 12% on " + GREEN);
    };

    UpgradeResult result = executor().healthGate(errors).build().run(report);

    assertThat(result.completed()).isFalse();
    assertThat(outcomes(result, StepKind.SHIFT_TRAFFIC)).containsExactly(Outcome.DONE, Outcome.STOPPED, Outcome.NOT_RUN);
    assertThat(result.stopped().orElseThrow().detail()).contains("5xx rate 12%").contains("back on " + BLUE);
    assertThat(weights()).isEqualTo(Map.of(BLUE, 100, GREEN, 0));
    assertThat(asked.get()).isGreaterThan(10);

    UpgradeResult resumed = executor().build().run(report);
    assertThat(resumed.completed()).as(resumed.render()).isTrue();
    assertThat(outcomes(resumed, StepKind.SHIFT_TRAFFIC)).containsExactly(Outcome.DONE, Outcome.DONE, Outcome.DONE);
    assertThat(weights()).isEqualTo(Map.of(BLUE, 0, GREEN, 100));
  }

  @Test
  void anUnhealthyNewClusterStopsTheRunBeforeAnyTrafficMoves() {
    world.provisioning(false);
    world.advance(Duration.ofMinutes(1));
    int writes = route53.calls(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS);

    UpgradeResult result = executor().build().run(report);

    assertThat(outcomes(result, StepKind.SYNC_WORKLOADS)).containsExactly(Outcome.STOPPED);
    assertThat(result.stopped().orElseThrow().detail()).contains("site storefront on " + GREEN).contains("Progressing");
    assertThat(outcomes(result, StepKind.SHIFT_TRAFFIC)).containsOnly(Outcome.NOT_RUN);
    assertThat(route53.calls(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS)).isEqualTo(writes);
    assertThat(weights()).isEqualTo(Map.of(BLUE, 100, GREEN, 0));
  }

  @Test
  void aRunThatDiedDuringADwellResumesFromTheWeightsRoute53Has() {
    Instant death = world.clock().instant().plus(DWELL).plus(Duration.ofMinutes(4)); // during the 50% dwell
    UpgradeExecutor dying = executor().sleeper(d -> {
      if (!world.clock().instant().isBefore(death)) {
        throw new PlatformException("the process died", null, false);
      }
      world.advance(d);
    }).build();
    assertThatThrownBy(() -> dying.run(report)).hasMessageContaining("died");
    assertThat(weights()).isEqualTo(Map.of(BLUE, 50, GREEN, 50));
    int writes = route53.calls(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS);

    UpgradeResult resumed = executor().build().run(report);

    // 10% is past, 50% is held again without a write, 100% moves
    assertThat(outcomes(resumed, StepKind.SHIFT_TRAFFIC)).containsExactly(Outcome.SKIPPED, Outcome.DONE, Outcome.DONE);
    assertThat(route53.calls(FakeRoute53Client.CHANGE_RESOURCE_RECORD_SETS) - writes).isEqualTo(1);
    assertThat(weights()).isEqualTo(Map.of(BLUE, 0, GREEN, 100));
  }

  @Test
  void aMissingNewClusterOrAddOnStopsTheRunAndSaysWhatToCreate() {
    FakeEksClient without = new FakeEksClient(world.clock()).addCluster(BLUE, "1.23");
    UpgradeResult result = UpgradeExecutor.builder().eks(without).clock(world.clock()).sleeper(world::advance)
        .sites(green.sites(), List.of(site(GREEN, 0))).build().run(report);
    assertThat(result.stopped().orElseThrow().step().kind()).isEqualTo(StepKind.CREATE_CLUSTER);
    assertThat(result.stopped().orElseThrow().detail()).contains(GREEN + " does not exist").contains("1.27");

    without.addCluster(GREEN, "1.27");
    result = UpgradeExecutor.builder().eks(without).clock(world.clock()).sleeper(world::advance)
        .sites(green.sites(), List.of(site(GREEN, 0))).build().run(report);
    assertThat(result.stopped().orElseThrow().step().kind()).isEqualTo(StepKind.UPGRADE_ADDON);
    assertThat(result.stopped().orElseThrow().detail()).contains("not installed on " + GREEN).contains("create-addon");
    assertThat(weights()).isEqualTo(Map.of(BLUE, 100, GREEN, 0));
  }

  @Test
  void siteRecordsOfOnlyOneClusterStopTheRunAtTheSyncStep() {
    green.sites().delete(site(GREEN, 0));

    UpgradeResult result = executor().build().run(report);

    assertThat(result.stopped().orElseThrow().step().kind()).isEqualTo(StepKind.SYNC_WORKLOADS);
    assertThat(result.stopped().orElseThrow().detail()).contains("no weighted records \"" + GREEN + "\"")
        .contains("dns.setIdentifier " + GREEN);
  }

  private static double errorRate() {
    return 0.002;
  }

  @Test
  void theReadmeSnippetRuns() {
    green.sites().delete(site(GREEN, 0));
    java.time.Clock clock = world.clock();
    dev.platformkit.Sleeper sleeper = world::advance;
    Site site = site(BLUE, 100);

    // README snippet start
    Site storefront = site.withDns(Dns.builder().hostedZone("shop.example.com").setIdentifier("shop-prod-1-27").weight(0).build());
    green.sites().apply(storefront);               // on the new cluster, next to shop-prod's records at 100
    UpgradeResult result = UpgradeExecutor.builder()
        .eks(eks)
        .clock(clock).sleeper(sleeper)             // each traffic step holds its dwell on this clock
        .sites(green.sites(), List.of(storefront)) // the new cluster's platform, and the sites to move
        .healthGate(step -> errorRate() < 0.01 ? Optional.empty() : Optional.of("error rate " + errorRate()))
        .build()
        .run(report);                              // 10 -> 50 -> 100 % to shop-prod-1-27, or all traffic back
    green.sites().weights(storefront);             // {shop-prod=0, shop-prod-1-27=100}
    // README snippet end

    assertThat(result.completed()).as(result.render()).isTrue();
    assertThat(green.sites().weights(storefront)).isEqualTo(Map.of(BLUE, 0, GREEN, 100));
  }

  @Test
  void theReadmeShowsTheSameSnippet() throws java.io.IOException {
    String source = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/java/dev/platformkit/aws/BlueGreenUpgradeTest.java"));
    String snippet = source.substring(source.indexOf("// README snippet start\n") + "// README snippet start\n".length(),
        source.indexOf("    // README snippet end"));
    String unindented = snippet.lines().map(l -> l.substring(4)).reduce("", (a, b) -> a + b + "\n");

    assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"))).contains("```java\n" + unindented + "```\n");
  }

  @Test
  void aBlueGreenReportWithoutTheSitesToMoveIsRefusedBeforeAnyCall() {
    eks.resetCalls();
    assertThatThrownBy(() -> UpgradeExecutor.builder().eks(eks).clock(world.clock()).build().run(report))
        .isInstanceOf(ValidationException.class).hasMessageContaining("sites");
    assertThat(eks.callCounts()).isEmpty();
  }
}
