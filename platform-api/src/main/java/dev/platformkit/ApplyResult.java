package dev.platformkit;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What an apply did: the changes it made, in order, and how long it took by the platform's clock.
 *
 * @param applied the changes made (empty when the state already matched)
 * @param elapsed the time between start and end, measured with the platform's {@link java.time.Clock}
 */
public record ApplyResult(List<Change> applied, Duration elapsed) implements Serializable {

  /** Copies the list. */
  public ApplyResult {
    applied = List.copyOf(applied);
  }

  /** True when nothing was written. */
  public boolean isNoop() {
    return applied.isEmpty();
  }

  /** {@code applied 3 changes} or {@code no changes}. */
  @Override
  public String toString() {
    return applied.isEmpty() ? "no changes" : "applied " + applied.size() + (applied.size() == 1 ? " change" : " changes");
  }
}
