package dev.platformkit;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Bounded exponential backoff with full jitter for retryable failures (throttling, 429, 5xx, 409
 * conflicts): attempt {@code n} waits a random time between zero and
 * {@code min(maxDelay, baseDelay * 2^(n-1))}.
 *
 * @param maxAttempts total attempts including the first (1 = no retry)
 * @param baseDelay the cap of the first wait
 * @param maxDelay the largest cap of any wait
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) implements Serializable {

  /** 5 attempts, waits capped at 200 ms, 400 ms, 800 ms, 1.6 s. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));

  /** One attempt, no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  /** Checks the bounds. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (baseDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed ones (starting at 1). */
  public Duration delay(int attempt, RandomGenerator random) {
    long cap = baseDelay.toMillis() << Math.min(attempt - 1, 30);
    cap = Math.min(cap < 0 ? Long.MAX_VALUE : cap, maxDelay.toMillis());
    return cap <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(cap + 1));
  }
}
