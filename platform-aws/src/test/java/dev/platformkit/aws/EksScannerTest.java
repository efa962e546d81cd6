package dev.platformkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.BackendException;
import dev.platformkit.NotFoundException;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.aws.EksAddonCatalogue;
import dev.platformkit.testkit.aws.FakeEksClient;
import dev.platformkit.upgrade.Inventory;
import dev.platformkit.upgrade.KubernetesVersion;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EksScannerTest {
  private final FakeClock clock = FakeClock.standard();
  private final FakeEksClient eks = new FakeEksClient(clock);

  private static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  private static Set<KubernetesVersion> minors(int first, int last) {
    return IntStream.rangeClosed(first, last).mapToObj(m -> KubernetesVersion.of(1, m)).collect(Collectors.toSet());
  }

  @Test
  void readsTheControlPlaneNodeGroupsAndAddOnsWithTheirVersionsForEveryMinorFromTheClustersOn() {
    eks.addCluster("shop-prod", "1.23").addNodegroup("shop-prod", "workers", "1.23").addNodegroup("shop-prod", "batch", "1.21")
        .addAddon("shop-prod", "vpc-cni", "v1.11.4-eksbuild.1").addAddon("shop-prod", "kube-proxy", "v1.23.17-eksbuild.2");

    Inventory inventory = EksScanner.create(eks).scan("shop-prod");

    assertThat(inventory.controlPlane()).contains(v("1.23"));
    assertThat(inventory.nodeGroups()).containsExactly(new Inventory.NodeGroupVersion("batch", v("1.21")),
        new Inventory.NodeGroupVersion("workers", v("1.23")));
    assertThat(inventory.apiUsages()).isEmpty();
    Map<String, Inventory.AddOn> addOns = inventory.addOns().stream().collect(Collectors.toMap(Inventory.AddOn::name, a -> a));
    assertThat(addOns.keySet()).containsExactlyInAnyOrder("vpc-cni", "kube-proxy");
    Inventory.AddOn cni = addOns.get("vpc-cni");
    assertThat(cni.version()).isEqualTo("v1.11.4-eksbuild.1");
    Map<String, Inventory.AddOnVersion> cniVersions = cni.available().stream()
        .collect(Collectors.toMap(Inventory.AddOnVersion::version, a -> a));
    // minors before the cluster's are no hop: 1.10.4 supports 1.20-1.25, kept as 1.23-1.25
    assertThat(cniVersions.get("v1.10.4-eksbuild.1").clusterVersions()).isEqualTo(minors(23, 25));
    assertThat(cniVersions.get("v1.10.4-eksbuild.1").defaultFor()).isEmpty();
    assertThat(cniVersions.get("v1.12.6-eksbuild.2").clusterVersions()).isEqualTo(minors(23, 29));
    assertThat(cniVersions.get("v1.12.6-eksbuild.2").defaultFor()).isEqualTo(minors(25, 26));
    assertThat(cniVersions.get("v1.19.2-eksbuild.1").clusterVersions()).isEqualTo(minors(25, 32));
    // every minor up to the newest has a version
    for (int m = 23; m <= 32; m++) {
      KubernetesVersion minor = KubernetesVersion.of(1, m);
      assertThat(cni.available()).as("vpc-cni on " + minor).anyMatch(a -> a.clusterVersions().contains(minor));
      assertThat(addOns.get("kube-proxy").available()).as("kube-proxy on " + minor).anyMatch(a -> a.clusterVersions().contains(minor));
    }
    assertThat(addOns.get("kube-proxy").available()).noneMatch(a -> a.version().startsWith("v1.22"));
    assertThat(eks.calls(FakeEksClient.DESCRIBE_ADDON_VERSIONS)).isEqualTo(2);
    assertThat(eks.writeCalls()).isZero();
  }

  @Test
  void followsEveryPage() {
    eks.addCluster("c", "1.30");
    EksAddonCatalogue catalogue = EksAddonCatalogue.empty();
    for (int i = 0; i < 105; i++) {
      eks.addNodegroup("c", String.format("ng-%03d", i), "1.30");
      catalogue = catalogue.with("addon-" + String.format("%03d", i), "v1.0.0-eksbuild.1", 30, 30, 30);
    }
    eks.addonCatalogue(catalogue);
    for (int i = 0; i < 105; i++) {
      eks.addAddon("c", "addon-" + String.format("%03d", i), "v1.0.0-eksbuild.1");
    }

    Inventory inventory = EksScanner.create(eks).scan("c");

    assertThat(inventory.nodeGroups()).hasSize(105);
    assertThat(inventory.addOns()).hasSize(105).allMatch(a -> a.available().size() == 1);
    assertThat(eks.calls(FakeEksClient.LIST_NODEGROUPS)).isEqualTo(2);
    assertThat(eks.calls(FakeEksClient.LIST_ADDONS)).isEqualTo(2);
  }

  @Test
  void aMissingClusterIsNotFoundAndThrottlingIsRetryable() {
    assertThatThrownBy(() -> EksScanner.create(eks).scan("nope")).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nope");
    eks.addCluster("c", "1.30");
    eks.throttleNext(FakeEksClient.LIST_ADDONS, 1);
    assertThatThrownBy(() -> EksScanner.create(eks).scan("c")).isInstanceOfSatisfying(BackendException.class,
        e -> assertThat(e.retryable()).isTrue());
    assertThatThrownBy(() -> EksScanner.create(eks).scan(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster");
  }
}
