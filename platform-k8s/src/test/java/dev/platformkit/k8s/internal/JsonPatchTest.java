package dev.platformkit.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonPatchTest {
  static final ResourceRef QUOTA = ResourceRef.kubernetes("ResourceQuota", "team-a", "platformkit");

  @Test
  void theVersionReadComesFirstThenOnlyTheOwnedPaths() {
    Resource current = new Resource(QUOTA, Map.of("app.kubernetes.io/managed-by", "platformkit", "old", "x", "foreign", "y"),
        Map.of("note", "n"), Map.of("spec", Map.of("hard", Map.of("pods", "1"))), "42");
    ResourceUpdate update = new ResourceUpdate(Map.of("cost~center/id", "cc-1"), Set.of("old", "never-there"),
        Map.of("a/b", "c"), Set.of("note"), Map.of("spec", Map.of("hard", Map.of("pods", "2"))));

    List<Map<String, Object>> ops = JsonPatch.of(current, update);

    assertThat(ops).containsExactly(
        Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", "42"),
        Map.of("op", "add", "path", "/metadata/labels/cost~0center~1id", "value", "cc-1"),
        Map.of("op", "remove", "path", "/metadata/labels/old"),
        Map.of("op", "add", "path", "/metadata/annotations/a~1b", "value", "c"),
        Map.of("op", "remove", "path", "/metadata/annotations/note"),
        Map.of("op", "add", "path", "/spec", "value", Map.of("hard", Map.of("pods", "2"))));
  }

  @Test
  void anEmptyMapIsWrittenWholeBecauseItMayBeAbsent() {
    Resource current = new Resource(ResourceRef.kubernetes("Namespace", "team-a"), Map.of(), Map.of(), Map.of(), "7");

    List<Map<String, Object>> ops = JsonPatch.of(current,
        new ResourceUpdate(Map.of("k", "v"), Set.of("gone"), Map.of(), Set.of("gone"), Map.of()));

    assertThat(ops).containsExactly(
        Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", "7"),
        Map.of("op", "add", "path", "/metadata/labels", "value", Map.of("k", "v")));
  }
}
