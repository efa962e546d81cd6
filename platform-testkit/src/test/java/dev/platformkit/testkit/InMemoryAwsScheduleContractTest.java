package dev.platformkit.testkit;

import dev.platformkit.schedule.Schedules;
import dev.platformkit.spi.Resource;
import dev.platformkit.spi.ResourceStore;
import dev.platformkit.testkit.contract.AwsScheduleContract;

/** The in-memory AWS store passes the AWS schedule contract. */
class InMemoryAwsScheduleContractTest extends AwsScheduleContract {
  private InMemoryStore store;

  @Override
  protected ResourceStore aws(FakeClock clock) {
    store = InMemoryStore.aws().clock(clock);
    return store;
  }

  @Override
  protected void existing(Resource target) {
    store.create(Schedules.kinds().stream().filter(k -> k.name().equals(target.ref().kind())).findFirst().orElseThrow(), target);
  }
}
