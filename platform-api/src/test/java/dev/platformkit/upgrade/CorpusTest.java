package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platformkit.upgrade.Inventory.ApiUsage;
import dev.platformkit.upgrade.Inventory.Origin;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Expected findings of manifest corpora (test resources {@code upgrade/corpus/<name>/}): {@code manifests/}
 * (YAML, multi-document YAML, JSON, {@code helm template} output), {@code cluster.json} (the cluster's part
 * of the {@link Inventory}: versions, node groups, add-ons, controllers) and {@code expected-findings.txt}
 * (one line per finding in the report's order: hop, severity, code, location).
 *
 * <p>The manifests are read by {@link #manifestUsages}, a stand-in for the upgrade-scan branch's
 * {@code ManifestScanner} until it is on this branch.
 */
class CorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Path corpus(String name) {
    try {
      return Path.of(CorpusTest.class.getResource("/upgrade/corpus/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The corpus's inventory: {@code cluster.json} plus the deprecated API versions its manifests use. */
  static Inventory inventory(Path corpus) throws IOException {
    Inventory cluster = JSON.readValue(corpus.resolve("cluster.json").toFile(), Inventory.class);
    return new Inventory(cluster.controlPlane(), manifestUsages(corpus, corpus.resolve("manifests")), cluster.nodes(), cluster.nodeGroups(),
        cluster.addOns(), cluster.controllers());
  }

  /** Uses of catalogued API versions in the YAML and JSON files under {@code dir}, located {@code path:line} relative to {@code root}. */
  static List<ApiUsage> manifestUsages(Path root, Path dir) throws IOException {
    List<ApiUsage> usages = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(f -> f.toString().matches(".*\\.(ya?ml|json)")).sorted().toList();
    }
    for (Path file : files) {
      JsonFactory factory = file.toString().endsWith(".json") ? JSON.getFactory() : YAML.getFactory();
      try (JsonParser p = factory.createParser(file.toFile())) {
        p.setCodec(file.toString().endsWith(".json") ? JSON : YAML);
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          int line = p.currentTokenLocation().getLineNr();
          JsonNode doc = p.readValueAsTree();
          if (doc == null || !doc.hasNonNull("apiVersion") || !doc.hasNonNull("kind")) {
            continue;
          }
          String apiVersion = doc.get("apiVersion").asText();
          String kind = doc.get("kind").asText();
          if (DeprecatedApis.bundled().lookup(apiVersion, kind).isPresent()) {
            JsonNode meta = doc.path("metadata");
            usages.add(new ApiUsage(apiVersion, kind, meta.hasNonNull("namespace") ? meta.get("namespace").asText() : null,
                meta.hasNonNull("name") ? meta.get("name").asText() : null, Origin.FILE,
                root.relativize(file).toString().replace('\\', '/') + ":" + line));
          }
        }
      }
    }
    return usages;
  }

  /** {@code hop | severity | code | location}, one per finding. */
  static List<String> lines(UpgradeReport report) {
    return report.findings().stream().map(f -> f.hop().map(Hop::toString).orElse("-") + " | " + f.severity().value() + " | " + f.code()
        + " | " + f.location().orElse("-")).toList();
  }

  static List<String> expected(Path corpus) throws IOException {
    return Files.readAllLines(corpus.resolve("expected-findings.txt")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  @Test
  void from120To127InPlace() throws IOException {
    Path corpus = corpus("1.20-1.27");
    UpgradePlan plan = UpgradePlan.builder().cluster("shop-prod").currentVersion(KubernetesVersion.parse("1.20"))
        .targetVersion(KubernetesVersion.parse("1.27")).strategy(Strategy.IN_PLACE).build();

    UpgradeReport report = Planner.create().plan(plan, inventory(corpus));

    assertThat(lines(report)).containsExactlyElementsOf(expected(corpus));
    assertThat(report.currentVersion()).isEqualTo(KubernetesVersion.parse("1.20.15"));
    assertThat(report.hops()).hasSize(7);
    // every hop: its control plane update, and strict node skew rolls both node groups after it
    for (Hop hop : report.hops()) {
      assertThat(report.steps()).filteredOn(s -> s.hop().equals(java.util.Optional.of(hop)) && s.kind() == StepKind.UPGRADE_CONTROL_PLANE)
          .hasSize(1);
    }
    assertThat(report.steps().get(0).description()).isEqualTo("roll node group batch from 1.19 to 1.20 before the control plane goes 1.20 -> 1.21");
  }

  @Test
  void from120To127AutoChoosesBlueGreen() throws IOException {
    Path corpus = corpus("1.20-1.27");
    UpgradePlan plan = UpgradePlan.builder().cluster("shop-prod").targetVersion(KubernetesVersion.parse("1.27")).build();

    UpgradeReport report = Planner.create().plan(plan, inventory(corpus));

    assertThat(report.strategy()).isEqualTo(Strategy.BLUE_GREEN);
    assertThat(report.strategyReasons()).hasSize(3);
    assertThat(report.strategyReasons().get(1)).isEqualTo(
        "in place carries 7 blocker(s) a new cluster at 1.27 avoids: ADDON_NO_COMPATIBLE_VERSION, NODE_SKEW x6");
    // removed APIs still block: the new cluster does not serve them either
    assertThat(report.blockers()).extracting(Finding::code).containsOnly("REMOVED_API", "CONTROLLER_TOO_OLD", "POD_SECURITY_POLICY_REMOVED");
    assertThat(report.steps()).extracting(Step::kind).startsWith(StepKind.MIGRATE_API).endsWith(StepKind.SHIFT_TRAFFIC,
        StepKind.SHIFT_TRAFFIC, StepKind.SHIFT_TRAFFIC, StepKind.DELETE_CLUSTER);
  }

  @Test
  void theNewestHop() throws IOException {
    Path corpus = corpus("newest");
    KubernetesVersion newest = BreakingChanges.bundled().all().stream().map(BreakingChange::minor).max(KubernetesVersion::compareTo).orElseThrow();
    UpgradePlan plan = UpgradePlan.builder().cluster("shop-prod").targetVersion(newest).strategy(Strategy.IN_PLACE).build();

    UpgradeReport report = Planner.create().plan(plan, inventory(corpus));

    assertThat(report.hops()).containsExactly(new Hop(KubernetesVersion.parse("1.35"), newest));
    assertThat(lines(report)).containsExactlyElementsOf(expected(corpus));
  }
}
