package dev.platformkit.testkit.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeQuantityTest {

  /** Every pair of the table in case 17's README, sent -> read back from a real v1.28 server. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "0.5, 500m", "500m, 500m", "0.25, 250m", "2000m, 2", "1024Mi, 1Gi", "0.5Gi, 512Mi", "1024Ki, 1Mi",
      "1000Gi, 1000Gi", "1000, 1k", "1k, 1k", "1000M, 1G", "1e3, 1e3", "129e6, 129e6", "1e12, 1e12",
      "1.0, 1", "1.5, 1500m", "0.1, 100m", "1000Mi, 1000Mi", "1Gi, 1Gi", "1.5Gi, 1536Mi", "0.001Ki, 1024m",
      "128974848, 128974848", "1000000, 1M", "100, 100", "2048M, 2048M", "1e1, 10", "2.5e9, 2500e6",
      "64Mi, 64Mi", "50m, 50m", "2, 2", "2Gi, 2Gi", "10, 10"})
  void resourceListQuantitiesComeBackAsTheRecordedServerWroteThem(String sent, String stored) {
    assertThat(KubeQuantity.canonicalInResourceList(sent)).isEqualTo(stored);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      // apimachinery's own examples and edge cases of the algorithm
      "0, 0", "0Mi, 0", "0.0, 0", "-1, -1", "-0.5, -500m", "1n, 1n", "1.5n, 2n", "0.0000000001, 1n",
      "1Ki, 1Ki", "8Ki, 8Ki", "1536Ki, 1536Ki", "1025, 1025", "1e-3, 1e-3", "12e6, 12e6", "100e3, 100e3",
      "1E3, 1E3", "1.1, 1100m", "+5, +5", "+5.0, 5", "0.9Gi, 966367641600m", ".5, 500m", "9223372036854775807, 9223372036854775807"})
  // "+5" stays "+5": Go keeps the string of an input already in canonical form, sign included
  void canonicalFormFollowsTheApimachineryAlgorithm(String sent, String canonical) {
    assertThat(KubeQuantity.canonical(sent)).isEqualTo(canonical);
  }

  @Test
  void resourceListsRoundUpToMilliUnits() {
    assertThat(KubeQuantity.canonical("1n")).isEqualTo("1n");
    assertThat(KubeQuantity.canonicalInResourceList("1n")).isEqualTo("1m");
    assertThat(KubeQuantity.canonicalInResourceList("0.30000000000000004")).isEqualTo("301m");
    assertThat(KubeQuantity.canonicalInResourceList("1500u")).isEqualTo("2m");
  }

  @Test
  void invalidQuantitiesAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> KubeQuantity.canonical("1.5 cores")).hasMessageContaining("\"1.5 cores\"");
    assertThatThrownBy(() -> KubeQuantity.canonical("2Gb")).hasMessageContaining("\"2Gb\"");
    assertThatThrownBy(() -> KubeQuantity.canonical("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(KubeQuantity.isValid("abc")).isFalse();
    assertThat(KubeQuantity.isValid("250m")).isTrue();
  }
}
