package dev.platformkit.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesVersionTest {

  private static KubernetesVersion v(String text) {
    return KubernetesVersion.parse(text);
  }

  @ParameterizedTest
  @CsvSource({
      "1.27, 1, 27, -1, 1.27",
      "v1.27, 1, 27, -1, 1.27",
      "1.27.3, 1, 27, 3, 1.27.3",
      "v1.27.3, 1, 27, 3, 1.27.3",
      "v1.27.16-eks-a18cd3a, 1, 27, 16, 1.27.16",
      "1.30.0+k3s1, 1, 30, 0, 1.30.0",
      "' 1.20 ', 1, 20, -1, 1.20",
      "1.0, 1, 0, -1, 1.0"})
  void parses(String text, int major, int minor, int patch, String canonical) {
    KubernetesVersion version = v(text);

    assertThat(version.major()).isEqualTo(major);
    assertThat(version.minor()).isEqualTo(minor);
    assertThat(version.patch()).isEqualTo(patch < 0 ? OptionalInt.empty() : OptionalInt.of(patch));
    assertThat(version).hasToString(canonical).isEqualTo(v(canonical));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "1.", "1.x", "v", "V1.27", "1.27.3.4", "1.07", "01.27", "1.27-eks", "1.27.3-", "1234567.1",
      "1.27 .3", "latest"})
  void rejects(String text) {
    assertThatThrownBy(() -> v(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + text + "\" is not a Kubernetes version (examples: 1.27, v1.27.3, 1.27.3-eks-a5565ad)");
  }

  @Test
  void rejectsNullAndMajorZero() {
    assertThatThrownBy(() -> v(null)).hasMessageStartingWith("\"null\" is not a Kubernetes version");
    assertThatThrownBy(() -> v("0.9")).hasMessage("\"0.9\" is not a Kubernetes version: there is no major version 0");
    assertThatThrownBy(() -> KubernetesVersion.of(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KubernetesVersion.of(1, 27, -1)).hasMessage("a patch number is not negative: -1");
  }

  @Test
  void ordersByMajorMinorThenPatchWithTheBareMinorFirst() {
    List<KubernetesVersion> versions = new ArrayList<>(List.of(v("1.28"), v("1.27.3"), v("1.9"), v("1.27.0"), v("1.27"), v("1.27.10")));
    versions.sort(null);

    assertThat(versions).extracting(KubernetesVersion::toString).containsExactly("1.9", "1.27", "1.27.0", "1.27.3", "1.27.10", "1.28");
    assertThat(v("1.27.3").isBefore(v("1.28"))).isTrue();
    assertThat(v("1.27.3").isAfter(v("1.27"))).isTrue();
    assertThat(v("1.9").isBefore(v("1.10"))).as("numeric, not textual").isTrue();
    assertThat(v("1.27").isBefore(v("1.27"))).isFalse();
    assertThat(v("1.27").isAfter(v("1.27"))).isFalse();
    assertThat(v("1.27.3")).isEqualByComparingTo(KubernetesVersion.of(1, 27, 3));
  }

  @Test
  void minorArithmetic() {
    assertThat(v("1.27.3").nextMinor()).isEqualTo(v("1.28"));
    assertThat(v("1.27.3").toMinor()).isEqualTo(v("1.27"));
    assertThat(v("1.20.5").minorsUntil(v("1.27"))).isEqualTo(7);
    assertThat(v("1.27").minorsUntil(v("1.27.9"))).isZero();
    assertThat(v("1.27").minorsUntil(v("1.25"))).isEqualTo(-2);
    assertThat(v("1.27").sameMinor(v("1.27.4"))).isTrue();
    assertThat(v("1.27").sameMinor(v("1.28"))).isFalse();
    assertThatThrownBy(() -> v("1.27").minorsUntil(v("2.0")))
        .hasMessage("cannot count minor versions from 1.27 to 2.0: the major versions differ");
  }

  @Test
  void equalsAndHashCode() {
    assertThat(v("v1.27.3-eks-a5565ad")).isEqualTo(KubernetesVersion.of(1, 27, 3)).hasSameHashCodeAs(KubernetesVersion.of(1, 27, 3));
    assertThat(v("1.27")).isNotEqualTo(v("1.27.0"));
  }

  @Test
  void serializesAsItsCanonicalString() throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    assertThat(json.writeValueAsString(v("v1.27.3-eks-a5565ad"))).isEqualTo("\"1.27.3\"");
    assertThat(json.readValue("\"v1.20\"", KubernetesVersion.class)).isEqualTo(v("1.20"));
    assertThatThrownBy(() -> json.readValue("\"1.x\"", KubernetesVersion.class)).hasMessageContaining("\"1.x\" is not a Kubernetes version");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(v("1.27.3"));
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(v("1.27.3"));
    }
  }
}
