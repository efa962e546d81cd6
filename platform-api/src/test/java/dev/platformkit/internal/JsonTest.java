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
  @Test
  void roleBindingSubjectsReadAsAdditionsAndRemovalsNotAsRenamesOfPositions() {
    Map<String, Object> live = Map.of("subjects", List.of(
        Map.of("kind", "Group", "apiGroup", "rbac.authorization.k8s.io", "name", "payments-devs"),
        Map.of("kind", "User", "apiGroup", "rbac.authorization.k8s.io", "name", "jane"),
        Map.of("kind", "ServiceAccount", "name", "deployer", "namespace", "ci")));
    Map<String, Object> patch = Map.of("subjects", List.of(
        Map.of("kind", "Group", "apiGroup", "rbac.authorization.k8s.io", "name", "devs"),
        Map.of("kind", "ServiceAccount", "name", "deployer", "namespace", "ci")));

    List<FieldDiff> diff = Json.patchDiff("", live, patch, false);

    assertThat(diff).extracting(FieldDiff::toString).containsExactly(
        "- subjects: Group payments-devs", "- subjects: User jane", "+ subjects: Group devs");
  }

  @Test
  void aSubjectKeptWithAnotherFieldChangedShowsTheFieldUnderItsIdentity() {
    Map<String, Object> live = Map.of("subjects", List.of(Map.of("kind", "User", "name", "jane", "apiGroup", "old")));
    Map<String, Object> patch = Map.of("subjects", List.of(Map.of("kind", "User", "name", "jane", "apiGroup", "new")));

    assertThat(Json.patchDiff("", live, patch, false)).extracting(FieldDiff::toString)
        .containsExactly("~ subjects[User jane].apiGroup: old -> new");
  }

  @Test
  void listsOfItemsWithoutIdentityStillDiffByPosition() {
    Map<String, Object> live = Map.of("ports", List.of(Map.of("port", 53, "protocol", "UDP")));
    Map<String, Object> patch = Map.of("ports", List.of(Map.of("port", 54, "protocol", "UDP")));

    assertThat(Json.patchDiff("", live, patch, false)).extracting(FieldDiff::toString)
        .containsExactly("~ ports[0].port: 53 -> 54");
  }
}
