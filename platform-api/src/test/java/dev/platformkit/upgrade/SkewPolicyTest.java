package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SkewPolicyTest {

  private static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  @ParameterizedTest(name = "kubelet {0} with apiserver {1}: {2}")
  @CsvSource({
      // same minor and newer
      "1.28, 1.28, true", "1.28.9, 1.28.1, true", "1.29, 1.28, false", "1.28.0, 1.27.15, false",
      // kubelets older than 1.25: two minors
      "1.22, 1.24, true", "1.22, 1.25, false", "1.23, 1.25, true", "1.23, 1.26, false",
      "1.24, 1.26, true", "1.24.17, 1.27, false", "1.24, 1.27.3, false",
      // from 1.25 on: three minors
      "1.25, 1.27, true", "1.25, 1.28, true", "1.25.16, 1.28.15, true", "1.25, 1.29, false",
      "1.30, 1.33, true", "1.30, 1.34, false", "1.31, 1.34, true"})
  void upstreamRule(String kubelet, String apiServer, boolean supported) {
    assertThat(SkewPolicy.kubeletSupported(v(kubelet), v(apiServer))).isEqualTo(supported);
  }

  @Test
  void upstreamLagAndOldestKubelet() {
    assertThat(SkewPolicy.upstreamMaxKubeletLag(v("1.24.17"))).isEqualTo(2);
    assertThat(SkewPolicy.upstreamMaxKubeletLag(v("1.25"))).isEqualTo(3);
    assertThat(SkewPolicy.oldestSupportedKubelet(v("1.26"))).isEqualTo(v("1.24"));
    assertThat(SkewPolicy.oldestSupportedKubelet(v("1.27.4"))).isEqualTo(v("1.25"));
    assertThat(SkewPolicy.oldestSupportedKubelet(v("1.28"))).isEqualTo(v("1.25"));
    assertThat(SkewPolicy.oldestSupportedKubelet(v("1.33"))).isEqualTo(v("1.30"));
    assertThat(SkewPolicy.oldestSupportedKubelet(v("1.1"))).isEqualTo(v("1.0"));
    assertThatThrownBy(() -> SkewPolicy.kubeletSupported(v("1.28"), v("2.0"))).hasMessageContaining("the major versions differ");
  }

  @Test
  void relaxedLagAgreesWithTheUpstreamRuleAtEveryControlPlane() {
    for (int cp = 4; cp <= 40; cp++) {
      KubernetesVersion apiServer = KubernetesVersion.of(1, cp);
      int lag = SkewPolicy.RELAXED.maxKubeletLag(apiServer);
      assertThat(SkewPolicy.kubeletSupported(KubernetesVersion.of(1, cp - lag), apiServer)).as(apiServer + " lag " + lag).isTrue();
      assertThat(SkewPolicy.kubeletSupported(KubernetesVersion.of(1, cp - lag - 1), apiServer)).as(apiServer + " lag " + (lag + 1)).isFalse();
    }
  }

  @Test
  void strictRequiresNodeGroupsToMatchBeforeEachHop() {
    Hop hop = new Hop(v("1.27"), v("1.28"));
    assertThat(SkewPolicy.STRICT.allowsHop(hop, v("1.27.9"))).isTrue();
    assertThat(SkewPolicy.STRICT.hopBlocker(hop, v("1.26"))).contains(
        "kubelet 1.26 must be upgraded to 1.27 before the control plane goes 1.27 -> 1.28 (strict node skew: node groups match the control plane before each hop)");
    assertThat(SkewPolicy.RELAXED.allowsHop(hop, v("1.26"))).isTrue();
  }

  @Test
  void relaxedBlocksAtTheUpstreamBoundary() {
    assertThat(SkewPolicy.RELAXED.allowsHop(new Hop(v("1.27"), v("1.28")), v("1.25"))).as("3 behind 1.28 from 1.25").isTrue();
    assertThat(SkewPolicy.RELAXED.hopBlocker(new Hop(v("1.26"), v("1.27")), v("1.24.17"))).contains(
        "kubelet 1.24.17 would be 3 minors behind the control plane at 1.27; the version skew policy allows 2 for a kubelet at 1.24:"
            + " upgrade it to at least 1.25 first");
    assertThat(SkewPolicy.RELAXED.allowsHop(new Hop(v("1.25"), v("1.26")), v("1.24"))).isTrue();
    assertThat(SkewPolicy.RELAXED.allowsHop(new Hop(v("1.28"), v("1.29")), v("1.25"))).as("4 behind").isFalse();
  }

  @Test
  void aKubeletNewerThanTheControlPlaneBlocksUnderBothPolicies() {
    Hop hop = new Hop(v("1.27"), v("1.28"));
    for (SkewPolicy policy : SkewPolicy.values()) {
      assertThat(policy.hopBlocker(hop, v("1.28.1"))).as(policy.toString())
          .contains("kubelet 1.28.1 is newer than the control plane at 1.27, which the version skew policy never allows");
    }
  }
}
