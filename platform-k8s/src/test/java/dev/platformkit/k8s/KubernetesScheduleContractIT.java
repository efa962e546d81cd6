package dev.platformkit.k8s;

import dev.platformkit.spi.ResourceStore;
import dev.platformkit.testkit.contract.ScheduleContract;
import org.junit.jupiter.api.AfterEach;

/** The Kubernetes backend passes the schedule contract on the fabric8 mock server. */
class KubernetesScheduleContractIT extends ScheduleContract {
  private MockCluster cluster;

  @Override
  protected ResourceStore kubernetes() {
    cluster = MockCluster.crud();
    return KubernetesBackend.create(cluster.client);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }
}
