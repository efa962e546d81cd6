package com.example.onboarding;

import dev.platformkit.spi.ResourceStore;
import dev.platformkit.testkit.InMemoryStore;
import dev.platformkit.testkit.contract.TenantContract;

/** The testkit's contract suite (JUnit, AssertJ, parameterized tests) runs on the JUnit this build brings. */
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
