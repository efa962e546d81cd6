package dev.platformkit.schedule;

import static dev.platformkit.schedule.EvaluationFixtures.at;
import static dev.platformkit.schedule.EvaluationFixtures.down;
import static dev.platformkit.schedule.EvaluationFixtures.schedule;
import static dev.platformkit.schedule.EvaluationFixtures.up;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windows are wall-clock times: what happens when the clock springs forward or falls back. */
class ScheduleDaylightSavingTest {

  @Test
  void berlinSpringForwardOpensAWindowAtTheJump() {
    // 2025-03-30: at 02:00 CET the clock jumps to 03:00 CEST, so 02:30 never shows
    Schedule s = schedule("Europe/Berlin", "Sun 02:30-06:00").build();

    assertThat(s.isUp(at("2025-03-30T01:59:59+01:00"))).isFalse();
    assertThat(s.isUp(at("2025-03-30T03:00:00+02:00"))).isTrue();
    assertThat(s.transitions(at("2025-03-29T12:00:00Z"), at("2025-03-31T00:00:00Z")))
        .containsExactly(up("2025-03-30T03:00:00+02:00"), down("2025-03-30T06:00:00+02:00"));
  }

  @Test
  void berlinSpringForwardShortensAWindowEndingInTheGap() {
    Schedule s = schedule("Europe/Berlin", "Sun 01:00-02:30").build();

    assertThat(s.transitions(at("2025-03-29T12:00:00Z"), at("2025-03-31T00:00:00Z")))
        .containsExactly(up("2025-03-30T01:00:00+01:00"), down("2025-03-30T03:00:00+02:00"));
  }

  @Test
  void officeHoursFollowTheWallClockAcrossSpringForward() {
    Schedule office = schedule("Europe/Berlin", "Mon-Fri 07:30-20:30").build();

    // Friday 20:30 CET to Monday 07:30 CEST: 59 hours, not 60
    assertThat(office.nextTransition(at("2025-03-28T20:30:00+01:00"))).contains(at("2025-03-31T07:30:00+02:00"));
  }

  @Test
  void berlinFallBackDoesNotReopenAWindowInTheRepeatedHour() {
    // 2025-10-26: at 03:00 CEST the clock goes back to 02:00 CET, so 02:00-03:00 shows twice
    Schedule s = schedule("Europe/Berlin", "Sun 02:30-08:00").build();

    assertThat(s.isUp(at("2025-10-26T02:29:59+02:00"))).isFalse();
    assertThat(s.isUp(at("2025-10-26T02:30:00+02:00"))).isTrue();
    assertThat(s.isUp(at("2025-10-26T02:15:00+01:00"))).as("the clock shows 02:15 again").isTrue();
    assertThat(s.transitions(at("2025-10-25T12:00:00Z"), at("2025-10-27T00:00:00Z")))
        .containsExactly(up("2025-10-26T02:30:00+02:00"), down("2025-10-26T08:00:00+01:00"));
  }

  @Test
  void berlinFallBackClosesAWindowTheFirstTimeTheClockShowsItsEnd() {
    Schedule s = schedule("Europe/Berlin", "Sat 22:00-02:30").build();

    assertThat(s.isUp(at("2025-10-26T02:15:00+01:00"))).as("the clock shows 02:15 again").isFalse();
    assertThat(s.transitions(at("2025-10-25T12:00:00Z"), at("2025-10-27T00:00:00Z")))
        .containsExactly(up("2025-10-25T22:00:00+02:00"), down("2025-10-26T02:30:00+02:00"));
  }

  @Test
  void newYorkOfficeHoursAcrossBothChanges() {
    Schedule office = schedule("America/New_York", "Mon-Fri 07:30-20:30").build();

    // spring forward on Sunday 2025-03-09, fall back on Sunday 2025-11-02
    assertThat(office.nextTransition(at("2025-03-07T20:30:00-05:00"))).contains(at("2025-03-10T07:30:00-04:00"));
    assertThat(office.nextTransition(at("2025-10-31T20:30:00-04:00"))).contains(at("2025-11-03T07:30:00-05:00"));
  }

  @Test
  void newYorkFallBackMakesANightWindowAnHourLonger() {
    Schedule s = schedule("America/New_York", "Sat 22:00-06:00").build();

    List<Transition> night = s.transitions(at("2025-11-01T12:00:00-04:00"), at("2025-11-02T12:00:00-05:00"));

    assertThat(night).containsExactly(up("2025-11-01T22:00:00-04:00"), down("2025-11-02T06:00:00-05:00"));
    assertThat(Duration.between(night.get(0).at(), night.get(1).at())).isEqualTo(Duration.ofHours(9));
  }

  @Test
  void newYorkWindowInsideTheSpringForwardGapNeverOpensThatDay() {
    Schedule s = schedule("America/New_York", "Sun 02:00-03:00").build();

    assertThat(s.transitions(at("2025-03-08T12:00:00-05:00"), at("2025-03-10T00:00:00-04:00"))).isEmpty();
    assertThat(s.transitions(at("2025-03-15T12:00:00-04:00"), at("2025-03-17T00:00:00-04:00")))
        .containsExactly(up("2025-03-16T02:00:00-04:00"), down("2025-03-16T03:00:00-04:00"));
  }
}
