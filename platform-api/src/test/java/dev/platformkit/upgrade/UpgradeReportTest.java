package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.ResourceRef;
import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class UpgradeReportTest {

  private static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  private static final Finding REMOVED_INGRESS = Finding.builder()
      .severity(Severity.BLOCKER)
      .code("REMOVED_API")
      .message("networking.k8s.io/v1beta1 Ingress is removed in 1.22")
      .resource(ResourceRef.kubernetes("Ingress", "shop", "storefront"))
      .version(v("1.22"))
      .remedy("use networking.k8s.io/v1")
      .build();
  private static final Finding OLD_ADDON = Finding.builder()
      .severity(Severity.WARNING)
      .code("ADDON_OUTDATED")
      .message("vpc-cni v1.7.5 is older than the minimum for 1.21")
      .resource(ResourceRef.aws("Addon", "vpc-cni"))
      .build();

  private static UpgradeReport.Builder report() {
    return UpgradeReport.builder()
        .cluster("shop-prod")
        .currentVersion(v("1.20.15"))
        .targetVersion(v("1.22"))
        .strategy(Strategy.IN_PLACE)
        .hops(Hop.between(v("1.20.15"), v("1.22")))
        .addFindings(OLD_ADDON, REMOVED_INGRESS)
        .addSteps(
            Step.builder().kind(StepKind.MIGRATE_API).description("rewrite Ingress shop/storefront to networking.k8s.io/v1")
                .resource(ResourceRef.kubernetes("Ingress", "shop", "storefront")).build(),
            Step.builder().kind(StepKind.UPGRADE_CONTROL_PLANE).description("update control plane to 1.21")
                .resource(ResourceRef.aws("Cluster", "shop-prod")).version(v("1.21")).build(),
            Step.builder().kind(StepKind.UPGRADE_ADDON).description("update vpc-cni to v1.12.6")
                .resource(ResourceRef.aws("Addon", "vpc-cni")).build(),
            Step.builder().kind(StepKind.UPGRADE_NODEGROUP).description("roll node group general to 1.21")
                .resource(ResourceRef.aws("Nodegroup", "general")).version(v("1.21")).build());
  }

  private static List<Violation> violations(ThrowingCallable build) {
    ValidationException[] caught = new ValidationException[1];
    assertThatThrownBy(build).isInstanceOfSatisfying(ValidationException.class, e -> caught[0] = e);
    return caught[0].violations();
  }

  @Test
  void blockers() {
    UpgradeReport report = report().build();

    assertThat(report.hasBlockers()).isTrue();
    assertThat(report.blockers()).containsExactly(REMOVED_INGRESS);
    assertThat(report.withFindings(OLD_ADDON).hasBlockers()).isFalse();
    assertThat(report.withFindings().blockers()).isEmpty();
  }

  @Test
  void aBlueGreenReport() {
    UpgradeReport report = report()
        .targetVersion(v("1.27")).hops(Hop.between(v("1.20"), v("1.27")))
        .strategy(Strategy.BLUE_GREEN)
        .steps(List.of(
            Step.builder().kind(StepKind.CREATE_CLUSTER).description("create shop-prod-1-27").version(v("1.27")).build(),
            Step.builder().kind(StepKind.SYNC_WORKLOADS).description("sync Applications to shop-prod-1-27").build(),
            Step.builder().kind(StepKind.SHIFT_TRAFFIC).description("send 10% to shop-prod-1-27").percent(10).build(),
            Step.builder().kind(StepKind.SHIFT_TRAFFIC).description("send all traffic to shop-prod-1-27").percent(100).build(),
            Step.builder().kind(StepKind.DELETE_CLUSTER).description("delete shop-prod").build()))
        .build();

    assertThat(report.hops()).hasSize(7);
    assertThat(report.steps()).extracting(Step::kind).startsWith(StepKind.CREATE_CLUSTER).endsWith(StepKind.DELETE_CLUSTER);
  }

  @Test
  void missingFields() {
    assertThat(violations(() -> UpgradeReport.builder().build()))
        .extracting(Violation::path, Violation::message)
        .containsExactly(
            tuple("cluster", "is required"),
            tuple("currentVersion", "is required"),
            tuple("targetVersion", "is required"),
            tuple("strategy", "is required"));
  }

  @Test
  void hopsMustBeTheChainFromCurrentToTarget() {
    List<Hop> wrong = new ArrayList<>(Hop.between(v("1.20"), v("1.24")));
    wrong.remove(1);

    assertThat(violations(() -> report().targetVersion(v("1.24")).hops(wrong).build()))
        .extracting(Violation::path, Violation::message)
        .containsExactly(
            tuple("hops[1]", "is 1.22 -> 1.23 where 1.21 -> 1.22 is next"),
            tuple("hops[2]", "is 1.23 -> 1.24 where 1.22 -> 1.23 is next"),
            tuple("hops", "has 3 hops; from 1.20.15 to 1.24 takes 4"));
    assertThat(violations(() -> report().currentVersion(v("1.23")).hops(List.of()).build()))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("targetVersion", "no upgrade path from 1.23 back to 1.22: control planes are never downgraded"));
  }

  @Test
  void findingsAndStepsAreCheckedWithTheirPaths() {
    List<Violation> found = violations(() -> report()
        .strategy(Strategy.AUTO)
        .findings(List.of(
            OLD_ADDON,
            Finding.builder().code("removed-api").message(" ").build()))
        .steps(List.of(
            Step.builder().kind(StepKind.UPGRADE_CONTROL_PLANE).description("update control plane").build(),
            Step.builder().kind(StepKind.SHIFT_TRAFFIC).description("shift").build(),
            Step.builder().kind(StepKind.SHIFT_TRAFFIC).description("shift").percent(0).build(),
            Step.builder().kind(StepKind.UPGRADE_ADDON).description("").percent(50).build(),
            Step.builder().build()))
        .build());

    assertThat(found).extracting(Violation::path, Violation::message).containsExactly(
        tuple("strategy", "a report records the strategy chosen: in-place or blue-green, not auto"),
        tuple("findings[1].severity", "is required"),
        tuple("findings[1].code", "\"removed-api\" is not a finding code (upper-case letters, digits and '_', such as REMOVED_API)"),
        tuple("findings[1].message", "must not be blank"),
        tuple("steps[0].version", "is required for a upgrade-control-plane step"),
        tuple("steps[1].percent", "is required for a shift-traffic step"),
        tuple("steps[2].percent", "0 is not a percentage from 1 to 100"),
        tuple("steps[3].description", "must not be blank"),
        tuple("steps[3].percent", "is only used by a shift-traffic step"),
        tuple("steps[4].kind", "is required"),
        tuple("steps[4].description", "is required"));
  }

  @Test
  void moreResourcesNeedTheFirstOne() {
    Finding grouped = Finding.builder().severity(Severity.BLOCKER).code("NODE_SKEW").message("2 nodes")
        .addMoreResources(ResourceRef.kubernetes("Node", "b")).build();

    assertThat(violations(() -> report().findings(List.of(grouped)).build())).extracting(Violation::path, Violation::message)
        .containsExactly(tuple("findings[0].moreResources", "needs resource, the first object of the finding"));
    Finding ok = grouped.withResource(ResourceRef.kubernetes("Node", "a"));
    assertThat(ok.allResources()).containsExactly(ResourceRef.kubernetes("Node", "a"), ResourceRef.kubernetes("Node", "b"));
    assertThat(report().findings(List.of(ok)).build().findings()).containsExactly(ok);
  }

  @Test
  void javaSerializationRoundTrip() throws Exception {
    UpgradeReport report = report().build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(report);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(report);
    }
  }

  @Test
  void jacksonRoundTrip() throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    UpgradeReport report = report().build();

    assertThat(json.readValue(json.writeValueAsString(report), UpgradeReport.class)).isEqualTo(report);
    JsonNode tree = json.valueToTree(report);
    assertThat(tree.at("/hops/0/from").asText()).isEqualTo("1.20");
    assertThat(tree.at("/findings/1/severity").asText()).isEqualTo("blocker");
    assertThat(tree.at("/findings/1/resource/kind").asText()).isEqualTo("Ingress");
    assertThat(tree.at("/findings/1/resource/namespace").asText()).isEqualTo("shop");
    assertThat(tree.at("/findings/1/version").asText()).isEqualTo("1.22");
    assertThat(tree.at("/steps/1/kind").asText()).isEqualTo("upgrade-control-plane");
    assertThat(tree.has("blockers")).isFalse();
  }
}
