package dev.platformkit.site;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which kind of environment a {@link Site} is; spelled {@code production}, {@code staging} or {@code preview} in a spec. */
public enum Environment {
  /** Serves real users. A production site never expires. */
  PRODUCTION,
  /** A long-lived pre-production copy. May expire. */
  STAGING,
  /** A short-lived environment for one developer or branch. Must expire, and is cleaned up after it does. */
  PREVIEW;

  /** The spelling in a spec: {@code production}, {@code staging} or {@code preview}. */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code production}, {@code staging} or {@code preview} (any case). */
  @JsonCreator
  public static Environment of(String value) {
    for (Environment e : values()) {
      if (e.value().equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw new IllegalArgumentException("\"" + value + "\" is not an environment (production, staging or preview)");
  }
}
