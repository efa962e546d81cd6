package dev.platformkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedule benchmark at a small size: what it claims holds (request counts, zero writes), never timings. */
class ScheduleBenchmarkTest {
  // 30 apps over 5 namespaces, 24 of them in the 4 targeted ones, 16 labelled
  private static final int APPS = 30;
  private static final int TARGETED = 16;

  @Test
  void aSleepAndAWakeUpMakeOneListPerNamespaceAndOnePatchPerWorkloadAndTheNaiveClientThreeRequestsPerWorkload() {
    List<TenantApplyBenchmark.Measurement> rows = ScheduleBenchmark.sleepAndWake(APPS, TARGETED);
    int namespaces = ScheduleBenchmark.targetNamespaces().size();

    TenantApplyBenchmark.Measurement sleep = row(rows, ScheduleBenchmark.PLATFORMKIT, ScheduleBenchmark.SLEEP);
    TenantApplyBenchmark.Measurement wake = row(rows, ScheduleBenchmark.PLATFORMKIT, ScheduleBenchmark.WAKE);
    assertThat(sleep.writes()).as("one patch per targeted workload").isEqualTo(TARGETED);
    assertThat(wake.writes()).isEqualTo(TARGETED);
    // beyond the minimum: a sleep lists the PodDisruptionBudgets of each namespace (to warn), and both list
    // Argo CD Applications once (to warn about self-healing ones)
    assertThat(sleep.requests()).isEqualTo(ScheduleBenchmark.minimum(TARGETED) + namespaces + 1);
    assertThat(wake.requests()).isEqualTo(ScheduleBenchmark.minimum(TARGETED) + 1);
    TenantApplyBenchmark.Measurement again = row(rows, ScheduleBenchmark.PLATFORMKIT, ScheduleBenchmark.AGAIN);
    assertThat(again.writes()).isZero();
    assertThat(again.requests()).isEqualTo(namespaces + 1);

    TenantApplyBenchmark.Measurement naiveSleep = row(rows, ScheduleBenchmark.NAIVE, ScheduleBenchmark.SLEEP);
    TenantApplyBenchmark.Measurement naiveWake = row(rows, ScheduleBenchmark.NAIVE, ScheduleBenchmark.WAKE);
    assertThat(naiveSleep.requests()).isEqualTo(3L * TARGETED);
    assertThat(naiveSleep.writes()).isEqualTo(2L * TARGETED);
    assertThat(naiveWake.requests()).isEqualTo(3L * TARGETED);
    assertThat(naiveWake.writes()).isEqualTo(2L * TARGETED);
  }

  @Test
  void aSteadyStateReconcileWritesNothingAndListsPerNamespaceNotPerWorkload() {
    List<ScheduleBenchmark.Steady> small = ScheduleBenchmark.steadyState(200);
    List<ScheduleBenchmark.Steady> large = ScheduleBenchmark.steadyState(400);

    assertThat(small).hasSize(4).extracting(ScheduleBenchmark.Steady::store).containsExactly(ScheduleBenchmark.IN_MEMORY,
        ScheduleBenchmark.IN_MEMORY, ScheduleBenchmark.INDEXED, ScheduleBenchmark.INDEXED);
    for (ScheduleBenchmark.Steady s : large) {
      assertThat(s.writes()).as(s.store() + ", " + s.phase()).isZero();
      assertThat(s.gets()).as(s.store() + ", " + s.phase()).isZero();
    }
    // 100 workloads per namespace: three workload kinds per namespace, PDBs per namespace while asleep,
    // and one list of Argo CD Applications, with or without the index
    assertThat(small).extracting(ScheduleBenchmark.Steady::lists).containsExactly(2L * 4 + 1, 2L * 3 + 1, 2L * 4 + 1, 2L * 3 + 1);
    assertThat(large).extracting(ScheduleBenchmark.Steady::lists).containsExactly(4L * 4 + 1, 4L * 3 + 1, 4L * 4 + 1, 4L * 3 + 1);
  }

  @Test
  void transitionsAreCountedOverTheYear() {
    // the first schedule is Mon-Fri 08:00-20:00 UTC: 261 weekdays in 2026, an opening and a closing each
    assertThat(ScheduleBenchmark.transitions(ScheduleBenchmark.schedules(1)).transitions()).isEqualTo(522);
    assertThat(ScheduleBenchmark.transitions(ScheduleBenchmark.schedules(50)).transitions()).isGreaterThan(50 * 400);
  }

  @Test
  void theReportPrintsEachPart() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<TenantApplyBenchmark.Measurement> rows = List.of(new TenantApplyBenchmark.Measurement(
        ScheduleBenchmark.PLATFORMKIT, ScheduleBenchmark.SLEEP, 89, 80, Duration.ofMillis(1500)));
    List<ScheduleBenchmark.Steady> steady = List.of(new ScheduleBenchmark.Steady(10_000, ScheduleBenchmark.INDEXED, "asleep", 401, 0, 0, Duration.ofMillis(250)));

    ScheduleBenchmark.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), 150, 80, rows, steady,
        new ScheduleBenchmark.Evaluation(10, 5000, Duration.ofSeconds(2)));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("150 Deployments in 5 namespaces, 80 targeted")
        .containsPattern("platformkit +sleep +89 +80 +84 +1\\.50 s")
        .containsPattern("10000 +in-memory, indexed +asleep +401 +0 +0 +250\\.0 ms")
        .contains("10 schedules, 5000 transitions in 2.00 s = 2500 transitions/s");
  }

  private static TenantApplyBenchmark.Measurement row(List<TenantApplyBenchmark.Measurement> rows, String client, String phase) {
    return rows.stream().filter(m -> m.client().equals(client) && m.phase().equals(phase)).findFirst().orElseThrow();
  }
}
