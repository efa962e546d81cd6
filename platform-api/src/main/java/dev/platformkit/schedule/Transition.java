package dev.platformkit.schedule;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A moment at which a schedule's targets change state: from {@code at} on they are up (or down).
 *
 * @param at when the change happens
 * @param up whether the targets are up from then on
 */
public record Transition(Instant at, boolean up) implements Serializable {

  /** Checks that {@code at} is given. */
  public Transition {
    Objects.requireNonNull(at, "at");
  }

  /** {@code up at 2025-06-02T05:30:00Z} or {@code down at ...}. */
  @Override
  public String toString() {
    return (up ? "up" : "down") + " at " + at;
  }
}
