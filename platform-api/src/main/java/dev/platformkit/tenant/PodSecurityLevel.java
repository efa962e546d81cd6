package dev.platformkit.tenant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platformkit.internal.Spelling;

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
    return Spelling.of(this);
  }

  /** Parses a level (any case). */
  @JsonCreator
  public static PodSecurityLevel of(String value) {
    return Spelling.parse(PodSecurityLevel.class, value, "a Pod Security level");
  }
}
