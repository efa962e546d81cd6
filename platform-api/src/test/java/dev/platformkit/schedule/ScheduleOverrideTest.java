package dev.platformkit.schedule;

import static dev.platformkit.schedule.EvaluationFixtures.at;
import static dev.platformkit.schedule.EvaluationFixtures.down;
import static dev.platformkit.schedule.EvaluationFixtures.schedule;
import static dev.platformkit.schedule.EvaluationFixtures.up;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A temporary override forces the targets up or down until an instant. */
class ScheduleOverrideTest {
  private final Schedule.Builder office = schedule("UTC", "Mon-Fri 07:30-20:30");

  @Test
  void forcedUpUntilAnInstantThatIsExclusive() {
    Schedule s = office.override(ScheduleOverride.up(at("2025-06-02T23:00:00Z"))).build();

    assertThat(s.isUp(at("2025-06-01T12:00:00Z"))).as("before: no start means always").isTrue();
    assertThat(s.isUp(at("2025-06-02T22:59:59Z"))).isTrue();
    assertThat(s.isUp(at("2025-06-02T23:00:00Z"))).isFalse();
    assertThat(s.nextTransition(at("2025-06-02T21:00:00Z"))).contains(at("2025-06-02T23:00:00Z"));
  }

  @Test
  void forcedDownUntilInsideAWindowBringsTheTargetsUpThen() {
    Schedule s = office.override(ScheduleOverride.down(at("2025-06-03T12:00:00Z"))).build();

    assertThat(s.isUp(at("2025-06-02T10:00:00Z"))).isFalse();
    assertThat(s.isUp(at("2025-06-03T12:00:00Z"))).isTrue();
    assertThat(s.nextTransition(at("2025-06-02T10:00:00Z"))).contains(at("2025-06-03T12:00:00Z"));
  }

  @Test
  void anOverrideEndingWhenTheWindowsAgreeIsNoTransition() {
    Schedule s = office.override(ScheduleOverride.down(at("2025-06-02T03:00:00Z"))).build();

    assertThat(s.nextTransition(at("2025-06-01T12:00:00Z"))).contains(at("2025-06-02T07:30:00Z"));
  }

  @Test
  void anOverrideWithAStartLeavesTheWindowsAloneBeforeIt() {
    ScheduleOverride saturdayDemo = ScheduleOverride.builder()
        .mode(OverrideMode.UP)
        .start(at("2025-06-07T09:00:00Z"))
        .until(at("2025-06-07T17:00:00Z"))
        .reason("customer demo")
        .build();
    Schedule s = office.override(saturdayDemo).build();

    assertThat(s.isUp(at("2025-06-07T08:59:59Z"))).isFalse();
    assertThat(s.transitions(at("2025-06-06T21:00:00Z"), at("2025-06-08T21:00:00Z")))
        .containsExactly(up("2025-06-07T09:00:00Z"), down("2025-06-07T17:00:00Z"));
  }

  @Test
  void anExpiredOverrideHasNoEffect() {
    Schedule s = office.override(ScheduleOverride.down(at("2025-01-01T00:00:00Z"))).build();

    assertThat(s.isUp(at("2025-06-02T10:00:00Z"))).isTrue();
    assertThat(s.transitions(at("2025-06-02T00:00:00Z"), at("2025-06-03T00:00:00Z")))
        .containsExactly(up("2025-06-02T07:30:00Z"), down("2025-06-02T20:30:00Z"));
  }
}
