package dev.platformkit.schedule;

import static dev.platformkit.schedule.EvaluationFixtures.at;
import static dev.platformkit.schedule.EvaluationFixtures.down;
import static dev.platformkit.schedule.EvaluationFixtures.schedule;
import static dev.platformkit.schedule.EvaluationFixtures.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Schedule#isUp}, {@link Schedule#nextTransition} and {@link Schedule#transitions} on plain windows. */
class ScheduleEvaluationTest {
  private static final Instant NOW = at("2025-06-02T12:00:00Z");
  private final Schedule office = schedule("Europe/Berlin", "Mon-Fri 07:30-20:30").build();

  @Test
  void upInsideTheWindowInTheScheduleTimeZone() {
    assertThat(office.isUp(at("2025-06-02T07:29:59+02:00"))).isFalse();
    assertThat(office.isUp(at("2025-06-02T07:30:00+02:00"))).isTrue();
    assertThat(office.isUp(at("2025-06-02T20:29:59+02:00"))).isTrue();
    assertThat(office.isUp(at("2025-06-02T20:30:00+02:00"))).isFalse();
    assertThat(office.isUp(at("2025-06-07T12:00:00+02:00"))).as("Saturday").isFalse();
    // 06:00 UTC is 08:00 in Berlin
    assertThat(office.isUp(Instant.parse("2025-06-02T06:00:00Z"))).isTrue();
  }

  @Test
  void nextTransitionIsStrictlyAfterTheInstantGiven() {
    assertThat(office.nextTransition(at("2025-06-02T07:00:00+02:00"))).contains(at("2025-06-02T07:30:00+02:00"));
    assertThat(office.nextTransition(at("2025-06-02T07:30:00+02:00"))).contains(at("2025-06-02T20:30:00+02:00"));
  }

  @Test
  void fridayEveningToMondayMorning() {
    assertThat(office.nextTransition(at("2025-06-06T20:30:00+02:00"))).contains(at("2025-06-09T07:30:00+02:00"));
  }

  @Test
  void aWeekHasTenTransitions() {
    List<Transition> week = office.transitions(at("2025-06-02T00:00:00+02:00"), at("2025-06-09T00:00:00+02:00"));

    List<Transition> expected = new ArrayList<>();
    for (int day = 2; day <= 6; day++) {
      expected.add(up(String.format("2025-06-%02dT07:30:00+02:00", day)));
      expected.add(down(String.format("2025-06-%02dT20:30:00+02:00", day)));
    }
    assertThat(week).isEqualTo(expected);
  }

  @Test
  void aWindowCrossingMidnightEndsOnTheNextDay() {
    Schedule nights = schedule("UTC", "Mon-Fri 22:00-06:00").build();

    assertThat(nights.isUp(at("2025-06-02T21:59:00Z"))).isFalse();
    assertThat(nights.isUp(at("2025-06-02T22:00:00Z"))).isTrue();
    assertThat(nights.isUp(at("2025-06-03T05:59:00Z"))).isTrue();
    assertThat(nights.isUp(at("2025-06-03T06:00:00Z"))).isFalse();
    assertThat(nights.isUp(at("2025-06-07T05:59:00Z"))).as("Friday night into Saturday").isTrue();
    assertThat(nights.isUp(at("2025-06-07T22:00:00Z"))).as("Saturday night").isFalse();
    assertThat(nights.isUp(at("2025-06-02T03:00:00Z"))).as("Sunday night into Monday").isFalse();
  }

  @Test
  void aSundayNightWindowWrapsIntoMonday() {
    Schedule sundayNight = schedule("UTC", "Sun 22:00-06:00").build();

    assertThat(sundayNight.isUp(at("2025-06-07T23:00:00Z"))).isFalse();
    assertThat(sundayNight.isUp(at("2025-06-09T05:59:00Z"))).isTrue();
    assertThat(sundayNight.transitions(at("2025-06-07T00:00:00Z"), at("2025-06-10T00:00:00Z")))
        .containsExactly(up("2025-06-08T22:00:00Z"), down("2025-06-09T06:00:00Z"));
  }

