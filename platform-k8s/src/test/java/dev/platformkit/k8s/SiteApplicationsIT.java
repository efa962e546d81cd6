package dev.platformkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.Change;
import dev.platformkit.FieldDiff;
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
import dev.platformkit.testkit.FakeClock;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A site's Argo CD Applications on the CRUD mock server that stores what the recorded kube-apiserver v1.28
 * stores ({@link RealisticDispatcher}, which replays {@code 15-argocd-application} in
 * {@link RealisticDispatcherIT}: custom resources kept as sent with keys sorted, {@code generation},
 * finalizers that hold a DELETE): applying them and planning again writes nothing, also after the Argo CD
 * controller has written {@code status} into the object (this CRD has no status subresource); the
 * finalizer is compared and put back without touching others'; reads return the Application's health and
 * sync status and the ALB host name from an Ingress's status.
 */
class SiteApplicationsIT {
  private static final String ARN = "arn:aws:acm:eu-central-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
  private static final ResourceDefinitionContext APPLICATIONS = new ResourceDefinitionContext.Builder()
      .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Application").withPlural("applications").withNamespaced(true).build();
  private static final String OTHER_FINALIZER = "post-delete-finalizer.argocd.argoproj.io";

  final MockCluster cluster = MockCluster.crud();
  final KubernetesBackend backend = KubernetesBackend.create(cluster.client);
  final Reconciler engine = new Reconciler(Map.of(ResourceRef.KUBERNETES, backend), RetryPolicy.NONE,
      d -> { }, FakeClock.at(Instant.parse("2026-11-30T18:00:00Z")), new Random(1));

  static Site shop() {
    return Site.builder().name("shop").tenant("shop").environment(Environment.PRODUCTION)
        .addHosts("shop.example.com", "www.shop.example.com").dns(Dns.zone("example.com"))
        .addComponents(
            Component.of("web", Source.builder().repoURL("https://github.com/acme/shop.git").targetRevision("main")
                .path("charts/web").addValueFiles("values-prod.yaml")
                .values("replicaCount: 3\nresources:\n  requests: {cpu: 500m, memory: 1Gi}\nratio: 0.5\n").build()),
            Component.of("api", Source.builder().repoURL("oci://registry.example.com/charts").chart("shop-api")
                .targetRevision("1.4.*").build()),
            Component.builder().name("admin").source(Source.builder().repoURL("git@github.com:acme/admin.git")
                .targetRevision("v2.0.0").path(".").build()).branch("feature/JIRA-1234_new-checkout-flow").build())
        .build();
  }

