package dev.platformkit.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DeprecatedApiMetricTest {
  @Test
  void seriesWithAValueAreReadOtherMetricsAndZeroesAreNot() throws IOException {
    String text = """
        # HELP apiserver_requested_deprecated_apis [STABLE] Gauge of deprecated APIs that have been requested
        # TYPE apiserver_requested_deprecated_apis gauge
        apiserver_requested_deprecated_apis{group="",removed_release="",resource="componentstatuses",subresource="",version="v1"} 1
        apiserver_requested_deprecated_apis{group="batch",removed_release="1.25",resource="cronjobs",subresource="status",version="v1beta1"} 1
        apiserver_requested_deprecated_apis{group="policy",removed_release="1.25",resource="podsecuritypolicies",subresource="",version="v1beta1"} 0
        apiserver_requested_deprecated_apis_other{group="x",resource="y",version="v1"} 1
        """;

    assertThat(DeprecatedApiMetric.read(new StringReader(text))).containsExactly(
        new DeprecatedApiMetric.Series("", "v1", "componentstatuses", "", ""),
        new DeprecatedApiMetric.Series("batch", "v1beta1", "cronjobs", "status", "1.25"));
    assertThat(new DeprecatedApiMetric.Series("", "v1", "componentstatuses", "", "").apiVersion()).isEqualTo("v1");
  }
}