  @Test
  void aDayRangeWrappingTheWeekCoversFridayToMonday() {
    Schedule longWeekend = schedule("UTC", "Fri-Mon 10:00-16:00").build();

    assertThat(longWeekend.isUp(at("2025-06-02T12:00:00Z"))).as("Mon").isTrue();
    assertThat(longWeekend.isUp(at("2025-06-03T12:00:00Z"))).as("Tue").isFalse();
    assertThat(longWeekend.isUp(at("2025-06-05T12:00:00Z"))).as("Thu").isFalse();
    assertThat(longWeekend.isUp(at("2025-06-06T12:00:00Z"))).as("Fri").isTrue();
    assertThat(longWeekend.isUp(at("2025-06-08T12:00:00Z"))).as("Sun").isTrue();
  }

  @Test
  void adjacentAndOverlappingWindowsMakeOneUptime() {
    Schedule adjacent = schedule("UTC", "Mon 08:00-12:00", "Mon 12:00-18:00").build();
    Schedule overlapping = schedule("UTC", "Mon 08:00-14:00", "Mon 12:00-18:00").build();
    List<Transition> expected = List.of(up("2025-06-02T08:00:00Z"), down("2025-06-02T18:00:00Z"));

    assertThat(adjacent.transitions(at("2025-06-02T00:00:00Z"), at("2025-06-03T00:00:00Z"))).isEqualTo(expected);
    assertThat(overlapping.transitions(at("2025-06-02T00:00:00Z"), at("2025-06-03T00:00:00Z"))).isEqualTo(expected);
  }

  @Test
  void aWindowOpenAllWeekNeverChanges() {
    Schedule always = schedule("Europe/Berlin", "Mon-Sun 00:00-24:00").build();
    Instant now = at("2025-03-29T12:00:00+01:00");

    assertThat(always.isUp(now)).isTrue();
    assertThat(always.nextTransition(now)).isEmpty();
    assertThat(always.transitions(now, now.plus(Duration.ofDays(14)))).isEmpty();
  }

  @Test
  void transitionsTakeTheRangeOpenAtTheStartAndClosedAtTheEnd() {
    Instant monday0730 = at("2025-06-02T07:30:00+02:00");
    Instant monday2030 = at("2025-06-02T20:30:00+02:00");

    assertThat(office.transitions(monday0730, monday2030)).containsExactly(new Transition(monday2030, false));
    assertThat(office.transitions(monday0730, monday0730)).isEmpty();
    assertThatThrownBy(() -> office.transitions(monday2030, monday0730))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the range ends (2025-06-02T05:30:00Z) before it starts (2025-06-02T18:30:00Z)");
  }

  @Test
  void consecutiveRangesNeitherMissNorRepeatATransition() {
    Instant a = at("2025-06-01T00:00:00+02:00");
    Instant b = at("2025-06-04T07:30:00+02:00");
    Instant c = at("2025-06-10T00:00:00+02:00");

    List<Transition> joined = new ArrayList<>(office.transitions(a, b));
    joined.addAll(office.transitions(b, c));
    assertThat(joined).isEqualTo(office.transitions(a, c)).hasSize(12);
  }

  @Test
  void nextTransitionFindsAHolidayMonthsAhead() {
    Schedule s = alwaysUp().addHolidays(LocalDate.of(2026, 3, 30)).build();

    assertThat(s.nextTransition(NOW)).contains(at("2026-03-30T00:00:00Z"));
  }

  @Test
  void nextTransitionGivesUpAfterTheLookahead() {
    Instant justBeyond = NOW.plus(Schedule.TRANSITION_LOOKAHEAD).plus(Duration.ofDays(1));
    Schedule s = alwaysUp().addHolidays(LocalDate.ofInstant(justBeyond, ZoneOffset.UTC)).build();

    assertThat(s.nextTransition(NOW)).isEmpty();
  }

  @Test
  void nextTransitionIsEmptyWhileALongOverrideHidesTheWindows() {
    Schedule s = schedule("UTC", "Mon-Fri 07:30-20:30")
        .override(ScheduleOverride.down(NOW.plus(Duration.ofDays(500))))
        .build();

    assertThat(s.nextTransition(NOW)).isEmpty();
  }

  private static Schedule.Builder alwaysUp() {
    return schedule("UTC", "Mon-Sun 00:00-24:00");
  }
}
