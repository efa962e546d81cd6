package dev.platformkit.testkit;

import dev.platformkit.spi.ResourceStore;
import dev.platformkit.testkit.contract.ScheduleContract;
import java.time.Instant;

/** The in-memory backend passes the schedule contract. */
class InMemoryScheduleContractTest extends ScheduleContract {

  @Override
  protected ResourceStore kubernetes() {
    return InMemoryStore.kubernetes().clock(FakeClock.at(Instant.parse("2026-11-30T00:00:00Z")));
  }
}
