package dev.platformkit;

import java.time.Duration;

/**
 * Waits between retries. The default sleeps the thread; the testkit's fake clock advances instead, so
 * tests never wait on wall-clock time.
 */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps the current thread. */
  Sleeper SYSTEM = duration -> {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("interrupted while waiting to retry", e, false);
    }
  };

  /** Waits for {@code duration}. */
  void sleep(Duration duration);
}
