package dev.platformkit.schedule;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.platformkit.internal.PlatformStyle;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A temporary exception to the windows: the targets are forced up (or down) from {@link #start()} until
 * {@link #until()}, then the windows apply again. An override that has run out simply has no effect,
 * so it can stay in the spec until someone tidies up.
 *
 * <pre>{@code ScheduleOverride.up(Instant.parse("2025-06-07T18:00:00Z"))}</pre>
 */
@Value.Immutable
@PlatformStyle
@JsonSerialize(as = ImmutableScheduleOverride.class)
@JsonDeserialize(as = ImmutableScheduleOverride.class)
public abstract class ScheduleOverride implements Serializable, WithScheduleOverride {
  // only the generated implementation extends it: no subclass can skip validation
  ScheduleOverride() {}

  private static final long serialVersionUID = 1L;

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Force the targets up until {@code until} (exclusive). */
  public static ScheduleOverride up(Instant until) {
    return builder().mode(OverrideMode.UP).until(until).build();
  }

  /** Force the targets down until {@code until} (exclusive). */
  public static ScheduleOverride down(Instant until) {
    return builder().mode(OverrideMode.DOWN).until(until).build();
  }

  /** A builder holding this override's values. */
  public Builder toBuilder() {
    return builder().from(this);
  }

  /** Up or down. Required. */
  public abstract OverrideMode mode();

  /**
   * When the override starts (inclusive): plan a weekend demo ahead. Empty: it is in force from the
   * moment it is applied. ({@code from} would clash with the builder's {@code from(instance)}.)
   */
  @JsonFormat(shape = JsonFormat.Shape.STRING)
  public abstract Optional<Instant> start();

  /** When the override ends (exclusive): from then on the windows apply again. Required. */
  @JsonFormat(shape = JsonFormat.Shape.STRING)
  public abstract Instant until();

  /** Why, for whoever looks at the targets later ({@code release 4.2 testing, ticket OPS-123}). */
  public abstract Optional<String> reason();

  /** Whether the override is in force at {@code at}: not before {@link #start()}, before {@link #until()}. */
  public boolean isActiveAt(Instant at) {
    return start().map(s -> !at.isBefore(s)).orElse(true) && at.isBefore(until());
  }

  /** Builds {@link ScheduleOverride}s. */
  public static class Builder extends ImmutableScheduleOverride.Builder {}
}
