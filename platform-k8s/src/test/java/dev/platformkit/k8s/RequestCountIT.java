package dev.platformkit.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platformkit.ApplyResult;
import dev.platformkit.Platform;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.testkit.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Round trips of a steady-state re-apply, counted at the client. */
class RequestCountIT {
  final MockCluster cluster = MockCluster.crud();
  final Platform platform = Platform.builder().kubernetes(KubernetesBackend.create(cluster.client))
      .aws(InMemoryStore.aws()).build();

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void reapplyingAnUnchangedTenantMakesOnlyReads() {
    platform.tenants().apply(Tenants.payments());
    cluster.takeRequests();

    ApplyResult again = platform.tenants().apply(Tenants.payments());

    assertThat(again.isNoop()).isTrue();
    assertThat(cluster.takeRequests()).extracting(MockCluster.Request::path).containsExactly(
        "/api/v1/namespaces?labelSelector=app.kubernetes.io/managed-by=platformkit,platformkit.dev/owner=tenant.payments",
        "/api/v1/resourcequotas?labelSelector=app.kubernetes.io/managed-by=platformkit,platformkit.dev/owner=tenant.payments",
        "/api/v1/limitranges?labelSelector=app.kubernetes.io/managed-by=platformkit,platformkit.dev/owner=tenant.payments",
        "/apis/networking.k8s.io/v1/networkpolicies?labelSelector=app.kubernetes.io/managed-by=platformkit,platformkit.dev/owner=tenant.payments",
        "/apis/rbac.authorization.k8s.io/v1/rolebindings?labelSelector=app.kubernetes.io/managed-by=platformkit,platformkit.dev/owner=tenant.payments",
        // the aws-auth ConfigMap, read to find mappings left from aws-auth mode
        "/api/v1/namespaces/kube-system/configmaps/aws-auth")
        .allSatisfy(path -> assertThat(path).doesNotContain("/api?").doesNotContain("/apis?"));
  }

  @Test
  void withoutAwsAuthNothingIsReadInKubeSystem() {
    Platform listsOnly = Platform.builder().kubernetes(KubernetesBackend.builder(cluster.client).awsAuth(false).build())
        .aws(InMemoryStore.aws()).build();
    listsOnly.tenants().apply(Tenants.payments());
    cluster.takeRequests();

    assertThat(listsOnly.tenants().apply(Tenants.payments()).isNoop()).isTrue();

    assertThat(cluster.takeRequests()).hasSize(5).allSatisfy(r -> assertThat(r.path()).contains("?labelSelector="));
  }

  @Test
  void theRequestsOfAReapplyDoNotGrowWithTheNumberOfTenants() {
    List<Tenant> tenants = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      tenants.add(Tenants.team(i));
    }
    platform.tenants().apply(tenants.subList(0, 1));
    cluster.takeRequests();
    platform.tenants().apply(tenants.subList(0, 1));
    List<MockCluster.Request> one = cluster.takeRequests();

    platform.tenants().apply(tenants);
    cluster.takeRequests();
    ApplyResult again = platform.tenants().apply(tenants);
    List<MockCluster.Request> twelve = cluster.takeRequests();

    assertThat(again.isNoop()).isTrue();
    assertThat(twelve).hasSameSizeAs(one).noneMatch(MockCluster.Request::isWrite);
  }
}
