package dev.platformkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.Change;
import dev.platformkit.ConflictException;
import dev.platformkit.ProgressListener;
import dev.platformkit.ResourceRef;
import dev.platformkit.RetryPolicy;
import dev.platformkit.internal.Reconciler;
import dev.platformkit.site.Component;
import dev.platformkit.site.Dns;
import dev.platformkit.site.Environment;
import dev.platformkit.site.Site;
import dev.platformkit.site.SiteObjects;
import dev.platformkit.site.Source;
import dev.platformkit.spi.Kind;
import dev.platformkit.spi.Resource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finalizers and read-only status on the in-memory Kubernetes store, through the engine, as on an API server. */
class InMemoryApplicationsTest {
  private final InMemoryStore memory = InMemoryStore.kubernetes();
  private final Reconciler engine = new Reconciler(Map.of(ResourceRef.KUBERNETES, memory), RetryPolicy.NONE, d -> { },
      FakeClock.standard(), new Random(1));
  private final Site site = Site.builder().name("shop").tenant("shop").environment(Environment.STAGING)
      .addHosts("shop.example.com").dns(Dns.zone("example.com"))
      .addComponents(Component.of("web", Source.builder().repoURL("https://github.com/acme/shop.git").targetRevision("main")
          .path("charts/web").values("replicaCount: 2\n").build()))
      .addComponents(Component.of("api", Source.builder().repoURL("https://charts.example.com").chart("api").targetRevision("1.0.0").build()))
      .build();
  private final ResourceRef web = SiteObjects.applicationRef(site, site.components().get(0));

  @BeforeEach
  void argocdNamespace() {
    memory.create(Kind.kubernetes("v1", "Namespace", "namespaces", false),
        Resource.desired(ResourceRef.kubernetes("Namespace", "argocd"), Map.of(), Map.of(), Map.of()));
  }

  private List<Reconciler.Step> plan(List<Resource> desired) {
    return engine.plan(Set.of(site.owner()), desired, List.of(SiteObjects.APPLICATION));
  }

  private void apply(List<Resource> desired) {
    engine.apply(plan(desired), ProgressListener.NONE, Set.of());
  }

  @Test
  void theFinalizerIsKeptAndStatusIsReadButNeverWritten() {
    List<Resource> desired = SiteObjects.applications(site, Optional.empty());
    apply(desired);
    assertThat(plan(desired)).isEmpty();

    Resource stored = memory.get(SiteObjects.APPLICATION, web).orElseThrow();
    assertThat(stored.body()).containsOnlyKeys("spec", Kind.FINALIZERS);
    assertThat(stored.body().get(Kind.FINALIZERS)).isEqualTo(Map.of(SiteObjects.FINALIZER, true));

    memory.writeStatus(SiteObjects.APPLICATION, web, Map.of("health", Map.of("status", "Healthy"), "sync", Map.of("status", "Synced")));
    Resource read = memory.list(SiteObjects.APPLICATION, "argocd", Map.of(SiteObjects.COMPONENT_LABEL, "web")).get(0);
    assertThat(read.body()).containsEntry("status", Map.of("health", Map.of("status", "Healthy"), "sync", Map.of("status", "Synced")));
    assertThat(plan(desired)).isEmpty();

    // an update through the store keeps status and never writes it, even when asked to
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("status", null);
    memory.update(SiteObjects.APPLICATION, read, new dev.platformkit.spi.ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(), patch));
    assertThat(memory.get(SiteObjects.APPLICATION, web).orElseThrow().body()).containsKey("status");
    // nor does a create
    Map<String, Object> body = new LinkedHashMap<>(desired.get(1).body());
    body.put("status", Map.of("health", Map.of("status", "Healthy")));
    memory.create(SiteObjects.APPLICATION, Resource.desired(ResourceRef.kubernetes("Application", "argocd", "x"), Map.of(), Map.of(), body));
    assertThat(memory.get(SiteObjects.APPLICATION, ResourceRef.kubernetes("Application", "argocd", "x")).orElseThrow().body())
        .doesNotContainKey("status");
    // and the engine refuses a desired object that holds it
    Resource withStatus = Resource.desired(web, desired.get(0).labels(), Map.of(), body);
    assertThatThrownBy(() -> plan(List.of(withStatus))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
  }

  @Test
  void aFinalizerRemovedByHandIsPutBackAndAnotherOneIsKept() {
    List<Resource> desired = SiteObjects.applications(site, Optional.empty());
    apply(desired);
    Resource current = memory.get(SiteObjects.APPLICATION, web).orElseThrow();
    Map<String, Object> finalizers = new LinkedHashMap<>();
    finalizers.put(SiteObjects.FINALIZER, null);
    finalizers.put("post-delete-finalizer.argocd.argoproj.io", true);
    memory.update(SiteObjects.APPLICATION, current, new dev.platformkit.spi.ResourceUpdate(Map.of(), Set.of(), Map.of(), Set.of(),
        Map.of(Kind.FINALIZERS, finalizers)));

    List<Reconciler.Step> steps = plan(desired);
    assertThat(steps).singleElement().satisfies(s -> assertThat(s.change().diff()).singleElement()
        .satisfies(d -> assertThat(d.path()).isEqualTo("metadata.finalizers[\"resources-finalizer.argocd.argoproj.io\"]")));
    engine.apply(steps, ProgressListener.NONE, Set.of());

    assertThat(memory.get(SiteObjects.APPLICATION, web).orElseThrow().body().get(Kind.FINALIZERS))
        .isEqualTo(Map.of("post-delete-finalizer.argocd.argoproj.io", true, SiteObjects.FINALIZER, true));
    assertThat(plan(desired)).isEmpty();
  }

  @Test
  void aDeletedApplicationWaitsForItsFinalizer(@TempDir Path dir) {
    apply(SiteObjects.applications(site, Optional.empty()));

    List<Reconciler.Step> deletes = plan(List.of());
    assertThat(deletes).extracting(s -> s.change().action()).containsExactly(Change.Action.DELETE, Change.Action.DELETE);
    engine.apply(deletes, ProgressListener.NONE, Set.of());

    assertThat(memory.isBeingDeleted(web)).isTrue();
    assertThat(memory.get(SiteObjects.APPLICATION, web)).isEmpty();
    assertThat(memory.list(SiteObjects.APPLICATION, Map.of())).isEmpty();
    assertThat(plan(List.of())).isEmpty();
    assertThat(memory.all()).extracting(r -> r.ref().name()).contains("shop-web", "shop-api");
    // as on an API server: the name is taken until the object is gone
    assertThatThrownBy(() -> memory.create(SiteObjects.APPLICATION, SiteObjects.applications(site, Optional.empty()).get(0)))
        .isInstanceOf(ConflictException.class);
    // status can still be written while Argo CD deletes what the Application deployed
    memory.writeStatus(SiteObjects.APPLICATION, web, Map.of("health", Map.of("status", "Progressing")));

    memory.save(dir.resolve("state.json"));
    InMemoryStore loaded = InMemoryStore.kubernetes();
    loaded.load(dir.resolve("state.json"));
    assertThat(loaded.isBeingDeleted(web)).isTrue();

    memory.removeFinalizer(SiteObjects.APPLICATION, web, SiteObjects.FINALIZER);
    assertThat(memory.isBeingDeleted(web)).isFalse();
    assertThat(memory.all()).extracting(r -> r.ref().name()).doesNotContain("shop-web").contains("shop-api");
    apply(SiteObjects.applications(site.withComponents(site.components().get(0)), Optional.empty()));
    assertThat(memory.get(SiteObjects.APPLICATION, web)).isPresent();
  }
}
