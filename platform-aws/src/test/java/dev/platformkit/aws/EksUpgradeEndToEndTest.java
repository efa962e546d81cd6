package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.aws.EksAddonCatalogue;
import dev.platformkit.testkit.aws.FakeEksClient;
import dev.platformkit.upgrade.Inventory;
import dev.platformkit.upgrade.KubernetesVersion;
import dev.platformkit.upgrade.Planner;
import dev.platformkit.upgrade.Step;
import dev.platformkit.upgrade.StepKind;
import dev.platformkit.upgrade.Strategy;
import dev.platformkit.upgrade.UpgradePlan;
import dev.platformkit.upgrade.UpgradeReport;
import dev.platformkit.upgrade.UpgradeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three pieces of UpgradePlan connected on the EKS fake: {@link EksScanner} reads the cluster, the
 * {@link Planner} plans in place, {@link UpgradeExecutor} runs the report; a second scan finds everything at
 * the target and a second run writes nothing. A report with blockers is refused whole.
 *
 * <p>1.27 -> 1.29 because the planner finds no blocker there on this cluster; kube-proxy is left out because
 * the planner wants an add-on version compatible with both sides of a hop, and EKS offers each kube-proxy
 * build for one cluster minor only (see {@link #aReportWithBlockersIsRefusedWhole()}).
 */
class EksUpgradeEndToEndTest {
  private final FakeClock clock = FakeClock.standard();
  private final FakeEksClient eks = new FakeEksClient(clock);

  private void cluster127() {
    eks.addCluster("shop-prod", "1.27")
        .addAddon("shop-prod", "vpc-cni", "v1.15.1-eksbuild.1").addAddon("shop-prod", "coredns", "v1.10.1-eksbuild.13")
        .addAddon("shop-prod", "aws-ebs-csi-driver", "v1.19.0-eksbuild.2")
        .addNodegroup("shop-prod", "workers", "1.27").addNodegroup("shop-prod", "batch", "1.26");
  }

  private UpgradeExecutor executor() {
    return UpgradeExecutor.builder().eks(eks).clock(clock).sleeper(clock.sleeper()).build();
  }

  @Test
  void scanPlanAndRunAnInPlaceUpgradeOnEks() {
    cluster127();
    Inventory before = EksScanner.create(eks).scan("shop-prod");
    UpgradeReport report = Planner.create().plan(UpgradePlan.builder().cluster("shop-prod")
        .targetVersion(KubernetesVersion.parse("1.29")).strategy(Strategy.IN_PLACE).build(), before);
    assertThat(report.hasBlockers()).as(report.findings().toString()).isFalse();

    UpgradeResult result = executor().run(report);

    assertThat(result.completed()).as(result.render()).isTrue();
    Inventory after = EksScanner.create(eks).scan("shop-prod");
    assertThat(after.controlPlane()).contains(KubernetesVersion.parse("1.29"));
    assertThat(after.nodeGroups()).allMatch(g -> g.version().equals(KubernetesVersion.parse("1.29")));
    EksAddonCatalogue catalogue = EksAddonCatalogue.defaults();
    for (Inventory.AddOn a : after.addOns()) {
      assertThat(catalogue.find(a.name(), a.version()).clusterVersions()).as(a.name() + " " + a.version()).contains("1.29");
    }
    List<Step> addOnSteps = report.steps().stream().filter(s -> s.kind() == StepKind.UPGRADE_ADDON).toList();
    assertThat(eks.calls(FakeEksClient.UPDATE_CLUSTER_VERSION)).isEqualTo(2);
    assertThat(eks.calls(FakeEksClient.UPDATE_NODEGROUP_VERSION)).as("batch caught up, then both twice").isEqualTo(5);
    assertThat(eks.calls(FakeEksClient.UPDATE_ADDON)).isEqualTo(addOnSteps.size());
    assertThat(addOnSteps).isNotEmpty();

    int writes = eks.writeCalls();
    UpgradeResult again = executor().run(report);
    assertThat(again.withOutcome(UpgradeResult.Outcome.DONE)).isEmpty();
    assertThat(eks.writeCalls()).isEqualTo(writes);
  }

  @Test
  void aReportWithBlockersIsRefusedWhole() {
    eks.addCluster("shop-prod", "1.23").addAddon("shop-prod", "vpc-cni", "v1.11.4-eksbuild.1")
        .addAddon("shop-prod", "kube-proxy", "v1.23.17-eksbuild.2").addNodegroup("shop-prod", "workers", "1.23");
    UpgradeReport report = Planner.create().plan(UpgradePlan.builder().cluster("shop-prod")
        .targetVersion(KubernetesVersion.parse("1.26")).strategy(Strategy.IN_PLACE).build(),
        EksScanner.create(eks).scan("shop-prod"));

    assertThat(report.blockers()).extracting(f -> f.code()).contains("ADDON_NO_COMPATIBLE_VERSION", "VPC_CNI_1_12_REQUIRED");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> executor().run(report))
        .isInstanceOf(dev.platformkit.ValidationException.class).hasMessageContaining("blockers");
    assertThat(eks.writeCalls()).isZero();
  }
}