  @BeforeEach
  void namespaces() {
    for (String ns : List.of("argocd", "shop")) {
      cluster.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    cluster.takeRequests();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private List<Reconciler.Step> plan(Site site, List<Resource> desired) {
    return engine.plan(Set.of(site.owner()), desired, List.of(SiteObjects.APPLICATION));
  }

  private void apply(List<Reconciler.Step> steps) {
    engine.apply(steps, ProgressListener.NONE, Set.of());
  }

  private GenericKubernetesResource stored(String name) {
    return cluster.client.genericKubernetesResources(APPLICATIONS).inNamespace("argocd").withName(name).get();
  }

  private void mergePatch(String name, String patch) {
    cluster.client.genericKubernetesResources(APPLICATIONS).inNamespace("argocd").withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  @Test
  void reApplyingWhatTheServerStoredWritesNothingAlsoAfterArgoCdWroteStatus() {
    Site site = shop();
    List<Resource> desired = SiteObjects.applications(site, Optional.of(ARN));

    List<Reconciler.Step> first = plan(site, desired);
    assertThat(first).extracting(s -> s.change().action()).containsOnly(Change.Action.CREATE).hasSize(3);
    assertThat(first.get(0).change().diff()).extracting(FieldDiff::path)
        .contains("metadata.finalizers[\"resources-finalizer.argocd.argoproj.io\"]", "spec.source.targetRevision")
        .noneMatch(p -> p.startsWith("status"));
    apply(first);

    GenericKubernetesResource web = stored("shop-web");
    assertThat(web.getMetadata().getFinalizers()).containsExactly(SiteObjects.FINALIZER);
    assertThat(web.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(web.getAdditionalProperties()).containsOnlyKeys("spec");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) web.getAdditionalProperties().get("spec");
    // stored as the real server stores custom resources: keys sorted
    assertThat(spec.keySet()).containsExactly("destination", "ignoreDifferences", "project", "source", "syncPolicy");
    cluster.takeRequests();

    assertThat(plan(site, desired)).isEmpty();
    assertThat(cluster.takeRequests()).noneMatch(MockCluster.Request::isWrite);

    // the Argo CD controller reports on the object itself, and another controller adds its finalizer
    for (Resource app : desired) {
      mergePatch(app.ref().name(), "{\"metadata\":{\"finalizers\":[\"" + SiteObjects.FINALIZER + "\",\"" + OTHER_FINALIZER + "\"]},"
          + "\"status\":{\"health\":{\"status\":\"Healthy\"},\"sync\":{\"status\":\"Synced\",\"revision\":\"3f2a9c1\"},"
          + "\"reconciledAt\":\"2026-11-30T18:01:00Z\"}}");
    }
    cluster.takeRequests();

    List<Reconciler.Step> again = plan(site, desired);
    assertThat(again).isEmpty();
    apply(again);
    assertThat(cluster.takeRequests()).noneMatch(MockCluster.Request::isWrite);
    assertThat(stored("shop-api").getMetadata().getFinalizers()).containsExactly(SiteObjects.FINALIZER, OTHER_FINALIZER);
  }

  @Test
  void readsReturnTheApplicationsHealthAndSyncButWritesNeverSendStatus() {
    Site site = shop();
    List<Resource> desired = SiteObjects.applications(site, Optional.of(ARN));
    apply(plan(site, desired));
    ResourceRef web = SiteObjects.applicationRef(site, site.components().get(0));
    assertThat(backend.get(SiteObjects.APPLICATION, web).orElseThrow().body()).doesNotContainKey("status");

    mergePatch("shop-web", "{\"status\":{\"health\":{\"status\":\"Progressing\"},\"sync\":{\"status\":\"OutOfSync\"}}}");
    Resource got = backend.get(SiteObjects.APPLICATION, web).orElseThrow();
    Resource listed = backend.list(SiteObjects.APPLICATION, "argocd", Map.of("platformkit.dev/component", "web")).get(0);
    for (Resource r : List.of(got, listed)) {
      assertThat(r.body()).containsOnlyKeys("spec", Kind.FINALIZERS, "status");
      assertThat(r.body().get(Kind.FINALIZERS)).isEqualTo(Map.of(SiteObjects.FINALIZER, true));
      assertThat(r.body().get("status")).isEqualTo(Map.of("health", Map.of("status", "Progressing"), "sync", Map.of("status", "OutOfSync")));
    }

    // a changed spec is written without status, though the object read holds one
    Site moved = site.withComponents(site.components().get(0).withBranch("feature/x"), site.components().get(1), site.components().get(2));
    List<Reconciler.Step> steps = plan(moved, SiteObjects.applications(moved, Optional.of(ARN)));
    assertThat(steps).singleElement().satisfies(s -> assertThat(s.change().diff()).extracting(FieldDiff::path)
        .containsExactly("spec.source.targetRevision"));
    cluster.takeRequests();
    apply(steps);
    List<MockCluster.Request> writes = cluster.takeRequests().stream().filter(MockCluster.Request::isWrite).toList();
    assertThat(writes).singleElement().satisfies(w -> {
      assertThat(w.method()).isEqualTo("PATCH");
      JsonNode patch = new ObjectMapper().readTree(w.body());
      assertThat(patch.at("/spec/source/targetRevision").asText()).isEqualTo("feature/x");
      assertThat(patch.has("status")).isFalse();
      assertThat(patch.path("metadata").has("finalizers")).isFalse();
    });
    assertThat(stored("shop-web").getAdditionalProperties()).containsKey("status");
  }

  @Test
  void aFinalizerRemovedByHandIsPutBackAndOthersAreKept() {
    Site site = shop();
    List<Resource> desired = SiteObjects.applications(site, Optional.empty());
    apply(plan(site, desired));
    mergePatch("shop-admin", "{\"metadata\":{\"finalizers\":[\"" + OTHER_FINALIZER + "\"]}}");

    List<Reconciler.Step> steps = plan(site, desired);

    assertThat(steps).singleElement().satisfies(s -> {
      assertThat(s.change().target().name()).isEqualTo("shop-admin");
      assertThat(s.change().diff()).extracting(FieldDiff::path, FieldDiff::before, FieldDiff::after)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(
              "metadata.finalizers[\"resources-finalizer.argocd.argoproj.io\"]", null, "true"));
    });
    cluster.takeRequests();
    apply(steps);
    MockCluster.Request patch = cluster.takeRequests().stream().filter(MockCluster.Request::isWrite).findFirst().orElseThrow();
    // the whole list, conditional on the version read
    assertThat(patch.body()).contains("\"finalizers\":[\"" + OTHER_FINALIZER + "\",\"" + SiteObjects.FINALIZER + "\"]")
        .contains("resourceVersion");
    assertThat(stored("shop-admin").getMetadata().getFinalizers()).containsExactly(OTHER_FINALIZER, SiteObjects.FINALIZER);
    assertThat(plan(site, desired)).isEmpty();
  }

  @Test
  void deletedApplicationsWaitForArgoCdAndAreNoLongerPlanned() {
    Site site = shop();
    apply(plan(site, SiteObjects.applications(site, Optional.empty())));

    List<Reconciler.Step> deletes = plan(site, List.of());
    assertThat(deletes).extracting(s -> s.change().action()).containsOnly(Change.Action.DELETE).hasSize(3);
    apply(deletes);

    // the finalizer holds them until Argo CD has deleted what they deployed
    GenericKubernetesResource web = stored("shop-web");
    assertThat(web).isNotNull();
    assertThat(web.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(backend.get(SiteObjects.APPLICATION, ResourceRef.kubernetes("Application", "argocd", "shop-web"))).isEmpty();
    assertThat(plan(site, List.of())).isEmpty();

    mergePatch("shop-web", "{\"metadata\":{\"finalizers\":null}}"); // what Argo CD does when done
    assertThat(stored("shop-web")).isNull();
  }

  @Test
  void theLoadBalancerHostNameIsReadFromTheIngressArgoCdMade() {
    String instance = SiteObjects.applicationName(shop(), shop().components().get(0));
    Ingress ingress = new IngressBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").addToLabels(SiteObjects.INSTANCE_LABEL, instance)
        .addToAnnotations("alb.ingress.kubernetes.io/group.name", "site.shop").endMetadata()
        .withNewSpec().withIngressClassName("alb").addNewRule().withHost("shop.example.com").withNewHttp().addNewPath()
        .withPath("/").withPathType("Prefix").withNewBackend().withNewService().withName("web").withNewPort().withNumber(80)
        .endPort().endService().endBackend().endPath().endHttp().endRule().endSpec()
        .build();
    cluster.client.network().v1().ingresses().inNamespace("shop").resource(ingress).create();
    Map<String, String> byInstance = Map.of(SiteObjects.INSTANCE_LABEL, instance);

    List<Resource> before = backend.list(SiteObjects.INGRESS, "shop", byInstance);
    assertThat(before).singleElement().satisfies(r -> assertThat(hostname(r)).isEmpty());

    // the AWS Load Balancer Controller reports the ALB through the status subresource
    String alb = "k8s-siteshop-0a1b2c3d4e-1234567890.eu-central-1.elb.amazonaws.com";
    Ingress current = cluster.client.network().v1().ingresses().inNamespace("shop").withName("web").get();
    current.setStatus(new io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder().withNewLoadBalancer()
        .addNewIngress().withHostname(alb).endIngress().endLoadBalancer().build());
    cluster.client.network().v1().ingresses().inNamespace("shop").resource(current).updateStatus();

    List<Resource> after = backend.list(SiteObjects.INGRESS, "shop", byInstance);
    assertThat(after).singleElement().satisfies(r -> {
      assertThat(hostname(r)).contains(alb);
      assertThat(r.body()).containsKey("spec");
    });
    assertThat(backend.get(SiteObjects.INGRESS, ResourceRef.kubernetes("Ingress", "shop", "web")).map(SiteApplicationsIT::hostname))
        .contains(Optional.of(alb));
    assertThat(backend.list(SiteObjects.INGRESS, "shop", Map.of(SiteObjects.INSTANCE_LABEL, "other"))).isEmpty();
  }

  // body.status.loadBalancer.ingress[0].hostname
  static Optional<String> hostname(Resource ingress) {
    List<Object> path = new ArrayList<>(List.of("status", "loadBalancer", "ingress", 0, "hostname"));
    Object node = ingress.body();
    for (Object key : path) {
      if (key instanceof Integer i) {
        node = node instanceof List<?> l && l.size() > i ? l.get(i) : null;
      } else {
        node = node instanceof Map<?, ?> m ? m.get(key) : null;
      }
    }
    return Optional.ofNullable((String) node);
  }
}
