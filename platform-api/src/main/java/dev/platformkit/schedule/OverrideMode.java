package dev.platformkit.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platformkit.internal.Spelling;

/** What a {@link ScheduleOverride} forces the targets to be, whatever the windows say. */
public enum OverrideMode {
  /** Keep the targets up (a late release, a weekend demo). */
  UP,
  /** Keep the targets down (an environment nobody needs this week). */
  DOWN;

  /** The spelling in spec documents: {@code up} or {@code down}. */
  @JsonValue
  public String value() {
    return Spelling.of(this);
  }

  /** Parses {@code up} or {@code down} (any case). */
  @JsonCreator
  public static OverrideMode of(String value) {
    return Spelling.parse(OverrideMode.class, value, "an override mode");
  }
}
