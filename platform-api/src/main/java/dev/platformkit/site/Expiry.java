package dev.platformkit.site;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a {@link Site} expires: a time to live counted from the site's creation, or a fixed instant.
 * In a spec it is one string: {@code 72h}, {@code 7d}, {@code 1d12h}, {@code PT90M} (ISO-8601) for a time
 * to live, or {@code 2026-12-01T18:00:00Z} for an instant.
 */
public final class Expiry implements Serializable {
  private static final long serialVersionUID = 1L;

  // at most 9 digits per unit so that the arithmetic below cannot overflow
  private static final Pattern SHORT_DURATION = Pattern.compile(
      "(?:([0-9]{1,9})d)?(?:([0-9]{1,9})h)?(?:([0-9]{1,9})m)?(?:([0-9]{1,9})s)?");

  private final Duration ttl;
  private final Instant at;

  private Expiry(Duration ttl, Instant at) {
    this.ttl = ttl;
    this.at = at;
  }

  /** Expires {@code ttl} after the site was created; {@code ttl} must be positive. */
  public static Expiry after(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("an expiry time to live must be positive, not " + ttl);
    }
    return new Expiry(ttl, null);
  }

  /** Expires at {@code instant}. */
  public static Expiry at(Instant instant) {
    return new Expiry(null, Objects.requireNonNull(instant, "instant"));
  }

  /**
   * Parses the spec form: a time to live ({@code 30m}, {@code 12h}, {@code 7d}, {@code 1d12h},
   * {@code PT36H}) or an ISO-8601 instant ({@code 2026-12-01T18:00:00Z}).
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  @JsonCreator
  public static Expiry parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an expiry is required (examples: 72h, 7d, 2026-12-01T18:00:00Z)");
    }
    String s = text.strip();
    boolean iso8601Duration = s.startsWith("P") || s.startsWith("-P");
    if (s.indexOf('T') > 0 && !iso8601Duration) {
      try {
        return at(Instant.parse(s));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("\"" + text + "\" is not an instant (example: 2026-12-01T18:00:00Z)");
      }
    }
    return after(parseDuration(text, s, iso8601Duration));
  }

  private static Duration parseDuration(String text, String s, boolean iso8601) {
    if (iso8601) {
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("\"" + text + "\" is not an ISO-8601 duration (example: PT72H)");
      }
    }
    Matcher m = SHORT_DURATION.matcher(s);
    if (s.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("\"" + text + "\" is not an expiry: give a time to live (30m, 12h, 7d, 1d12h) "
          + "or an instant (2026-12-01T18:00:00Z)");
    }
    return Duration.ofDays(number(m.group(1)))
        .plusHours(number(m.group(2)))
        .plusMinutes(number(m.group(3)))
        .plusSeconds(number(m.group(4)));
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  /** The time to live, when the expiry is relative to the site's creation. */
  public Optional<Duration> ttl() {
    return Optional.ofNullable(ttl);
  }

  /** The instant, when the expiry is fixed. */
  public Optional<Instant> at() {
    return Optional.ofNullable(at);
  }

  /** When a site created at {@code createdAt} expires. */
  public Instant expiresAt(Instant createdAt) {
    return at != null ? at : Objects.requireNonNull(createdAt, "createdAt").plus(ttl);
  }

  /** The spec form: {@code 1d12h}-style for whole seconds, ISO-8601 otherwise, or the instant. */
  @JsonValue
  @Override
  public String toString() {
    if (at != null) {
      return at.toString();
    }
    if (ttl.getNano() != 0) {
      return ttl.toString();
    }
    StringBuilder sb = new StringBuilder();
    append(sb, ttl.toDays(), 'd');
    append(sb, ttl.toHoursPart(), 'h');
    append(sb, ttl.toMinutesPart(), 'm');
    append(sb, ttl.toSecondsPart(), 's');
    return sb.toString();
  }

  private static void append(StringBuilder sb, long amount, char unit) {
    if (amount != 0) {
      sb.append(amount).append(unit);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Expiry e && Objects.equals(ttl, e.ttl) && Objects.equals(at, e.at);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ttl, at);
  }
}
