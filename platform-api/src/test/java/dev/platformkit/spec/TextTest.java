package dev.platformkit.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
  private static final List<String> FIELDS = List.of("namespaces", "members", "quota", "limits", "network", "hostnames");

  @Test
  void swappedLettersAreOneEdit() {
    assertThat(Text.distance("qouta", "quota")).isEqualTo(1);
    assertThat(Text.distance("quota", "quota")).isZero();
    assertThat(Text.distance("", "abc")).isEqualTo(3);
    assertThat(Text.distance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void suggestsPlausibleTyposOnly() {
    assertThat(Text.nearest("qouta", FIELDS)).isEqualTo("quota");
    assertThat(Text.nearest("Member", FIELDS)).isEqualTo("members");
    assertThat(Text.nearest("hostname", FIELDS)).isEqualTo("hostnames");
    assertThat(Text.nearest("owner", FIELDS)).isNull();
    assertThat(Text.nearest("x".repeat(500), FIELDS)).isNull();
  }
}
