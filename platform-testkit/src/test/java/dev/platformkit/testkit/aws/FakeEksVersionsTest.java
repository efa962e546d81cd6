package dev.platformkit.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.testkit.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.AddonInfo;
import software.amazon.awssdk.services.eks.model.AddonVersionInfo;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.Compatibility;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eks.model.ThrottlingException;
import software.amazon.awssdk.services.eks.model.Update;
import software.amazon.awssdk.services.eks.model.UpdateParamType;
import software.amazon.awssdk.services.eks.model.UpdateStatus;
import software.amazon.awssdk.services.eks.model.UpdateType;

/** The version and update rules of {@link FakeEksClient}: cluster, add-ons, node groups. */
class FakeEksVersionsTest {
  private final FakeClock clock = FakeClock.standard();
  private final FakeEksClient eks = new FakeEksClient(clock).addCluster("prod", "1.23")
      .addAddon("prod", "vpc-cni", "v1.11.4-eksbuild.1").addAddon("prod", "kube-proxy", "v1.23.17-eksbuild.2")
      .addNodegroup("prod", "workers", "1.22");

  private Cluster cluster() {
    return eks.describeCluster(r -> r.name("prod")).cluster();
  }

  @Test
  void aClusterUpdateGoesOneMinorUpAndTakesItsTime() {
    eks.clusterUpdateDuration(Duration.ofMinutes(10));
    Update update = eks.updateClusterVersion(r -> r.name("prod").version("1.24")).update();

    assertThat(update.status()).isEqualTo(UpdateStatus.IN_PROGRESS);
    assertThat(update.type()).isEqualTo(UpdateType.VERSION_UPDATE);
    assertThat(update.params()).anyMatch(p -> p.type() == UpdateParamType.VERSION && p.value().equals("1.24"));
    assertThat(cluster().status()).isEqualTo(ClusterStatus.UPDATING);
    assertThat(cluster().version()).isEqualTo("1.23");

    clock.advance(Duration.ofMinutes(9));
    assertThat(cluster().status()).isEqualTo(ClusterStatus.UPDATING);
    clock.advance(Duration.ofMinutes(1));
    assertThat(cluster().status()).isEqualTo(ClusterStatus.ACTIVE);
    assertThat(cluster().version()).isEqualTo("1.24");
    assertThat(eks.describeUpdate(r -> r.name("prod").updateId(update.id())).update().status())
        .isEqualTo(UpdateStatus.SUCCESSFUL);
    assertThat(eks.listUpdates(r -> r.name("prod")).updateIds()).containsExactly(update.id());
  }

  @Test
  void aClusterUpdateSkippingAMinorOrStayingPutIsInvalid() {
    for (String version : List.of("1.25", "1.23", "1.22", "2.0", "1.33")) {
      assertThatThrownBy(() -> eks.updateClusterVersion(r -> r.name("prod").version(version))).as(version)
          .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }
    assertThat(cluster().status()).isEqualTo(ClusterStatus.ACTIVE);
    assertThat(eks.listUpdates(r -> r.name("prod")).updateIds()).isEmpty();
  }

  @Test
  void aSecondUpdateWhileOneIsInProgressIsResourceInUse() {
    eks.updateClusterVersion(r -> r.name("prod").version("1.24"));

    assertThatThrownBy(() -> eks.updateClusterVersion(r -> r.name("prod").version("1.24")))
        .isInstanceOfSatisfying(ResourceInUseException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
    assertThatThrownBy(() -> eks.updateAddon(r -> r.clusterName("prod").addonName("vpc-cni").addonVersion("v1.12.6-eksbuild.2")))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> eks.updateNodegroupVersion(r -> r.clusterName("prod").nodegroupName("workers").version("1.23")))
        .isInstanceOf(ResourceInUseException.class);
  }

