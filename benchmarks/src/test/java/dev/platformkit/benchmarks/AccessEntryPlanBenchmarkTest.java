package dev.platformkit.benchmarks;

import static dev.platformkit.testkit.aws.FakeEksClient.DESCRIBE_ACCESS_ENTRY;
import static dev.platformkit.testkit.aws.FakeEksClient.DESCRIBE_CLUSTER;
import static dev.platformkit.testkit.aws.FakeEksClient.LIST_ACCESS_ENTRIES;
import static dev.platformkit.testkit.aws.FakeEksClient.LIST_ASSOCIATED_ACCESS_POLICIES;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark at a small size: what it claims holds (call counts). */
class AccessEntryPlanBenchmarkTest {

  @Test
  void platformkitsCallsGrowWithTheTenantsAndNotWithTheForeignEntries() {
    AccessEntryPlanBenchmark.Measurement alone = row(AccessEntryPlanBenchmark.run(6, 0), AccessEntryPlanBenchmark.PLATFORMKIT);
    AccessEntryPlanBenchmark.Measurement crowded = row(AccessEntryPlanBenchmark.run(6, 250), AccessEntryPlanBenchmark.PLATFORMKIT);
    AccessEntryPlanBenchmark.Measurement more = row(AccessEntryPlanBenchmark.run(12, 250), AccessEntryPlanBenchmark.PLATFORMKIT);

    assertThat(crowded.changes()).isZero();
    assertThat(crowded.calls()).isEqualTo(alone.calls()).isEqualTo(Map.of(
        DESCRIBE_CLUSTER, 1, LIST_ACCESS_ENTRIES, 3, DESCRIBE_ACCESS_ENTRY, 6, LIST_ASSOCIATED_ACCESS_POLICIES, 6));
    assertThat(more.total()).isEqualTo(4 + 2 * 12);
  }

  @Test
  void theReferenceDescribesEveryEntryOfTheCluster() {
    List<AccessEntryPlanBenchmark.Measurement> rows = AccessEntryPlanBenchmark.run(6, 250);
    AccessEntryPlanBenchmark.Measurement reference = row(rows, AccessEntryPlanBenchmark.DESCRIBE_ALL);

    // 256 entries: three pages, a describe each, the owned ones' associations
    assertThat(reference.calls()).isEqualTo(Map.of(
        LIST_ACCESS_ENTRIES, 3, DESCRIBE_ACCESS_ENTRY, 256, LIST_ASSOCIATED_ACCESS_POLICIES, 6));
    assertThat(row(rows, AccessEntryPlanBenchmark.PLATFORMKIT).total()).isLessThan(reference.total() / 10);
  }

  @Test
  void theTableHasOneRowPerClientAndSize() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AccessEntryPlanBenchmark.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(
        new AccessEntryPlanBenchmark.Measurement(AccessEntryPlanBenchmark.PLATFORMKIT, 50, 200,
            Map.of(DESCRIBE_CLUSTER, 1, LIST_ACCESS_ENTRIES, 3, DESCRIBE_ACCESS_ENTRY, 50, LIST_ASSOCIATED_ACCESS_POLICIES, 50), 0)));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).containsPattern("50 +200 +platformkit +1 +3 +50 +50 +104");
  }

  private static AccessEntryPlanBenchmark.Measurement row(List<AccessEntryPlanBenchmark.Measurement> rows, String client) {
    return rows.stream().filter(m -> m.client().equals(client)).findFirst().orElseThrow();
  }
}
