package dev.platformkit.testkit;

import dev.platformkit.spi.ResourceStore;
import dev.platformkit.testkit.contract.TenantContract;

/** The in-memory backends pass the tenant contract, like the real ones. */
class InMemoryTenantContractTest extends TenantContract {

  @Override
  protected ResourceStore kubernetes() {
    return InMemoryStore.kubernetes();
  }

  @Override
  protected ResourceStore aws() {
    return InMemoryStore.aws();
  }
}
