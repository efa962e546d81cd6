package dev.platformkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark at a small size: what it claims holds (request counts; time on the fake clock only). */
class Route53SitesBenchmarkTest {

  private static Route53SitesBenchmark.Measurement row(List<Route53SitesBenchmark.Measurement> rows, String client) {
    return rows.stream().filter(m -> m.client().equals(client)).findFirst().orElseThrow();
  }

  @Test
  void theBatchedStoreMakesAFewRequestsWhereTheNaiveClientMakesOnePerRecord() {
    List<Route53SitesBenchmark.Measurement> rows = Route53SitesBenchmark.run(40, 5, Duration.ofMillis(100));
    Route53SitesBenchmark.Measurement batched = row(rows, Route53SitesBenchmark.BATCHED);
    Route53SitesBenchmark.Measurement perSite = row(rows, Route53SitesBenchmark.PER_SITE);
    Route53SitesBenchmark.Measurement naive = row(rows, Route53SitesBenchmark.NAIVE);

    // 120 records + 120 TXT = 240 changes: one batch, after one read of the (empty) zone
    assertThat(batched.requests()).isEqualTo(2);
    assertThat(batched.changeRequests()).isEqualTo(1);
    assertThat(batched.throttled()).isZero();
    // a batch and a read per site
    assertThat(perSite.changeRequests() - perSite.throttled()).isLessThanOrEqualTo(40 * 2);
    // one request per record, and at ten a second the limit of five throttles about every other one
    assertThat(naive.requests() - naive.throttled()).isEqualTo(120);
    assertThat(naive.throttled()).isPositive();
    assertThat(batched.converged()).isLessThan(perSite.converged()).isLessThan(naive.converged());
  }

  @Test
  void theTableHasOneRowPerClient() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Route53SitesBenchmark.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(
        new Route53SitesBenchmark.Measurement(Route53SitesBenchmark.BATCHED, 500, 1500, 4, 3, 0, Duration.ofMillis(400)),
        new Route53SitesBenchmark.Measurement(Route53SitesBenchmark.NAIVE, 500, 1500, 2000, 2000, 500, Duration.ofSeconds(400))),
        5, Duration.ofMillis(100));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).containsPattern("500 +1500 +platformkit, batched +4 +3 +0 +0.4s +0.002x")
        .containsPattern("one request per record +2000 +2000 +500 +400.0s +1.000x");
  }
}
