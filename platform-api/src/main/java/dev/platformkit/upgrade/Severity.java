package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platformkit.internal.Spelling;

/** How much a {@link Finding} matters; spelled {@code info}, {@code warning} or {@code blocker}. */
public enum Severity {
  /** Worth knowing; nothing to do. */
  INFO,
  /** Should be dealt with, but does not stop the upgrade (a deprecated API, a behaviour change). */
  WARNING,
  /** Stops the upgrade until fixed (an API removed at or before the target version is still in use). */
  BLOCKER;

  /** The spelling in a spec or report: {@code info}, {@code warning} or {@code blocker}. */
  @JsonValue
  public String value() {
    return Spelling.of(this);
  }

  /** Parses {@code info}, {@code warning} or {@code blocker} (any case). */
  @JsonCreator
  public static Severity of(String value) {
    return Spelling.parse(Severity.class, value, "a severity");
  }
}
