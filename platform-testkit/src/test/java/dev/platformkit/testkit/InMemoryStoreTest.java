package dev.platformkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryStoreTest {
  private final InMemoryStore memory = InMemoryStore.kubernetes();
  private final StoreClient store = StoreClient.of(memory);
  private final ResourceRef ns = ResourceRef.kubernetes("Namespace", "a");

  @Test
  void behavesLikeAnApiServer() {
    store.create(Resource.desired(ns, Map.of("x", "1"), Map.of(), Map.of()));
    Resource first = store.get(ns).orElseThrow();

    assertThatThrownBy(() -> store.create(Resource.desired(ns, Map.of(), Map.of(), Map.of()))).isInstanceOf(ConflictException.class);
    store.update(first, new ResourceUpdate(Map.of("y", "2"), Set.of("x"), Map.of(), Set.of(), Map.of()));
    // the API server labels every namespace with its name
    assertThat(store.get(ns).orElseThrow().labels()).containsOnly(Map.entry("y", "2"), Map.entry("kubernetes.io/metadata.name", "a"));
    assertThatThrownBy(() -> store.update(first, new ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), Map.of())))
        .isInstanceOf(ConflictException.class).hasMessageContaining("modified");
    assertThatThrownBy(() -> store.create(Resource.desired(ResourceRef.kubernetes("ResourceQuota", "missing", "q"), Map.of(), Map.of(), Map.of())))
        .isInstanceOf(NotFoundException.class);
    assertThat(memory.supports(dev.platformkit.spi.Kind.aws("AccessEntry"))).isFalse();
    assertThatThrownBy(() -> memory.list(dev.platformkit.spi.Kind.aws("AccessEntry"), Map.of()))
        .isInstanceOf(dev.platformkit.PlatformException.class).hasMessageContaining("does not hold");
  }

  @Test
  void systemNamespacesExistFromTheStart() {
    store.create(Resource.desired(ResourceRef.kubernetes("AwsAuthMapping", "kube-system", "arn:aws:iam::1:role/x"),
        Map.of(), Map.of(), Map.of()));

    assertThat(store.get(ResourceRef.kubernetes("AwsAuthMapping", "kube-system", "arn:aws:iam::1:role/x"))).isPresent();
  }

  @Test
  void deletingANamespaceDeletesWhatIsInIt() {
    store.create(Resource.desired(ns, Map.of(), Map.of(), Map.of()));
    store.create(Resource.desired(ResourceRef.kubernetes("ResourceQuota", "a", "q"), Map.of(), Map.of(), Map.of()));

    store.delete(store.get(ns).orElseThrow());

    assertThat(memory.all()).isEmpty();
  }

  @Test
  void savesAndLoadsItsState(@TempDir Path dir) {
    store.create(Resource.desired(ns, Map.of("k", "v"), Map.of("a", "b"),
        Map.of("spec", Map.of("hard", Map.of("pods", "10"), "list", List.of(1, "two")))));
    memory.save(dir.resolve("state.json"));

    InMemoryStore loaded = InMemoryStore.kubernetes();
    loaded.load(dir.resolve("state.json"));

    assertThat(loaded.all()).isEqualTo(memory.all());
    StoreClient.of(loaded).create(Resource.desired(ResourceRef.kubernetes("Namespace", "b"), Map.of(), Map.of(), Map.of()));
    assertThat(StoreClient.of(loaded).get(ResourceRef.kubernetes("Namespace", "b")).orElseThrow().version()).isEqualTo("2");
  }

  @Test
  void aDamagedStateFileIsOneClearErrorNamingItAndLeavesTheStoreEmpty(@TempDir Path dir) throws java.io.IOException {
    Path file = dir.resolve("state.json");
    java.nio.file.Files.writeString(file, "{\"version\": 3, \"objects\": [");

    assertThatThrownBy(() -> memory.load(file)).isInstanceOf(dev.platformkit.PlatformException.class)
        .hasMessageStartingWith("cannot read state from " + file + ": ")
        .hasMessageEndingWith("(delete it to start over)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(memory.all()).isEmpty();
  }
}
