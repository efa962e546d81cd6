package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.aws.FakeEksClient;
import dev.platformkit.upgrade.Inventory;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.Planner;
import dev.platformkit.upgrade.SkewPolicy;
import dev.platformkit.upgrade.Step;
import dev.platformkit.upgrade.StepKind;
import dev.platformkit.upgrade.Strategy;
import dev.platformkit.upgrade.UpgradePlan;
import dev.platformkit.upgrade.UpgradeReport;
import dev.platformkit.upgrade.UpgradeResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pieces together on the EKS fake: EksScanner's inventory, the Planner's in-place report, the executor running it. */
class PlannedUpgradeTest {

  @Test
  void scanPlanAndRunAnInPlaceUpgrade() {
    FakeClock clock = FakeClock.at(Instant.parse("2026-12-01T22:00:00Z"));
    FakeEksClient eks = new FakeEksClient(clock)
        .addCluster("shop-prod", "1.23")
        .addAddon("shop-prod", "vpc-cni", "v1.11.4-eksbuild.1")
        .addAddon("shop-prod", "coredns", "v1.8.7-eksbuild.3")
        .addAddon("shop-prod", "kube-proxy", "v1.23.17-eksbuild.2")
        .addNodegroup("shop-prod", "workers", "1.23")
        .addNodegroup("shop-prod", "batch", "1.22");

    Inventory inventory = EksScanner.create(eks).scan("shop-prod");
    for (SkewPolicy skew : SkewPolicy.values()) {
      UpgradeReport report = Planner.create().plan(UpgradePlan.builder().cluster("shop-prod").targetVersion(KubernetesVersion.parse("1.26"))
          .strategy(Strategy.IN_PLACE).nodeSkew(skew).build(), inventory);
      assertThat(report.blockers()).as(skew + ": " + report.blockers()).isEmpty();
      assertThat(report.steps()).filteredOn(s -> s.kind() == StepKind.UPGRADE_ADDON).allMatch(s -> s.addOnVersion().isPresent());
    }
    UpgradeReport report = Planner.create().plan(UpgradePlan.builder().cluster("shop-prod").targetVersion(KubernetesVersion.parse("1.26"))
        .strategy(Strategy.IN_PLACE).build(), inventory);

    UpgradeResult result = UpgradeExecutor.builder().eks(eks).clock(clock).sleeper(clock::advance).build().run(report);

    assertThat(result.completed()).as(result.render()).isTrue();
    assertThat(eks.clusterVersion("shop-prod")).isEqualTo("1.26");
    assertThat(eks.nodegroupVersion("shop-prod", "workers")).isEqualTo("1.26");
    assertThat(eks.nodegroupVersion("shop-prod", "batch")).isEqualTo("1.26");
    for (Step s : report.steps()) {
      if (s.kind() == StepKind.UPGRADE_ADDON && s.hop().orElseThrow().to().equals(KubernetesVersion.parse("1.26"))) {
        assertThat(eks.addonVersion("shop-prod", s.resource().orElseThrow().name())).isEqualTo(s.addOnVersion().orElseThrow());
      }
    }
    // run again: the real state is at the plan's end, nothing is written
    int writes = eks.writeCalls();
    UpgradeResult again = UpgradeExecutor.builder().eks(eks).clock(clock).sleeper(clock::advance).build().run(report);
    assertThat(again.completed()).isTrue();
    assertThat(eks.writeCalls()).isEqualTo(writes);
  }
}
