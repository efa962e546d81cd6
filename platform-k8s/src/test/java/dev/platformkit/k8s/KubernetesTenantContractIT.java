package dev.platformkit.k8s;

import dev.platformkit.spi.ResourceStore;
import dev.platformkit.testkit.InMemoryStore;
import dev.platformkit.testkit.contract.TenantContract;
import org.junit.jupiter.api.AfterEach;

/** The Kubernetes backend passes the tenant contract on the fabric8 mock server in CRUD mode. */
class KubernetesTenantContractIT extends TenantContract {
  private MockCluster cluster;

  @Override
  protected ResourceStore kubernetes() {
    cluster = MockCluster.crud();
    return KubernetesBackend.create(cluster.client);
  }

  @Override
  protected ResourceStore aws() {
    return InMemoryStore.aws();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }
}
