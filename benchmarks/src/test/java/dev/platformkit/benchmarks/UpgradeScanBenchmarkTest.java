package dev.platformkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan benchmark at a small size: the corpus and the counts it claims, never timings. */
class UpgradeScanBenchmarkTest {
  @Test
  void theScannerFindsEveryGeneratedDeprecatedObjectAndJacksonSeesTheSameObjects(@TempDir Path dir) throws IOException {
    UpgradeScanBenchmark.Corpus corpus = UpgradeScanBenchmark.generate(dir, 1_003);

    List<UpgradeScanBenchmark.Row> rows = UpgradeScanBenchmark.measure(corpus, 1);

    assertThat(corpus.manifests()).isEqualTo(1_003);
    assertThat(corpus.deprecated()).isEqualTo(10);
    assertThat(corpus.files()).isEqualTo(201);
    UpgradeScanBenchmark.Row scanner = rows.get(0);
    UpgradeScanBenchmark.Row tree = rows.get(1);
    assertThat(scanner.name()).isEqualTo(UpgradeScanBenchmark.SCANNER);
    assertThat(scanner.usages()).isEqualTo(10);
    // the JSON files are Lists: the scanner counts the List and its items, as does the tree row
    assertThat(scanner.objects()).isEqualTo(tree.objects()).isEqualTo(1_003 + corpus.files() / 20);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    UpgradeScanBenchmark.print(new PrintStream(out, true, StandardCharsets.UTF_8), corpus, rows);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("| ManifestScanner |", "| Jackson readValues(JsonNode) |", "| Jackson tokens only |");
  }
}
