package dev.platformkit.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A Pod Security Standards level, as the {@code pod-security.kubernetes.io/*} labels spell it. */
public enum PodSecurityLevel {
  /** No restrictions. */
  PRIVILEGED,
  /** Prevents known privilege escalations. */
  BASELINE,
  /** Current pod hardening best practice. */
  RESTRICTED;

  /** {@code privileged}, {@code baseline} or {@code restricted}. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a level (any case). */
  @JsonCreator
  public static PodSecurityLevel of(String value) {
    for (PodSecurityLevel l : values()) {
      if (l.label().equalsIgnoreCase(value)) {
        return l;
      }
    }
    throw new IllegalArgumentException("\"" + value + "\" is not a Pod Security level (privileged, baseline or restricted)");
  }
}
