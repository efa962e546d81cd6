package dev.platformkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark at a small size: what it claims holds (request counts, not timings). */
class TenantApplyBenchmarkTest {

  @Test
  void aSteadyStateReapplyWritesNothingAndItsRequestsDoNotGrowWithTheTenants() {
    List<TenantApplyBenchmark.Measurement> ten = TenantApplyBenchmark.run(TenantApplyBenchmark.tenants(10));
    List<TenantApplyBenchmark.Measurement> twenty = TenantApplyBenchmark.run(TenantApplyBenchmark.tenants(20));
    int objects = TenantApplyBenchmark.objects(TenantApplyBenchmark.tenants(20)).size();

    TenantApplyBenchmark.Measurement again = row(twenty, TenantApplyBenchmark.PLATFORMKIT, TenantApplyBenchmark.AGAIN);
    assertThat(again.writes()).isZero();
    assertThat(again.requests()).isEqualTo(row(ten, TenantApplyBenchmark.PLATFORMKIT, TenantApplyBenchmark.AGAIN).requests());
    assertThat(row(twenty, TenantApplyBenchmark.PLATFORMKIT, TenantApplyBenchmark.FIRST).writes()).isEqualTo(objects);
    // the naive client reads every object every time
    assertThat(row(twenty, TenantApplyBenchmark.NAIVE, TenantApplyBenchmark.FIRST).writes()).isEqualTo(objects);
    assertThat(row(twenty, TenantApplyBenchmark.NAIVE, TenantApplyBenchmark.AGAIN).requests()).isEqualTo(objects);
    assertThat(row(twenty, TenantApplyBenchmark.NAIVE, TenantApplyBenchmark.AGAIN).writes()).isZero();
  }

  @Test
  void theTableHasOneRowPerClientAndPhase() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<TenantApplyBenchmark.Measurement> rows = List.of(
        new TenantApplyBenchmark.Measurement(TenantApplyBenchmark.PLATFORMKIT, TenantApplyBenchmark.AGAIN, 6, 0, java.time.Duration.ofMillis(1500)));

    TenantApplyBenchmark.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 3, 36, rows);

    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("3 tenants x 2 namespaces = 36 objects")
        .containsPattern("platformkit +re-apply +6 +0 +1\\.50 s");
  }

  private static TenantApplyBenchmark.Measurement row(List<TenantApplyBenchmark.Measurement> rows, String client, String phase) {
    return rows.stream().filter(m -> m.client().equals(client) && m.phase().equals(phase)).findFirst().orElseThrow();
  }
}
