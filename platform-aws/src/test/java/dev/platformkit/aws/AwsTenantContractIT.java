package dev.platformkit.aws;

import dev.platformkit.spi.ResourceStore;
import dev.platformkit.testkit.FakeClock;
import dev.platformkit.testkit.InMemoryStore;
import dev.platformkit.testkit.aws.FakeEksClient;
import dev.platformkit.testkit.contract.TenantContract;

/** The AWS backend passes the tenant contract on the testkit's EKS fake. */
class AwsTenantContractIT extends TenantContract {

  @Override
  protected ResourceStore kubernetes() {
    return InMemoryStore.kubernetes();
  }

  @Override
  protected ResourceStore aws() {
    FakeEksClient eks = new FakeEksClient(FakeClock.standard()).addCluster("prod");
    return AwsBackend.builder().eks(eks).clusterName("prod").build();
  }
}
