package dev.platformkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import dev.platformkit.testkit.StoreClient;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the backend sends to the API server, request by request, on the CRUD mock server. */
class KubernetesBackendIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ResourceRef POLICY = ResourceRef.kubernetes("NetworkPolicy", "team-a", "platformkit-default-deny");
  static final Map<String, String> OURS = Map.of("app.kubernetes.io/managed-by", "platformkit", "platformkit.dev/owner", "tenant.a");

  final MockCluster cluster = MockCluster.crud();
  final StoreClient backend = StoreClient.of(KubernetesBackend.create(cluster.client));

  // a real API server refuses objects in a namespace that does not exist
  @org.junit.jupiter.api.BeforeEach
  void namespace() {
    cluster.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build()).create();
    cluster.takeRequests();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void listIsOneClusterWideRequestWithALabelSelector() {
    backend.create(policy(Map.of("podSelector", Map.of(), "policyTypes", List.of("Ingress"))));
    cluster.takeRequests();

    List<Resource> found = backend.list("NetworkPolicy", OURS);

    assertThat(found).singleElement().satisfies(r -> {
      assertThat(r.ref()).isEqualTo(POLICY);
      assertThat(r.labels()).containsAllEntriesOf(OURS);
      assertThat(r.body()).containsOnlyKeys("spec");
      assertThat(r.version()).isNotBlank();
    });
    MockCluster.Request list = cluster.takeRequests().get(0);
    assertThat(list.method()).isEqualTo("GET");
    assertThat(list.path()).startsWith("/apis/networking.k8s.io/v1/networkpolicies?")
        .contains("app.kubernetes.io/managed-by=platformkit").contains("platformkit.dev/owner=tenant.a");
    assertThat(backend.list("NetworkPolicy", Map.of("platformkit.dev/owner", "tenant.b"))).isEmpty();
  }

  @Test
  void objectsBeingDeletedAreNotListed() {
    // the CRUD mock drops deletionTimestamp on create, so answer the list as a real server would
    try (MockCluster real = MockCluster.expectations()) {
      real.server.expect().get().withPath("/api/v1/namespaces?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dplatformkit")
          .andReturn(200, new io.fabric8.kubernetes.api.model.NamespaceListBuilder().addToItems(
              new NamespaceBuilder().withNewMetadata().withName("leaving").withLabels(OURS)
                  .withDeletionTimestamp("2026-01-05T09:00:00Z").endMetadata().build(),
              new NamespaceBuilder().withNewMetadata().withName("staying").withLabels(OURS).endMetadata().build())
              .build()).once();

      List<Resource> found = StoreClient.of(KubernetesBackend.create(real.client))
          .list("Namespace", Map.of("app.kubernetes.io/managed-by", "platformkit"));

      assertThat(found).extracting(r -> r.ref().name()).containsExactly("staying");
    }
  }

  @Test
  void anUpdatePatchesOnlyOwnedPathsAfterTheVersionItWasBasedOn() throws Exception {
    backend.create(policy(Map.of("podSelector", Map.of(), "policyTypes", List.of("Ingress"))));
    cluster.client.network().v1().networkPolicies().inNamespace("team-a").withName(POLICY.name())
        .edit(p -> { p.getMetadata().getLabels().put("foreign", "kept");
          p.getMetadata().setAnnotations(Map.of("other-controller/seen", "yes"));
          p.getMetadata().setFinalizers(List.of("example.com/keep")); return p; });
    Resource current = backend.get(POLICY).orElseThrow();
    cluster.takeRequests();

    backend.update(current, new ResourceUpdate(Map.of("cost-center", "cc-1"), Set.of("platformkit.dev/owner"),
        Map.of("platformkit.dev/managed-labels", "cost-center"), Set.of(),
        Map.of("spec", Map.of("podSelector", Map.of(), "policyTypes", List.of("Ingress", "Egress")))));

    List<MockCluster.Request> requests = cluster.takeRequests();
    assertThat(requests).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("PATCH");
      assertThat(r.path()).isEqualTo("/apis/networking.k8s.io/v1/namespaces/team-a/networkpolicies/platformkit-default-deny");
    });
    // one merge patch: the version read (a stale one is a 409), the owned keys (null removes), the body
    Map<String, Object> patch = JSON.readValue(requests.get(0).body(), new TypeReference<>() {});
    Map<String, Object> labels = new java.util.LinkedHashMap<>();
    labels.put("platformkit.dev/owner", null);
    labels.put("cost-center", "cc-1");
    assertThat(patch).isEqualTo(Map.of(
        "metadata", Map.of("resourceVersion", current.version(), "labels", labels,
            "annotations", Map.of("platformkit.dev/managed-labels", "cost-center")),
        "spec", Map.of("podSelector", Map.of(), "policyTypes", List.of("Ingress", "Egress"))));

    NetworkPolicy after = cluster.client.network().v1().networkPolicies().inNamespace("team-a").withName(POLICY.name()).get();
    assertThat(after.getMetadata().getLabels()).containsEntry("foreign", "kept").containsEntry("cost-center", "cc-1")
        .doesNotContainKey("platformkit.dev/owner");
    assertThat(after.getMetadata().getAnnotations()).containsEntry("other-controller/seen", "yes");
    assertThat(after.getMetadata().getFinalizers()).containsExactly("example.com/keep");
    assertThat(after.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
  }

  @Test
  void labelsAreAddedToAnObjectThatHasNone() throws Exception {
    cluster.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("bare").endMetadata().build()).create();
    Resource current = backend.get(ResourceRef.kubernetes("Namespace", "bare")).orElseThrow();
    cluster.takeRequests();

    backend.update(current, new ResourceUpdate(OURS, Set.of(), Map.of(), Set.of(), Map.of()));

    Map<String, Object> patch = JSON.readValue(cluster.takeRequests().get(0).body(), new TypeReference<>() {});
    assertThat(patch).isEqualTo(Map.of("metadata", Map.of("resourceVersion", current.version(), "labels", OURS)));
    assertThat(backend.get(current.ref()).orElseThrow().labels()).containsAllEntriesOf(OURS);
  }

  @Test
  void anUpdateBasedOnAStaleVersionIsAConflictAndWritesNothing() {
    backend.create(policy(Map.of("podSelector", Map.of(), "policyTypes", List.of("Ingress"))));
    Resource stale = backend.get(POLICY).orElseThrow();
    cluster.client.network().v1().networkPolicies().inNamespace("team-a").withName(POLICY.name())
        .edit(p -> { p.getMetadata().getLabels().put("someone", "else"); return p; });

    assertThatThrownBy(() -> backend.update(stale, new ResourceUpdate(Map.of("mine", "x"), Set.of(), Map.of(), Set.of(), Map.of())))
        .isInstanceOf(ConflictException.class).hasMessageContaining("NetworkPolicy team-a/platformkit-default-deny");

    assertThat(backend.get(POLICY).orElseThrow().labels()).containsEntry("someone", "else").doesNotContainKey("mine");
  }

  @Test
  void creatingAnExistingObjectIsAConflict() {
    backend.create(policy(Map.of("podSelector", Map.of())));

    assertThatThrownBy(() -> backend.create(policy(Map.of("podSelector", Map.of()))))
        .isInstanceOf(ConflictException.class).hasMessageContaining("create of NetworkPolicy team-a/platformkit-default-deny");
  }

  @Test
  void updatingAMissingObjectIsNotFound() {
    Resource gone = new Resource(POLICY, OURS, Map.of(), Map.of(), "3");

    assertThatThrownBy(() -> backend.update(gone, new ResourceUpdate(Map.of("a", "b"), Set.of(), Map.of(), Set.of(), Map.of())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void deleteCarriesTheVersionReadAndIgnoresWhatIsGone() throws Exception {
    backend.create(policy(Map.of("podSelector", Map.of())));
    Resource current = backend.get(POLICY).orElseThrow();
    cluster.takeRequests();

    backend.delete(current);
    backend.delete(current);

    List<MockCluster.Request> requests = cluster.takeRequests();
    assertThat(requests).extracting(MockCluster.Request::method).containsExactly("DELETE", "DELETE");
    Map<String, Object> options = JSON.readValue(requests.get(0).body(), new TypeReference<>() {});
    assertThat(options).containsEntry("preconditions", Map.of("resourceVersion", current.version()));
    assertThat(backend.get(POLICY)).isEmpty();
  }

  @Test
  void aClusterScopedKindIsListedWithoutANamespace() {
    backend.create(Resource.desired(ResourceRef.kubernetes("Namespace", "team-b"), OURS, Map.of("team", "a"), Map.of()));
    cluster.takeRequests();

    assertThat(backend.list("Namespace", OURS)).singleElement().satisfies(r -> {
      assertThat(r.ref()).isEqualTo(ResourceRef.kubernetes("Namespace", "team-b"));
      assertThat(r.annotations()).containsEntry("team", "a");
      assertThat(r.body()).isEmpty();
    });
    assertThat(cluster.takeRequests()).singleElement().satisfies(r -> assertThat(r.path()).startsWith("/api/v1/namespaces?"));
  }

  @Test
  void anyApiKindIsHeldButNotKindsOfOtherProviders() {
    KubernetesBackend raw = (KubernetesBackend) backend.store();
    assertThat(raw.supports(dev.platformkit.spi.Kind.aws("AccessEntry"))).isFalse();
    assertThat(raw.supports(dev.platformkit.spi.Kind.kubernetes("apps/v1", "Deployment", "deployments", true, "spec"))).isTrue();
    assertThat(backend.supports("AwsAuthMapping")).isTrue();
    assertThat(StoreClient.of(KubernetesBackend.builder(cluster.client).awsAuth(false).build()).supports("AwsAuthMapping")).isFalse();
    assertThatThrownBy(() -> raw.list(dev.platformkit.spi.Kind.aws("AccessEntry"), Map.of()))
        .isInstanceOf(dev.platformkit.PlatformException.class);
  }

  private static Resource policy(Map<String, Object> spec) {
    return Resource.desired(POLICY, OURS, Map.of(), Map.of("spec", spec));
  }
}
