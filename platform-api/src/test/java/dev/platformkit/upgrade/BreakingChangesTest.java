package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.upgrade.BreakingChange.Scope;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BreakingChangesTest {

  private static final BreakingChanges CHANGES = BreakingChanges.bundled();

  private static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  /** Every row expected in the file: minor, id, scope, severity. */
  private static final List<String> EXPECTED = List.of(
      "1.21 BOUND_SERVICE_ACCOUNT_TOKENS eks warning",
      "1.23 EBS_CSI_MIGRATION eks blocker",
      "1.24 DOCKERSHIM_REMOVED kubernetes blocker",
      "1.25 POD_SECURITY_POLICY_REMOVED kubernetes blocker",
      "1.26 CRI_V1ALPHA2_REMOVED kubernetes blocker",
      "1.26 VPC_CNI_1_12_REQUIRED eks blocker",
      "1.27 KUBELET_CONTAINER_RUNTIME_FLAG_REMOVED kubernetes blocker",
      "1.28 NODE_SKEW_N_MINUS_3 kubernetes info",
      "1.29 LEGACY_SERVICE_ACCOUNT_TOKEN_CLEANUP kubernetes warning",
      "1.29 NODE_KUBE_PROXY_VERSION_DEPRECATED kubernetes info",
      "1.30 GP2_NOT_DEFAULT_STORAGE_CLASS eks warning",
      "1.30 CLUSTER_ROLE_NEEDS_DESCRIBE_AVAILABILITY_ZONES eks blocker",
      "1.30 MANAGED_NODE_GROUPS_DEFAULT_TO_AL2023 eks warning",
      "1.31 KUBELET_KEEP_TERMINATED_POD_VOLUMES_REMOVED kubernetes blocker",
      "1.32 ANONYMOUS_AUTH_HEALTH_ENDPOINTS_ONLY eks warning",
      "1.33 NO_AMAZON_LINUX_2_AMI eks blocker",
      "1.33 ENDPOINTS_API_DEPRECATED kubernetes info",
      "1.34 CONTAINERD_2_1 eks warning",
      "1.34 APPARMOR_DEPRECATED eks info",
      "1.35 CGROUP_V1_KUBELET_REFUSES_TO_START kubernetes blocker",
      "1.35 KUBELET_POD_INFRA_CONTAINER_IMAGE_REMOVED kubernetes blocker",
      "1.36 CONTAINERD_2_REQUIRED kubernetes blocker",
      "1.36 KUBE_PROXY_IPVS_REMOVED kubernetes blocker");

  static Stream<Arguments> expected() {
    return EXPECTED.stream().map(line -> line.split(" ")).map(f -> Arguments.of(f[0], f[1], f[2], f[3]));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("expected")
  void everyRowAsExpected(String minor, String id, String scope, String severity) {
    BreakingChange change = CHANGES.byId(id).orElseThrow(() -> new AssertionError(id + " is missing"));
    assertThat(change.minor()).isEqualTo(v(minor));
    assertThat(change.scope()).isEqualTo(Scope.of(scope));
    assertThat(change.severity()).isEqualTo(Severity.of(severity));
    assertThat(change.summary()).isNotBlank();
    assertThat(change.check()).isNotBlank();
    assertThat(change.source()).startsWith("https://");
  }

  @Test
  void theFileHoldsExactlyTheExpectedRowsInOrder() {
    assertThat(CHANGES.all()).extracting(c -> c.minor() + " " + c.id() + " " + c.scope().value() + " " + c.severity().value())
        .containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void theChangesTheIssueNames() {
    assertThat(CHANGES.at(v("1.23.17"))).extracting(BreakingChange::id).containsExactly("EBS_CSI_MIGRATION");
    assertThat(CHANGES.at(v("1.24"))).extracting(BreakingChange::id).containsExactly("DOCKERSHIM_REMOVED");
    assertThat(CHANGES.at(v("1.25"))).extracting(BreakingChange::id).containsExactly("POD_SECURITY_POLICY_REMOVED");
    assertThat(CHANGES.at(v("1.26"))).extracting(BreakingChange::id).containsExactly("CRI_V1ALPHA2_REMOVED", "VPC_CNI_1_12_REQUIRED");
    assertThat(CHANGES.broughtBy(new Hop(v("1.26"), v("1.27")))).extracting(BreakingChange::id)
        .containsExactly("KUBELET_CONTAINER_RUNTIME_FLAG_REMOVED");
    assertThat(CHANGES.at(v("1.22"))).as("1.22 only removes APIs").isEmpty();
  }

  @Test
  void betweenCoversMinorsAfterFromUpToTo() {
    assertThat(CHANGES.between(v("1.20.7"), v("1.27"))).extracting(BreakingChange::id).containsExactly(
        "BOUND_SERVICE_ACCOUNT_TOKENS", "EBS_CSI_MIGRATION", "DOCKERSHIM_REMOVED", "POD_SECURITY_POLICY_REMOVED", "CRI_V1ALPHA2_REMOVED",
        "VPC_CNI_1_12_REQUIRED", "KUBELET_CONTAINER_RUNTIME_FLAG_REMOVED");
    assertThat(CHANGES.between(v("1.23"), v("1.23.9"))).isEmpty();
    assertThat(CHANGES.between(v("1.27"), v("1.26"))).isEmpty();
  }

  @Test
  void scopeFiltersEksOnlyChanges() {
    BreakingChange ebs = CHANGES.byId("EBS_CSI_MIGRATION").orElseThrow();
    BreakingChange dockershim = CHANGES.byId("DOCKERSHIM_REMOVED").orElseThrow();
    assertThat(ebs.appliesTo(Scope.KUBERNETES)).isFalse();
    assertThat(ebs.appliesTo(Scope.EKS)).isTrue();
    assertThat(dockershim.appliesTo(Scope.KUBERNETES)).isTrue();
    assertThat(dockershim.appliesTo(Scope.EKS)).isTrue();
    assertThat(dockershim).hasToString("1.24 DOCKERSHIM_REMOVED (blocker)");
  }

  @Test
  void badRowsAreReportedByRowAndField() {
    String row = "changes:\n  - {minor: '1.24', id: %s, scope: %s, severity: %s, summary: s, check: c, source: x}\n";
    assertThatThrownBy(() -> read(row.formatted("dockershim", "kubernetes", "blocker")))
        .hasMessage("test.yaml: changes[0]: id \"dockershim\" must be upper case words joined by '_' (DOCKERSHIM_REMOVED)");
    assertThatThrownBy(() -> read(row.formatted("A", "gke", "blocker")))
        .hasMessage("test.yaml: changes[0].scope: \"gke\" is not a scope (kubernetes or eks)");
    assertThatThrownBy(() -> read(row.formatted("A", "eks", "fatal")))
        .hasMessage("test.yaml: changes[0].severity: \"fatal\" is not a severity (info, warning or blocker)");
    assertThatThrownBy(() -> read(row.formatted("A", "eks", "info") + row.substring("changes:\n".length()).formatted("A", "eks", "info")))
        .hasMessage("the catalogue lists A twice");
    assertThatThrownBy(() -> read("changes:\n  - {minor: '1.24.1', id: A, scope: eks, severity: info, summary: s, check: c, source: x}\n"))
        .hasMessage("test.yaml: changes[0]: minor 1.24.1 must be a minor version such as 1.24, not a patch release");
    assertThatThrownBy(() -> read("changes:\n  - {minor: '1.24', id: A, scope: eks, severity: info, summary: s, source: x}\n"))
        .hasMessage("test.yaml: changes[0].check is required");
  }

  private static BreakingChanges read(String yaml) throws Exception {
    return BreakingChanges.read("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }
}
