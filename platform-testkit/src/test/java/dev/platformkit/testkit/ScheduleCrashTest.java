package dev.platformkit.testkit;

import dev.platformkit.testkit.contract.ScheduleCrashContract;
import java.time.Clock;
import java.util.List;

/**
 * The crash and race properties of schedules on the in-memory store: every crash point and race point of
 * 200 random workload sets, and the race on two threads over 100.
 */
class ScheduleCrashTest extends ScheduleCrashContract {

  @Override
  protected Cluster kubernetes(Clock clock) {
    InMemoryStore store = InMemoryStore.kubernetes().clock(clock);
    return new Cluster() {
      @Override
      public InMemoryStore connect() {
        return store; // no client-side state: every process may share it
      }

      @Override
      public List<dev.platformkit.spi.Resource> objects() {
        return store.all(); // everything, so that an object created anywhere is seen
      }
    };
  }

  @Override
  protected int seeds() {
    return 200;
  }

  @Override
  protected int threadRaceSeeds() {
    return 100;
  }
}
