package dev.platformkit.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a {@link ScheduleOverride} forces the targets to be, whatever the windows say. */
public enum OverrideMode {
  /** Keep the targets up (a late release, a weekend demo). */
  UP,
  /** Keep the targets down (an environment nobody needs this week). */
  DOWN;

  /** The spelling in spec documents: {@code up} or {@code down}. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code up} or {@code down} (any case). */
  @JsonCreator
  public static OverrideMode of(String value) {
    for (OverrideMode m : values()) {
      if (m.value().equalsIgnoreCase(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("\"" + value + "\" is not an override mode (up or down)");
  }
}
