package dev.platformkit.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the schedule does when someone scales a target up by hand while it is meant to be down. */
public enum ManualChangePolicy {
  /**
   * Leave it as the person set it until the next time the schedule brings the targets up; the next
   * downtime scales it down again. Someone who needs a service at night can simply scale it up.
   */
  RESPECT,
  /** Scale it back down at the next reconcile: downtime is downtime (use an override for exceptions). */
  ENFORCE;

  /** The spelling in spec documents: {@code respect} or {@code enforce}. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code respect} or {@code enforce} (any case). */
  @JsonCreator
  public static ManualChangePolicy of(String value) {
    for (ManualChangePolicy p : values()) {
      if (p.value().equalsIgnoreCase(value)) {
        return p;
      }
    }
    throw new IllegalArgumentException("\"" + value + "\" is not a manual change policy (respect or enforce)");
  }
}
