package dev.platformkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import dev.platformkit.testkit.StoreClient;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platformkit.BackendException;
import dev.platformkit.ConflictException;
import dev.platformkit.NotFoundException;
import dev.platformkit.PlatformException;
import dev.platformkit.ResourceRef;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceUpdate;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How API server errors reach the caller, on the mock server in expectations mode. */
class ErrorMappingIT {
  static final ResourceRef BINDING = ResourceRef.kubernetes("RoleBinding", "team-a", "platformkit-edit");
  static final String BINDING_PATH = "/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings/platformkit-edit";
  static final ResourceRef NAMESPACE = ResourceRef.kubernetes("Namespace", "team-a");

  final MockCluster cluster = MockCluster.expectations();
  final StoreClient backend = StoreClient.of(KubernetesBackend.create(cluster.client));

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aCreateOfAnExistingObjectIsAConflict() {
    cluster.server.expect().post().withPath("/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings")
        .andReturn(409, status(409, "AlreadyExists", "rolebindings.rbac.authorization.k8s.io \"platformkit-edit\" already exists")).once();

    assertThatThrownBy(() -> backend.create(Resource.desired(BINDING, Map.of(), Map.of(), Map.of())))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("create of RoleBinding team-a/platformkit-edit").hasMessageContaining("already exists")
        .satisfies(e -> assertThat(((PlatformException) e).retryable()).isTrue());
  }

  @ParameterizedTest
  @CsvSource({"429, TooManyRequests, true", "500, InternalError, true", "503, ServiceUnavailable, true",
      "403, Forbidden, false", "401, Unauthorized, false", "400, BadRequest, false"})
  void statusesAreRetryableOrNot(int code, String reason, boolean retryable) {
    cluster.server.expect().get().withPath("/apis/rbac.authorization.k8s.io/v1/rolebindings?labelSelector=a%3Db")
        .andReturn(code, status(code, reason, "rolebindings is " + reason)).once();

    assertThatThrownBy(() -> backend.list("RoleBinding", Map.of("a", "b")))
        .isExactlyInstanceOf(BackendException.class)
        .hasMessageContaining("list of RoleBinding").hasMessageContaining("rolebindings is " + reason)
        .satisfies(e -> {
          assertThat(((BackendException) e).status()).hasValue(code);
          assertThat(((BackendException) e).retryable()).isEqualTo(retryable);
        });
  }

  @Test
  void aForbiddenUpdateNamesTheObjectAndIsNotRetried() {
    cluster.server.expect().patch().withPath(BINDING_PATH)
        .andReturn(403, status(403, "Forbidden", "user \"ci\" cannot patch resource \"rolebindings\"")).once();

    assertThatThrownBy(() -> backend.update(binding("5"), labelUpdate()))
        .isExactlyInstanceOf(BackendException.class)
        .hasMessageContaining("update of RoleBinding team-a/platformkit-edit").hasMessageContaining("cannot patch")
        .satisfies(e -> assertThat(((BackendException) e).retryable()).isFalse());
  }

  @Test
  void anUpdateOfAMissingObjectIsNotFound() {
    cluster.server.expect().patch().withPath(BINDING_PATH).andReturn(404, status(404, "NotFound", "not found")).once();

    assertThatThrownBy(() -> backend.update(binding("5"), labelUpdate())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void anInvalidObjectIsNotAConflict() {
    cluster.server.expect().patch().withPath(BINDING_PATH)
        .andReturn(422, status(422, "Invalid", "RoleBinding \"platformkit-edit\" is invalid: roleRef: Invalid value")).once();
    cluster.server.expect().get().withPath(BINDING_PATH).andReturn(200, storedBinding("5")).once();

    assertThatThrownBy(() -> backend.update(binding("5"), labelUpdate()))
        .isExactlyInstanceOf(BackendException.class).hasMessageContaining("roleRef: Invalid value")
        .satisfies(e -> assertThat(((BackendException) e).retryable()).isFalse());
  }

  @Test
  void deletingANamespaceThatIsAlreadyTerminatingIsDone() {
    cluster.server.expect().delete().withPath("/api/v1/namespaces/team-a").andReturn(409, status(409, "Conflict",
        "The system is ensuring all content is removed from this namespace.")).once();
    cluster.server.expect().get().withPath("/api/v1/namespaces/team-a").andReturn(200, new NamespaceBuilder()
        .withNewMetadata().withName("team-a").withResourceVersion("9").withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata()
        .build()).once();

    assertThatCode(() -> backend.delete(new Resource(NAMESPACE, Map.of(), Map.of(), Map.of(), "8"))).doesNotThrowAnyException();
  }

  @Test
  void aDeleteBasedOnAStaleVersionIsAConflict() {
    cluster.server.expect().delete().withPath("/api/v1/namespaces/team-a").andReturn(409, status(409, "Conflict",
        "Precondition failed: ResourceVersion in precondition: 8, ResourceVersion in object meta: 9")).once();
    cluster.server.expect().get().withPath("/api/v1/namespaces/team-a").andReturn(200, new NamespaceBuilder()
        .withNewMetadata().withName("team-a").withResourceVersion("9").endMetadata().build()).once();

    assertThatThrownBy(() -> backend.delete(new Resource(NAMESPACE, Map.of(), Map.of(), Map.of(), "8")))
        .isInstanceOf(ConflictException.class).hasMessageContaining("delete of Namespace team-a");
  }

  @Test
  void aRefusedConnectionIsNotRetriedAndNamesTheAddress() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (KubernetesClient client = MockCluster.clientFor("http://localhost:" + port, new Interceptor() {})) {
      assertThatThrownBy(() -> StoreClient.of(KubernetesBackend.create(client)).get(NAMESPACE))
          .isExactlyInstanceOf(BackendException.class).hasMessageContaining("read of Namespace team-a failed: ")
          .hasMessageContaining("Connection refused").hasMessageContaining(":" + port)
          .hasMessageNotContaining("Operation: [")
          .satisfies(e -> {
            assertThat(((BackendException) e).retryable()).isFalse();
            assertThat(((BackendException) e).status()).isEmpty();
          });
    }
  }

  private static Resource binding(String version) {
    return new Resource(BINDING, Map.of("x", "y"), Map.of(), Map.of(), version);
  }

  private static ResourceUpdate labelUpdate() {
    return new ResourceUpdate(Map.of("x", "z"), Set.of(), Map.of(), Set.of(), Map.of());
  }

  private static Object storedBinding(String version) {
    return new RoleBindingBuilder().withNewMetadata().withName("platformkit-edit").withNamespace("team-a")
        .withResourceVersion(version).endMetadata().build();
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
  }
}
