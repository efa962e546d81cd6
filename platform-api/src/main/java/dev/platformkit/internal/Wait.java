package dev.platformkit.internal;

import dev.platformkit.ProgressListener;
import dev.platformkit.Sleeper;
import dev.platformkit.WaitTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Polls until something is ready, on the platform's clock and sleeper (so tests move a fake clock instead
 * of sleeping), reporting every poll to the listener and failing with a {@link WaitTimeoutException} when
 * the timeout passes. Shared by every long operation: certificate validation, load balancers, EKS updates.
 *
 * @param clock the platform's clock
 * @param sleeper waits between polls
 * @param listener hears every poll
 */
public record Wait(Clock clock, Sleeper sleeper, ProgressListener listener) {

  /** What one poll saw: the result once ready, else the state to report. */
  public record Poll<T>(Optional<T> result, String status) {
    /** Ready, with its result. */
    public static <T> Poll<T> ready(T result) {
      return new Poll<>(Optional.of(result), "ready");
    }

    /** Not ready yet, in {@code status}. */
    public static <T> Poll<T> pending(String status) {
      return new Poll<>(Optional.empty(), status);
    }
  }

  /** Checks the parts. */
  public Wait {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(listener, "listener");
  }

  /**
   * Polls {@code probe} every {@code interval} (the first time at once) until it is ready and returns its
   * result.
   *
   * @throws WaitTimeoutException when not ready within {@code timeout}
   */
  public <T> T until(String subject, Duration timeout, Duration interval, java.util.function.Supplier<Poll<T>> probe) {
    Instant start = clock.instant();
    while (true) {
      Poll<T> poll = probe.get();
      if (poll.result().isPresent()) {
        return poll.result().get();
      }
      Duration elapsed = Duration.between(start, clock.instant());
      listener.waiting(subject, poll.status(), elapsed, timeout);
      if (elapsed.compareTo(timeout) >= 0) {
        throw new WaitTimeoutException(subject, poll.status(), timeout);
      }
      Duration left = timeout.minus(elapsed);
      sleeper.sleep(interval.compareTo(left) < 0 ? interval : left);
    }
  }
}
