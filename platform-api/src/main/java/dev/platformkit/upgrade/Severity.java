package dev.platformkit.upgrade;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

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
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code info}, {@code warning} or {@code blocker} (any case). */
  @JsonCreator
  public static Severity of(String value) {
    for (Severity s : values()) {
      if (s.value().equalsIgnoreCase(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("\"" + value + "\" is not a severity (info, warning or blocker)");
  }
}
