package dev.platformkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.Change;
import dev.platformkit.Ownership;
import dev.platformkit.PlatformException;
import dev.platformkit.ProgressListener;
import dev.platformkit.ResourceRef;
import dev.platformkit.RetryPolicy;
import dev.platformkit.internal.Reconciler;
import dev.platformkit.internal.Reconciler.Step;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One engine over two clusters: an object is read and written in the backend its scope names. */
class ScopesTest {
  private static final Kind NAMESPACE = Kind.kubernetes("v1", "Namespace", "namespaces", false);
  private final InMemoryStore blue = InMemoryStore.kubernetes();
  private final InMemoryStore green = InMemoryStore.kubernetes();
  private final FakeClock clock = FakeClock.standard();
  private final Reconciler engine = new Reconciler(
      Map.of(Reconciler.key("kubernetes", ""), blue, Reconciler.key("kubernetes", "green"), green),
      RetryPolicy.NONE, clock.sleeper(), clock, new Random(1));

  private static Resource namespace(String name, String scope) {
    return Resource.desired(ResourceRef.kubernetes("Namespace", name).inScope(scope), Ownership.labels("site.shop"),
        Map.of(), Map.of());
  }

  @Test
  void objectsGoToTheBackendTheirScopeNames() {
    List<Step> steps = engine.plan(Set.of("site.shop"), List.of(namespace("shop", ""), namespace("shop", "green")), List.of(NAMESPACE));
    assertThat(steps).extracting(s -> s.change().toString()).containsExactly("+ Namespace shop", "+ [green] Namespace shop");

    engine.apply(steps, ProgressListener.NONE, Set.of());

    assertThat(blue.all()).extracting(r -> r.ref().name()).containsExactly("shop");
    assertThat(green.all()).extracting(r -> r.ref().name()).containsExactly("shop");
    assertThat(green.all().get(0).ref().scope()).as("stores keep their own refs unscoped").isEmpty();
    assertThat(engine.plan(Set.of("site.shop"), List.of(namespace("shop", ""), namespace("shop", "green")), List.of(NAMESPACE)))
        .as("a second plan reads both clusters and finds nothing to do").isEmpty();
  }

  @Test
  void droppingTheObjectOfOneScopeDeletesItThereOnly() {
    engine.apply(engine.plan(Set.of("site.shop"), List.of(namespace("shop", ""), namespace("shop", "green")), List.of(NAMESPACE)),
        ProgressListener.NONE, Set.of());

    List<Step> steps = engine.plan(Set.of("site.shop"), List.of(namespace("shop", "green")), List.of(NAMESPACE));

    assertThat(steps).extracting(Step::change).extracting(Change::toString).containsExactly("- Namespace shop");
    engine.apply(steps, ProgressListener.NONE, Set.of());
    assertThat(blue.all()).isEmpty();
    assertThat(green.all()).hasSize(1);
  }

  @Test
  void aScopeWithoutABackendIsAClearError() {
    assertThatThrownBy(() -> engine.plan(Set.of("site.shop"), List.of(namespace("shop", "us-east-1")), List.of(NAMESPACE)))
        .isInstanceOf(PlatformException.class).hasMessageContaining("no kubernetes backend is configured for scope \"us-east-1\"");
  }
}
