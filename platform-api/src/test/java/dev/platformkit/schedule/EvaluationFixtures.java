package dev.platformkit.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Shared helpers of the evaluation tests. */
final class EvaluationFixtures {
  private EvaluationFixtures() {}

  /** A schedule in {@code zone} with {@code windows}, targeting one namespace. */
  static Schedule.Builder schedule(String zone, String... windows) {
    Schedule.Builder b = Schedule.builder()
        .name("test")
        .timeZone(zone)
        .targets(Targets.builder().addNamespaces("dev").build());
    for (String w : windows) {
      b.addWindows(Window.parse(w));
    }
    return b;
  }

  /** An instant written with its offset, so that each test says which side of a clock change it means. */
  static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  static Transition up(String offsetDateTime) {
    return new Transition(at(offsetDateTime), true);
  }

  static Transition down(String offsetDateTime) {
    return new Transition(at(offsetDateTime), false);
  }
}