  @Test
  void addOnVersionsMustBeCompatibleWithTheClusterVersion() {
    // v1.12.6 supports 1.21-1.29, v1.19.2 only 1.25 on
    assertThatThrownBy(() -> eks.updateAddon(r -> r.clusterName("prod").addonName("vpc-cni").addonVersion("v1.19.2-eksbuild.1")))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("not supported with cluster version 1.23");
    assertThatThrownBy(() -> eks.updateAddon(r -> r.clusterName("prod").addonName("vpc-cni").addonVersion("v9.9.9")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> eks.updateAddon(r -> r.clusterName("prod").addonName("coredns").addonVersion("v1.8.7-eksbuild.3")))
        .isInstanceOf(ResourceNotFoundException.class);

    eks.addonUpdateDuration("vpc-cni", Duration.ofMinutes(25));
    Update update = eks.updateAddon(r -> r.clusterName("prod").addonName("vpc-cni").addonVersion("v1.12.6-eksbuild.2")).update();
    assertThat(update.type()).isEqualTo(UpdateType.ADDON_UPDATE);
    assertThat(eks.describeAddon(r -> r.clusterName("prod").addonName("vpc-cni")).addon().statusAsString()).isEqualTo("UPDATING");
    assertThatThrownBy(() -> eks.updateAddon(r -> r.clusterName("prod").addonName("vpc-cni").addonVersion("v1.12.6-eksbuild.2")))
        .isInstanceOf(ResourceInUseException.class);
    clock.advance(Duration.ofMinutes(24));
    assertThat(eks.addonVersion("prod", "vpc-cni")).isEqualTo("v1.11.4-eksbuild.1");
    clock.advance(Duration.ofMinutes(1));
    assertThat(eks.describeAddon(r -> r.clusterName("prod").addonName("vpc-cni")).addon().addonVersion())
        .isEqualTo("v1.12.6-eksbuild.2");
    assertThat(eks.listUpdates(r -> r.name("prod").addonName("vpc-cni")).updateIds()).containsExactly(update.id());
    assertThat(eks.listUpdates(r -> r.name("prod")).updateIds()).isEmpty();
    assertThat(eks.describeUpdate(r -> r.name("prod").addonName("vpc-cni").updateId(update.id())).update().status())
        .isEqualTo(UpdateStatus.SUCCESSFUL);
  }

  @Test
  void describeAddonVersionsAnswersFromTheCatalogueWithCompatibilities() {
    List<AddonInfo> all = eks.describeAddonVersions(r -> r.kubernetesVersion("1.26")).addons();
    assertThat(all).extracting(AddonInfo::addonName).containsExactlyInAnyOrder("vpc-cni", "coredns", "kube-proxy", "aws-ebs-csi-driver");

    AddonInfo cni = eks.describeAddonVersions(r -> r.addonName("vpc-cni").kubernetesVersion("1.26")).addons().get(0);
    assertThat(cni.addonVersions()).extracting(AddonVersionInfo::addonVersion)
        .containsExactly("v1.19.2-eksbuild.1", "v1.18.3-eksbuild.3", "v1.15.1-eksbuild.1", "v1.12.6-eksbuild.2"); // none older than 1.12 on 1.26
    Compatibility c126 = cni.addonVersions().get(3).compatibilities().stream()
        .filter(c -> c.clusterVersion().equals("1.26")).findFirst().orElseThrow();
    assertThat(c126.defaultVersion()).isTrue();

    // the default catalogue has, for every minor 1.20-1.32, a version of each add-on, and one default
    for (String version : FakeEksClient.SUPPORTED_VERSIONS) {
      for (AddonInfo info : eks.describeAddonVersions(r -> r.kubernetesVersion(version)).addons()) {
        assertThat(info.addonVersions().stream().flatMap(v -> v.compatibilities().stream())
            .filter(c -> c.clusterVersion().equals(version) && c.defaultVersion())).as(info.addonName() + " " + version).hasSize(1);
      }
      assertThat(eks.describeAddonVersions(r -> r.kubernetesVersion(version)).addons()).as(version).hasSize(4);
    }
    assertThat(eks.describeAddonVersions(r -> r.maxResults(3)).nextToken()).isNotNull();
  }

  @Test
  void aNodeGroupGoesToTheControlPlaneVersionOnly() {
    assertThat(eks.describeNodegroup(r -> r.clusterName("prod").nodegroupName("workers")).nodegroup().version()).isEqualTo("1.22");
    assertThatThrownBy(() -> eks.updateNodegroupVersion(r -> r.clusterName("prod").nodegroupName("workers").version("1.24")))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("newer than the cluster version 1.23");
    assertThatThrownBy(() -> eks.updateNodegroupVersion(r -> r.clusterName("prod").nodegroupName("workers").version("1.22")))
        .isInstanceOf(InvalidParameterException.class);

    eks.nodegroupUpdateDuration(Duration.ofMinutes(30));
    Update update = eks.updateNodegroupVersion(r -> r.clusterName("prod").nodegroupName("workers")).update();
    assertThat(update.params()).anyMatch(p -> p.type() == UpdateParamType.VERSION && p.value().equals("1.23"));
    assertThat(eks.describeNodegroup(r -> r.clusterName("prod").nodegroupName("workers")).nodegroup().statusAsString()).isEqualTo("UPDATING");
    assertThatThrownBy(() -> eks.updateNodegroupVersion(r -> r.clusterName("prod").nodegroupName("workers")))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> eks.updateNodegroupConfig(r -> r.clusterName("prod").nodegroupName("workers")
        .scalingConfig(s -> s.desiredSize(1)))).isInstanceOf(ResourceInUseException.class);
    clock.advance(Duration.ofMinutes(30));
    assertThat(eks.nodegroupVersion("prod", "workers")).isEqualTo("1.23");
    assertThat(eks.describeNodegroup(r -> r.clusterName("prod").nodegroupName("workers")).nodegroup().statusAsString()).isEqualTo("ACTIVE");
    assertThat(eks.listUpdates(r -> r.name("prod").nodegroupName("workers")).updateIds()).containsExactly(update.id());
    assertThat(eks.listNodegroups(r -> r.clusterName("prod")).nodegroups()).containsExactly("workers");
  }

