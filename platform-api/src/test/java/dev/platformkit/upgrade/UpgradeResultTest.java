package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.ResourceRef;
import dev.platformkit.ValidationException;
import dev.platformkit.upgrade.UpgradeResult.Outcome;
import dev.platformkit.upgrade.UpgradeResult.StepResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link UpgradeResult} and the add-on version a {@link Step} carries for the executor. */
class UpgradeResultTest {
  private static final Step CONTROL_PLANE = Step.builder().kind(StepKind.UPGRADE_CONTROL_PLANE)
      .description("control plane to 1.24").version(KubernetesVersion.parse("1.24")).build();
  private static final Step CNI = Step.builder().kind(StepKind.UPGRADE_ADDON).description("vpc-cni to v1.12.6")
      .resource(ResourceRef.aws("Addon", "vpc-cni")).addOnVersion("v1.12.6-eksbuild.2").build();
  private static final Step BATCH = Step.builder().kind(StepKind.UPGRADE_NODEGROUP).description("batch to 1.24")
      .resource(ResourceRef.aws("NodeGroup", "batch")).version(KubernetesVersion.parse("1.24")).build();

  private static UpgradeReport.Builder report() {
    return UpgradeReport.builder().cluster("shop-prod").currentVersion(KubernetesVersion.parse("1.23"))
        .targetVersion(KubernetesVersion.parse("1.24")).strategy(Strategy.IN_PLACE)
        .addHops(new Hop(KubernetesVersion.parse("1.23"), KubernetesVersion.parse("1.24")));
  }

  @Test
  void anAddOnStepCarriesItsVersionThroughJsonAndJavaSerialization() throws Exception {
    UpgradeReport report = report().addSteps(CONTROL_PLANE, CNI, BATCH).build();
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    String text = json.writeValueAsString(report);

    assertThat(text).contains("\"addOnVersion\":\"v1.12.6-eksbuild.2\"");
    assertThat(json.readValue(text, UpgradeReport.class)).isEqualTo(report);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new UpgradeResult("shop-prod", List.of(new StepResult(CNI, Outcome.DONE, "")), Duration.ofMinutes(3)));
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(((UpgradeResult) in.readObject()).steps().get(0).step().addOnVersion()).contains("v1.12.6-eksbuild.2");
    }
  }

  @Test
  void anAddOnVersionOnAnotherKindOfStepOrBlankIsRefusedWithItsPath() {
    assertThatThrownBy(() -> report().addSteps(CONTROL_PLANE.withAddOnVersion("v1"), CNI.withAddOnVersion(" ")).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("steps[0].addOnVersion: is only used by an upgrade-addon step")
        .hasMessageContaining("steps[1].addOnVersion: must not be blank");
  }

  @Test
  void outcomesSayWhetherTheRunCompletedAndWhereItStopped() {
    UpgradeResult done = new UpgradeResult("shop-prod", List.of(new StepResult(CONTROL_PLANE, Outcome.SKIPPED,
        "control plane of shop-prod is at 1.24 already"), new StepResult(CNI, Outcome.DONE, "")), Duration.ZERO);
    UpgradeResult stopped = new UpgradeResult("shop-prod", List.of(new StepResult(CONTROL_PLANE, Outcome.DONE, ""),
        new StepResult(BATCH, Outcome.STOPPED, "1 Job pods running: reports/nightly"),
        new StepResult(CNI, Outcome.NOT_RUN, "the run stopped at: batch to 1.24")), Duration.ofHours(2));

    assertThat(done.completed()).isTrue();
    assertThat(done.stopped()).isEmpty();
    assertThat(done.withOutcome(Outcome.SKIPPED)).containsExactly(CONTROL_PLANE);
    assertThat(stopped.completed()).isFalse();
    assertThat(stopped.stopped().orElseThrow().step()).isEqualTo(BATCH);
    assertThat(stopped.render()).isEqualTo("""
        DONE     control plane to 1.24
        STOPPED  batch to 1.24 (1 Job pods running: reports/nightly)
        NOT_RUN  vpc-cni to v1.12.6 (the run stopped at: batch to 1.24)
        """);
  }
}
