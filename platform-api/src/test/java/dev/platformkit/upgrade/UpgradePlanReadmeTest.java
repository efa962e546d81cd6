package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's UpgradePlan snippet, run here and kept identical to the README's copy. */
class UpgradePlanReadmeTest {
  private static final Path SOURCE = Path.of("src/test/java/dev/platformkit/upgrade/UpgradePlanReadmeTest.java");

  @TempDir
  Path out;

  @Test
  void theSnippetRuns() throws IOException {
    Path manifests = CorpusTest.corpus("1.20-1.27").resolve("manifests");

    // README snippet start
    ScanResult scan = ManifestScanner.create().scan(manifests);   // a file or a directory
    UpgradePlan request = UpgradePlan.builder()
        .cluster("shop-prod")
        .currentVersion(KubernetesVersion.parse("1.20"))
        .targetVersion(KubernetesVersion.parse("1.27"))
        .build();                                                  // strategy auto, strict node skew
    UpgradeReport report = Planner.create().plan(request, scan.inventory());
    report.strategy();          // BLUE_GREEN: 7 hops; report.strategyReasons() says why
    report.blockers();          // e.g. REMOVED_API at hop 1.21 -> 1.22, at manifests/ingress.yaml:14
    Files.writeString(out.resolve("upgrade.html"), report.render(ReportFormat.HTML));
    // README snippet end

    assertThat(report.strategy()).isEqualTo(Strategy.BLUE_GREEN);
    assertThat(report.blockers()).first().satisfies(f -> {
      assertThat(f.code()).isEqualTo("REMOVED_API");
      assertThat(f.hop()).contains(new Hop(KubernetesVersion.parse("1.21"), KubernetesVersion.parse("1.22")));
    });
    assertThat(out.resolve("upgrade.html")).content().startsWith("<!DOCTYPE html>");
  }

  @Test
  void theReadmeShowsTheSameSnippet() throws IOException {
    Path readme = Path.of("../README.md");
    String source = Files.readString(SOURCE);
    String snippet = source.substring(source.indexOf("// README snippet start\n") + "// README snippet start\n".length(),
        source.indexOf("    // README snippet end"));
    // the README's copy is indented 4 spaces less
    String unindented = snippet.lines().map(l -> l.substring(4)).reduce("", (a, b) -> a + b + "\n");

    assertThat(Files.readString(readme)).contains("```java\n" + unindented + "```\n");
  }
}
