package dev.platformkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

  @ParameterizedTest
  @CsvSource({"1000m,1", "1Gi,1073741824", "0.5,500m", "1e3,1k", "1024Mi,1Gi", "32768Mi,32Gi", "100m,0.1", "2,2000m"})
  void sameValueHoweverWritten(String a, String b) {
    assertThat(Quantity.sameValue(a, b)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"1,1001m", "1Gi,1G", "1k,1Ki"})
  void differentValues(String a, String b) {
    assertThat(Quantity.sameValue(a, b)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8 cores", "", "1.2.3", "Gi", "1GB", "1gi", "--1", "1e", "1e99999999999", "1E-100"})
  void rejectsWhatKubernetesRejects(String s) {
    assertThat(Quantity.isValid(s)).isFalse();
    assertThatThrownBy(() -> Quantity.parse(s)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a quantity");
  }

  @ParameterizedTest
  @ValueSource(strings = {"8", "500m", "16Gi", "1e3", "1E-3", ".5", "0", "+1", "2.5Ti", "100n", "3u"})
  void acceptsWhatKubernetesAccepts(String s) {
    assertThat(Quantity.isValid(s)).isTrue();
  }

  @org.junit.jupiter.api.Test
  void parsesExactly() {
    assertThat(Quantity.parse("1500m")).isEqualByComparingTo(new BigDecimal("1.5"));
    assertThat(Quantity.parse("2Ki")).isEqualByComparingTo(new BigDecimal("2048"));
  }
}
