package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControllerCompatibilityTest {

  private static final ControllerCompatibility DATA = ControllerCompatibility.bundled();

  private static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  @Test
  void theFileHoldsExactlyTheExpectedRows() {
    assertThat(DATA.requirements()).extracting(r -> r.controller() + " from " + r.fromKubernetes() + " >= " + r.minimumVersion())
        .containsExactly("aws-load-balancer-controller from 1.22 >= 2.4.0", "vpc-cni from 1.21 >= 1.8.0", "vpc-cni from 1.26 >= 1.12.0");
    assertThat(DATA.tested()).extracting(t -> t.controller() + " " + t.controllerMinor() + ": " + t.oldestKubernetes() + ".." + t.newestKubernetes())
        .containsExactly("argo-cd 3.0: 1.29..1.32", "argo-cd 3.1: 1.31..1.34", "argo-cd 3.2: 1.31..1.34");
    assertThat(DATA.requirements()).allSatisfy(r -> assertThat(r.source()).startsWith("https://"));
    assertThat(DATA.tested()).allSatisfy(t -> assertThat(t.source()).startsWith("https://"));
  }

  @ParameterizedTest(name = "{0} {1} on {2}: {3}")
  @CsvSource({
      "vpc-cni, v1.11.4-eksbuild.1, 1.25, true",
      "vpc-cni, v1.11.4-eksbuild.1, 1.26, false",
      "vpc-cni, v1.12.0-eksbuild.1, 1.26.5, true",
      "vpc-cni, 1.12, 1.27, true",
      "vpc-cni, v1.7.5, 1.20, true",
      "vpc-cni, v1.7.5, 1.21, false",
      "vpc-cni, v1.9.0, 1.25, true",
      "aws-load-balancer-controller, v2.3.1, 1.21, true",
      "aws-load-balancer-controller, v2.3.1, 1.22, false",
      "aws-load-balancer-controller, v2.4.0, 1.22, true",
      "aws-load-balancer-controller, v2.10.0, 1.30, true",
      "argo-cd, v2.0.0, 1.30, true"})
  void minimumVersions(String controller, String installed, String kubernetes, boolean ok) {
    assertThat(DATA.meetsRequirement(controller, installed, v(kubernetes))).isEqualTo(ok);
  }

  @Test
  void theStrictestRequirementApplies() {
    assertThat(DATA.requirement("vpc-cni", v("1.28")).map(ControllerRequirement::minimumVersion)).contains("1.12.0");
    assertThat(DATA.requirement("vpc-cni", v("1.23")).map(ControllerRequirement::minimumVersion)).contains("1.8.0");
    assertThat(DATA.requirement("vpc-cni", v("1.20"))).isEmpty();
    assertThatThrownBy(() -> DATA.meetsRequirement("vpc-cni", "latest", v("1.26")))
        .hasMessage("installedVersion \"latest\" is not a version (examples: 2.4.0, v1.12.0-eksbuild.1)");
  }

  @Test
  void argoCdTestedRanges() {
    TestedKubernetesRange argo32 = DATA.testedRange("argo-cd", "v3.2.5").orElseThrow();
    assertThat(argo32.covers(v("1.31"))).isTrue();
    assertThat(argo32.covers(v("1.34.2"))).isTrue();
    assertThat(argo32.covers(v("1.30"))).isFalse();
    assertThat(argo32.covers(v("1.35"))).isFalse();
    assertThat(DATA.testedRange("argo-cd", "3.0.12").map(t -> t.newestKubernetes())).contains(v("1.32"));
    assertThat(DATA.testedRange("argo-cd", "v2.14.9")).as("not sourced").isEmpty();
    assertThat(DATA.testedRange("argo-cd", "v3.20.0")).as("3.20 is not 3.2").isEmpty();
  }

  @Test
  void controllerVersionOrdering() {
    assertThat(ControllerVersions.compare("1.12", "1.12.0")).isZero();
    assertThat(ControllerVersions.compare("v1.12.1-eksbuild.2", "1.12.0")).isPositive();
    assertThat(ControllerVersions.compare("2.10.0", "2.4.0")).as("numeric").isPositive();
    assertThat(ControllerVersions.compare("v1.9.3", "1.10.0")).isNegative();
  }

  @Test
  void badRowsAreReportedByRowAndField() {
    assertThatThrownBy(() -> read("requirements:\n  - {controller: vpc-cni, fromKubernetes: '1.26', minimumVersion: 'one', reason: r, source: x}\n"
        + "tested: []\n"))
        .hasMessage("test.yaml: requirements[0]: minimumVersion \"one\" is not a version (examples: 2.4.0, v1.12.0-eksbuild.1)");
    assertThatThrownBy(() -> read("requirements: []\ntested:\n  - {controller: Argo CD, controllerMinor: '3.2', oldestKubernetes: '1.31',"
        + " newestKubernetes: '1.34', source: x}\n"))
        .hasMessage("test.yaml: tested[0]: controller \"Argo CD\" must be a lower-case name such as vpc-cni");
    assertThatThrownBy(() -> read("requirements: []\ntested:\n  - {controller: argo-cd, controllerMinor: '3.2.1', oldestKubernetes: '1.31',"
        + " newestKubernetes: '1.34', source: x}\n"))
        .hasMessage("test.yaml: tested[0]: controllerMinor \"3.2.1\" must be major.minor such as 3.2");
    assertThatThrownBy(() -> read("requirements: []\ntested:\n  - {controller: argo-cd, controllerMinor: '3.2', oldestKubernetes: '1.34',"
        + " newestKubernetes: '1.31', source: x}\n"))
        .hasMessage("test.yaml: tested[0]: newestKubernetes 1.31 of argo-cd 3.2 is before oldestKubernetes 1.34");
    assertThatThrownBy(() -> read("requirements: []\n")).hasMessage("test.yaml: expected a list \"tested\"");
  }

  private static ControllerCompatibility read(String yaml) throws Exception {
    return ControllerCompatibility.read("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }
}
