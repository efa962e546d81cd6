package dev.platformkit.schedule;

import static dev.platformkit.schedule.EvaluationFixtures.at;
import static dev.platformkit.schedule.EvaluationFixtures.down;
import static dev.platformkit.schedule.EvaluationFixtures.schedule;
import static dev.platformkit.schedule.EvaluationFixtures.up;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Holidays keep the targets down for the whole local day. */
class ScheduleHolidayTest {

  @Test
  void nothingOpensOnAHoliday() {
    Schedule office = schedule("UTC", "Mon-Fri 07:30-20:30").addHolidays(LocalDate.of(2025, 12, 25)).build();

    assertThat(office.isUp(at("2025-12-25T12:00:00Z"))).isFalse();
    assertThat(office.isUp(at("2025-12-26T12:00:00Z"))).isTrue();
    assertThat(office.nextTransition(at("2025-12-24T20:30:00Z"))).contains(at("2025-12-26T07:30:00Z"));
  }

  @Test
  void aWindowFromTheEveningBeforeClosesAtTheHolidaysMidnight() {
    Schedule nights = schedule("UTC", "Mon-Fri 22:00-06:00").addHolidays(LocalDate.of(2025, 12, 26)).build();

    assertThat(nights.isUp(at("2025-12-25T23:59:00Z"))).isTrue();
    assertThat(nights.isUp(at("2025-12-26T00:00:00Z"))).isFalse();
    assertThat(nights.transitions(at("2025-12-25T12:00:00Z"), at("2025-12-29T12:00:00Z")))
        .containsExactly(up("2025-12-25T22:00:00Z"), down("2025-12-26T00:00:00Z"));
  }

  @Test
  void aWindowStartingOnAHolidayIsSkippedIncludingItsPartAfterMidnight() {
    Schedule nights = schedule("UTC", "Mon-Fri 22:00-06:00").addHolidays(LocalDate.of(2025, 12, 26)).build();

    assertThat(nights.isUp(at("2025-12-26T22:00:00Z"))).isFalse();
    assertThat(nights.isUp(at("2025-12-27T03:00:00Z"))).isFalse();
    assertThat(nights.nextTransition(at("2025-12-26T00:00:00Z"))).contains(at("2025-12-29T22:00:00Z"));
  }

  @Test
  void aHolidayIsADayInTheScheduleTimeZone() {
    Schedule always = schedule("Europe/Berlin", "Mon-Sun 00:00-24:00").addHolidays(LocalDate.of(2025, 12, 25)).build();

    assertThat(always.transitions(at("2025-12-24T00:00:00Z"), at("2025-12-27T00:00:00Z")))
        .containsExactly(down("2025-12-25T00:00:00+01:00"), up("2025-12-26T00:00:00+01:00"));
  }
}
