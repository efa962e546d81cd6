package dev.platformkit.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the finalizer set of a body and read-only fields become the merge patch the API server gets. */
class ObjectStoreFinalizersTest {
  private static final Kind APP = Kind.kubernetes("argoproj.io/v1alpha1", "Application", "applications", true,
      "spec", Kind.FINALIZERS).withReadOnly("status");
  private static final String OURS = "resources-finalizer.argocd.argoproj.io";
  private static final String THEIRS = "post-delete-finalizer.argocd.argoproj.io";

  @Test
  void theListIsTheLiveOneWithOursAddedOrRemovedInPlace() {
    assertThat(ObjectStore.finalizers(Map.of(), Map.of(OURS, true))).containsExactly(OURS);
    assertThat(ObjectStore.finalizers(ObjectStore.finalizerSet(List.of(THEIRS)), Map.of(OURS, true))).containsExactly(THEIRS, OURS);
    assertThat(ObjectStore.finalizers(ObjectStore.finalizerSet(List.of(OURS, THEIRS)), Map.of(OURS, true))).containsExactly(OURS, THEIRS);
    Map<String, Object> remove = new LinkedHashMap<>();
    remove.put(OURS, null);
    assertThat(ObjectStore.finalizers(ObjectStore.finalizerSet(List.of(OURS, THEIRS)), remove)).containsExactly(THEIRS);
    assertThat(ObjectStore.finalizers(ObjectStore.finalizerSet(List.of(OURS)), null)).isEmpty();
    assertThatThrownBy(() -> ObjectStore.finalizers(Map.of(), List.of(OURS)))
        .isInstanceOf(PlatformException.class).hasMessageContaining("metadata.finalizers must be a map");
  }

  @Test
  void thePatchCarriesTheVersionTheWholeFinalizerListAndNeverStatus() {
    Map<String, Object> live = new LinkedHashMap<>();
    live.put("spec", Map.of("project", "default"));
    live.put(Kind.FINALIZERS, ObjectStore.finalizerSet(List.of(THEIRS)));
    live.put("status", Map.of("health", Map.of("status", "Healthy")));
    Resource current = new Resource(ResourceRef.kubernetes("Application", "argocd", "shop-web"), Map.of(), Map.of(), live, "42");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("spec", Map.of("project", "shop"));
    body.put(Kind.FINALIZERS, Map.of(OURS, true));
    body.put("status", null);

    Map<String, Object> patch = ObjectStore.mergePatch(APP, current, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), body));

    assertThat(patch).containsOnlyKeys("metadata", "spec");
    assertThat(patch.get("metadata")).isEqualTo(Map.of("resourceVersion", "42", "finalizers", List.of(THEIRS, OURS)));
    assertThat(patch.get("spec")).isEqualTo(Map.of("project", "shop"));
  }
}
