package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platformkit.ValidationException;
import dev.platformkit.Violation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpgradePlanTest {

  private static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  private static UpgradePlan.Builder plan() {
    return UpgradePlan.builder().cluster("shop-prod").currentVersion(v("1.20")).targetVersion(v("1.27"));
  }

  private static List<Violation> violations(ThrowingCallable build) {
    ValidationException[] caught = new ValidationException[1];
    assertThatThrownBy(build).isInstanceOfSatisfying(ValidationException.class, e -> caught[0] = e);
    return caught[0].violations();
  }

  @Test
  void defaults() {
    UpgradePlan plan = plan().build();

    assertThat(plan.strategy()).isEqualTo(Strategy.AUTO);
    assertThat(plan.nodeSkew()).isEqualTo(SkewPolicy.STRICT);
    assertThat(plan.blueGreen()).isEmpty();
    assertThat(plan.blueGreenSettings().effectiveTrafficSteps()).containsExactly(10, 50, 100);
    assertThat(plan.greenClusterName()).isEqualTo("shop-prod-1-27");
    assertThat(Hop.between(plan.currentVersion().orElseThrow(), plan.targetVersion())).hasSize(7);
  }

  @Test
  void blueGreenSettings() {
    UpgradePlan plan = plan().strategy(Strategy.BLUE_GREEN)
        .blueGreen(BlueGreen.builder().greenCluster("shop-prod-green").addTrafficSteps(5, 25, 100).build())
        .build();

    assertThat(plan.greenClusterName()).isEqualTo("shop-prod-green");
    assertThat(plan.blueGreenSettings().effectiveTrafficSteps()).containsExactly(5, 25, 100);
    assertThat(plan.withBlueGreen(BlueGreen.builder().addTrafficSteps(100).build()).blueGreenSettings().trafficSteps()).containsExactly(100);
  }

  @Test
  void theDefaultGreenNameFitsTheClusterNameBudget() {
    String longName = "c".repeat(100);

    String green = plan().cluster(longName).build().greenClusterName();

    assertThat(green).hasSize(100).isEqualTo("c".repeat(95) + "-1-27");
  }

  @Test
  void theCurrentVersionMayBeUnknown() {
    UpgradePlan plan = UpgradePlan.builder().cluster("shop-prod").targetVersion(v("1.31")).build();

    assertThat(plan.currentVersion()).isEmpty();
  }

  @Test
  void missingFields() {
    assertThat(violations(() -> UpgradePlan.builder().strategy(null).build()))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("cluster", "is required"), tuple("targetVersion", "is required"), tuple("strategy", "is required"));
  }

  @Test
  void manyViolationsAreReportedWithTheirPaths() {
    List<Violation> found = violations(() -> UpgradePlan.builder()
        .cluster("-shop")
        .currentVersion(v("1.27.3"))
        .targetVersion(v("1.27.5"))
        .strategy(Strategy.IN_PLACE)
        .blueGreen(BlueGreen.builder().greenCluster("a.b").addTrafficSteps(0, 50, 40, 90).build())
        .build());

    assertThat(found).extracting(Violation::path, Violation::message).containsExactly(
        tuple("cluster", "\"-shop\" is not an EKS cluster name (a letter or digit, then letters, digits, '-' and '_'; at most 100 characters)"),
        tuple("targetVersion", "1.27.5 is a patch release; give the minor (1.27): EKS upgrades to a minor and picks the patch"),
        tuple("targetVersion", "1.27.5 is not after currentVersion 1.27.3: an upgrade moves to a later minor"),
        tuple("blueGreen", "is only used with strategy blue-green or auto, not in-place"),
        tuple("blueGreen.greenCluster", "\"a.b\" is not an EKS cluster name (a letter or digit, then letters, digits, '-' and '_'; at most 100 characters)"),
        tuple("blueGreen.trafficSteps[0]", "0 is not a percentage from 1 to 100"),
        tuple("blueGreen.trafficSteps[2]", "40 is not more than the step before (50)"),
        tuple("blueGreen.trafficSteps", "must end at 100, so that all traffic reaches the new cluster"));
  }

  @Test
  void atMostTenMinorsAtOnce() {
    assertThat(plan().currentVersion(v("1.20")).targetVersion(v("1.30")).build().targetVersion()).isEqualTo(v("1.30"));
    assertThat(violations(() -> plan().currentVersion(v("1.20.4")).targetVersion(v("1.31")).build()))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("targetVersion", "from 1.20.4 to 1.31 is 11 minor versions; plan at most 10 at once"));
    assertThat(violations(() -> plan().targetVersion(v("2.0")).build()))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("targetVersion", "2.0 has another major version than currentVersion 1.20"));
  }

  @Test
  void greenMustDifferFromBlue() {
    assertThat(violations(() -> plan().blueGreen(BlueGreen.builder().greenCluster("shop-prod").build()).build()))
        .extracting(Violation::path, Violation::message)
        .containsExactly(tuple("blueGreen.greenCluster", "must differ from cluster shop-prod"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"shop-prod", "Shop_Prod-1", "1cluster", "x"})
  void clusterNames(String name) {
    assertThat(plan().cluster(name).build().cluster()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "_shop", "shop.prod", "shop prod", "shöp"})
  void notClusterNames(String name) {
    assertThat(violations(() -> plan().cluster(name).build())).extracting(Violation::path).containsExactly("cluster");
    assertThat(violations(() -> plan().cluster("c".repeat(101)).build())).extracting(Violation::path).containsExactly("cluster");
  }

  @Test
  void kubeletSkew() {
    assertThat(SkewPolicy.STRICT.maxKubeletLag(v("1.30"))).isEqualTo(1);
    assertThat(SkewPolicy.RELAXED.maxKubeletLag(v("1.27"))).isEqualTo(2);
    assertThat(SkewPolicy.RELAXED.maxKubeletLag(v("1.28"))).isEqualTo(3);
  }

  @Test
  void javaSerializationRoundTrip() throws Exception {
    UpgradePlan plan = plan().strategy(Strategy.BLUE_GREEN).nodeSkew(SkewPolicy.RELAXED)
        .blueGreen(BlueGreen.builder().addTrafficSteps(20, 100).build()).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(plan);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(plan);
    }
  }

  @Test
  void jacksonRoundTripWithSpecNames() throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    UpgradePlan plan = plan().strategy(Strategy.BLUE_GREEN).nodeSkew(SkewPolicy.RELAXED)
        .blueGreen(BlueGreen.builder().greenCluster("shop-green").addTrafficSteps(20, 100).build()).build();

    assertThat(json.readValue(json.writeValueAsString(plan), UpgradePlan.class)).isEqualTo(plan);
    JsonNode tree = json.valueToTree(plan);
    assertThat(tree.get("currentVersion").asText()).isEqualTo("1.20");
    assertThat(tree.get("strategy").asText()).isEqualTo("blue-green");
    assertThat(tree.get("nodeSkew").asText()).isEqualTo("relaxed");
    assertThat(tree.at("/blueGreen/trafficSteps/0").asInt()).isEqualTo(20);
    assertThat(tree.has("greenClusterName")).isFalse();
    assertThat(json.readValue(json.writeValueAsString(plan().build()), UpgradePlan.class)).isEqualTo(plan().build());
  }

  @Test
  void readsYamlWithUnquotedVersions() throws Exception {
    // YAML reads 1.20 as a number; the version must still be 1.20, not 1.2
    String yaml = "cluster: shop-prod\ncurrentVersion: 1.20\ntargetVersion: 1.27\nstrategy: in-place\nnodeSkew: relaxed\n";

    UpgradePlan plan = new ObjectMapper(new YAMLFactory()).findAndRegisterModules().readValue(yaml, UpgradePlan.class);

    assertThat(plan.currentVersion()).contains(v("1.20"));
    assertThat(plan.targetVersion()).isEqualTo(v("1.27"));
    assertThat(plan.strategy()).isEqualTo(Strategy.IN_PLACE);
    assertThat(plan.nodeSkew()).isEqualTo(SkewPolicy.RELAXED);
  }

  @Test
  void badSpellingsAreNamed() {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    assertThatThrownBy(() -> json.readValue("{\"cluster\":\"c\",\"targetVersion\":\"1.27\",\"strategy\":\"rolling\"}", UpgradePlan.class))
        .hasMessageContaining("\"rolling\" is not an upgrade strategy (auto, in-place or blue-green)");
    assertThatThrownBy(() -> json.readValue("{\"cluster\":\"c\",\"targetVersion\":\"1.27\",\"nodeSkew\":\"loose\"}", UpgradePlan.class))
        .hasMessageContaining("\"loose\" is not a node skew policy (strict or relaxed)");
    assertThatThrownBy(() -> json.readValue("{\"cluster\":\"c\",\"targetVersion\":\"one.27\"}", UpgradePlan.class))
        .hasMessageContaining("\"one.27\" is not a Kubernetes version");
    assertThatThrownBy(() -> json.readValue("{\"cluster\":\"c\",\"currentVersion\":\"1.27\",\"targetVersion\":\"1.26\"}", UpgradePlan.class))
        .rootCause()
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Violation::path)
            .containsExactly("targetVersion"));
  }
}