  @Test
  void aFailedUpdateLeavesTheVersionAndSaysFailed() {
    eks.failNextUpdate(FakeEksClient.UPDATE_CLUSTER_VERSION);
    Update update = eks.updateClusterVersion(r -> r.name("prod").version("1.24")).update();
    clock.advance(FakeEksClient.CLUSTER_UPDATE);

    Update failed = eks.describeUpdate(r -> r.name("prod").updateId(update.id())).update();
    assertThat(failed.status()).isEqualTo(UpdateStatus.FAILED);
    assertThat(failed.errors()).isNotEmpty();
    assertThat(cluster().version()).isEqualTo("1.23");
    assertThat(cluster().status()).isEqualTo(ClusterStatus.ACTIVE);
    // the next one goes through
    eks.updateClusterVersion(r -> r.name("prod").version("1.24"));
    clock.advance(FakeEksClient.CLUSTER_UPDATE);
    assertThat(cluster().version()).isEqualTo("1.24");
  }

  @Test
  void everyNewCallCanBeMadeToFailAndIsCounted() {
    for (String op : List.of(FakeEksClient.UPDATE_CLUSTER_VERSION, FakeEksClient.DESCRIBE_UPDATE, FakeEksClient.LIST_UPDATES,
        FakeEksClient.LIST_ADDONS, FakeEksClient.DESCRIBE_ADDON, FakeEksClient.UPDATE_ADDON,
        FakeEksClient.DESCRIBE_ADDON_VERSIONS, FakeEksClient.UPDATE_NODEGROUP_VERSION, FakeEksClient.LIST_NODEGROUPS)) {
      eks.throttleNext(op, 1);
    }
    assertThatThrownBy(() -> eks.updateClusterVersion(r -> r.name("prod").version("1.24"))).isInstanceOf(ThrottlingException.class);
    assertThatThrownBy(() -> eks.describeUpdate(r -> r.name("prod").updateId("x"))).isInstanceOf(ThrottlingException.class);
    assertThatThrownBy(() -> eks.listUpdates(r -> r.name("prod"))).isInstanceOf(ThrottlingException.class);
    assertThatThrownBy(() -> eks.listAddons(r -> r.clusterName("prod"))).isInstanceOf(ThrottlingException.class);
    assertThatThrownBy(() -> eks.describeAddon(r -> r.clusterName("prod").addonName("vpc-cni"))).isInstanceOf(ThrottlingException.class);
    assertThatThrownBy(() -> eks.updateAddon(r -> r.clusterName("prod").addonName("vpc-cni"))).isInstanceOf(ThrottlingException.class);
    assertThatThrownBy(() -> eks.describeAddonVersions(r -> r.addonName("vpc-cni"))).isInstanceOf(ThrottlingException.class);
    assertThatThrownBy(() -> eks.updateNodegroupVersion(r -> r.clusterName("prod").nodegroupName("workers"))).isInstanceOf(ThrottlingException.class);
    assertThatThrownBy(() -> eks.listNodegroups(r -> r.clusterName("prod"))).isInstanceOf(ThrottlingException.class);
    assertThat(eks.pendingFaults()).isZero();
    assertThat(eks.writeCalls()).isEqualTo(3);
    assertThat(cluster().version()).isEqualTo("1.23");
    assertThat(eks.listUpdates(r -> r.name("prod")).updateIds()).isEmpty();
  }
}
