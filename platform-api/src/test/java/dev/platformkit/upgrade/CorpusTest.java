package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected findings of manifest corpora (test resources {@code upgrade/corpus/<name>/}): {@code manifests/}
 * (YAML, multi-document YAML, JSON, {@code helm template} output), {@code cluster.json} (the cluster's part
 * of the {@link Inventory}: versions, node groups, add-ons, controllers) and {@code expected-findings.txt}
 * (one line per finding in the report's order: hop, severity, code, location).
 *
 * <p>The manifests are read by {@link ManifestScanner}.
 */
class CorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  static Path corpus(String name) {
    try {
      return Path.of(CorpusTest.class.getResource("/upgrade/corpus/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The corpus's inventory: {@code cluster.json} plus what {@link ManifestScanner} finds in its manifests. */
  static Inventory inventory(Path corpus) throws IOException {
    Inventory cluster = JSON.readValue(corpus.resolve("cluster.json").toFile(), Inventory.class);
    ScanResult scan = ManifestScanner.create().scan(corpus.resolve("manifests"));
    assertThat(scan.problems()).isEmpty();
    return cluster.plus(scan.inventory());
  }

  /** {@code hop | severity | code | location}, one per finding, file locations relative to the corpus. */
  static List<String> lines(Path corpus, UpgradeReport report) {
    String root = corpus.toString() + java.io.File.separator;
    return report.findings().stream().map(f -> f.hop().map(Hop::toString).orElse("-") + " | " + f.severity().value() + " | " + f.code()
        + " | " + f.location().map(l -> l.replace(root, "").replace('\\', '/')).orElse("-")).toList();
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

    assertThat(lines(corpus, report)).containsExactlyElementsOf(expected(corpus));
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
    assertThat(lines(corpus, report)).containsExactlyElementsOf(expected(corpus));
  }
}
