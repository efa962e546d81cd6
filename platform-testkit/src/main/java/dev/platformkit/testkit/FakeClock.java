package dev.platformkit.testkit;

import dev.platformkit.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to. Its {@link #sleeper()} advances it instead of waiting, so
 * retries and timeouts run instantly and deterministically in tests.
 */
public final class FakeClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private FakeClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A UTC clock standing at {@code start}. */
  public static FakeClock at(Instant start) {
    return new FakeClock(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  /** A UTC clock standing at {@code 2026-01-05T09:00:00Z} (a Monday). */
  public static FakeClock standard() {
    return at(Instant.parse("2026-01-05T09:00:00Z"));
  }

  /** Moves the clock forward. */
  public FakeClock advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back: " + duration);
    }
    now.updateAndGet(i -> i.plus(duration));
    return this;
  }

  /** Sets the clock to {@code instant}. */
  public FakeClock set(Instant instant) {
    now.set(instant);
    return this;
  }

  /** A sleeper that advances this clock instead of waiting. */
  public Sleeper sleeper() {
    return this::advance;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new FakeClock(now, zone);
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
