package dev.platformkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.FieldDiff;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void emptyAndAbsentAreTheSameBecauseTheApiServerDropsEmptyFields() {
    assertThat(Json.sameValue(null, Map.of(), false)).isTrue();
    assertThat(Json.sameValue(List.of(), null, false)).isTrue();
    assertThat(Json.sameValue(Map.of("a", Map.of()), Map.of(), false)).isTrue();
    assertThat(Json.sameValue(Map.of("a", "x"), Map.of(), false)).isFalse();
  }

  @Test
  void numbersCompareByValueAndQuantitiesOnlyWhenAsked() {
    assertThat(Json.sameValue(53, 53L, false)).isTrue();
    assertThat(Json.sameValue(53, 53.0, false)).isTrue();
    assertThat(Json.sameValue("1000m", "1", false)).isFalse();
    assertThat(Json.sameValue(Map.of("cpu", "1000m"), Map.of("cpu", "1"), true)).isTrue();
  }

  @Test
  void listsCompareInOrder() {
    assertThat(Json.sameValue(List.of("a", "b"), List.of("a", "b"), false)).isTrue();
    assertThat(Json.sameValue(List.of("a", "b"), List.of("b", "a"), false)).isFalse();
  }

  @Test
  void leafDiffNamesEachChangedField() {
    List<FieldDiff> diff = Json.leafDiff("spec",
        Map.of("hard", Map.of("requests.cpu", "8", "pods", "10")),
        Map.of("hard", Map.of("requests.cpu", "16", "pods", "10", "services.loadbalancers", "0")), true);

    assertThat(diff).extracting(FieldDiff::toString).containsExactlyInAnyOrder(
        "~ spec.hard[\"requests.cpu\"]: 8 -> 16",
        "+ spec.hard[\"services.loadbalancers\"]: 0");
    assertThat(Json.leafDiff("subjects", List.of(Map.of("name", "a")), List.of(), false))
        .extracting(FieldDiff::toString).containsExactly("- subjects[0].name: a");
  }
}
