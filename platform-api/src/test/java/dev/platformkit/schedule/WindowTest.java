package dev.platformkit.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WindowTest {

  @Test
  void parsesADayRangeAndTimes() {
    Window w = Window.parse("Mon-Fri 07:30-20:30");

    assertThat(w.days()).containsExactly(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);
    assertThat(w.start()).isEqualTo(LocalTime.of(7, 30));
    assertThat(w.end()).isEqualTo(LocalTime.of(20, 30));
    assertThat(w.crossesMidnight()).isFalse();
    assertThat(w.duration()).isEqualTo(Duration.ofHours(13));
  }

  @Test
  void parsesAListOfDays() {
    assertThat(Window.parse("Sat,Sun 10:00-14:00").days()).containsExactly(SATURDAY, SUNDAY);
    assertThat(Window.parse("Mon,Wed-Thu,Sat 10:00-14:00").days()).containsExactly(MONDAY, WEDNESDAY, THURSDAY, SATURDAY);
  }

  @Test
  void aDayRangeWrapsAroundTheWeek() {
    assertThat(Window.parse("Fri-Mon 08:00-18:00").days()).containsExactlyInAnyOrder(FRIDAY, SATURDAY, SUNDAY, MONDAY);
    assertThat(Window.parse("Sun-Mon 08:00-18:00").days()).containsExactlyInAnyOrder(SUNDAY, MONDAY);
    assertThat(Window.parse("Mon-Sun 08:00-18:00").days()).isEqualTo(EnumSet.allOf(DayOfWeek.class));
  }

  @Test
  void aWindowEndingBeforeItStartsCrossesMidnight() {
    Window w = Window.parse("Mon-Fri 22:00-06:00");

    assertThat(w.crossesMidnight()).isTrue();
    assertThat(w.duration()).isEqualTo(Duration.ofHours(8));
    LocalDate friday = LocalDate.of(2025, 6, 6);
    assertThat(w.opensAt(friday)).isEqualTo(LocalDateTime.of(2025, 6, 6, 22, 0));
    assertThat(w.closesAt(friday)).isEqualTo(LocalDateTime.of(2025, 6, 7, 6, 0));
  }

  @Test
  void twentyFourHundredEndsTheDay() {
    Window whole = Window.parse("Mon 00:00-24:00");
    Window evening = Window.parse("Mon 18:00-24:00");
    LocalDate monday = LocalDate.of(2025, 6, 2);

    assertThat(whole.end()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(whole.duration()).isEqualTo(Duration.ofHours(24));
    assertThat(whole.crossesMidnight()).isFalse();
    assertThat(whole.closesAt(monday)).isEqualTo(LocalDateTime.of(2025, 6, 3, 0, 0));
    assertThat(evening.crossesMidnight()).isFalse();
    assertThat(evening.duration()).isEqualTo(Duration.ofHours(6));
    // ending at 00:00 is the same as ending at 24:00
    assertThat(Window.parse("Mon 18:00-00:00")).isEqualTo(evening);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Mon-Fri 07:30-20:30",
      "Sat,Sun 10:00-14:00",
      "Mon-Fri 22:00-06:00",
      "Mon 00:00-24:00",
      "Mon-Sun 00:00-24:00",
      "Fri-Mon 08:00-18:00",
      "Sun 22:00-06:00",
      "Mon,Wed,Fri 09:00-17:00",
      "Wed,Fri-Mon 09:00-17:00",
  })
  void theCanonicalFormRoundTrips(String text) {
    Window w = Window.parse(text);

    assertThat(w.toString()).isEqualTo(text);
    assertThat(Window.parse(w.toString())).isEqualTo(w).hasSameHashCodeAs(w);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mon-fri 7:30-20:30       | Mon-Fri 07:30-20:30",
      "  Sat , Sun  10:00 - 14:00 | Sat,Sun 10:00-14:00",
      "Mon-Wed,Tue-Fri 08:00-09:00 | Mon-Fri 08:00-09:00",
      "Sat-Sun 10:00-14:00      | Sat,Sun 10:00-14:00",
      "Sun,Mon,Tue 10:00-14:00  | Sun-Tue 10:00-14:00",
      "Fri-Thu 10:00-14:00      | Mon-Sun 10:00-14:00",
      "Mon 22:00-00:00          | Mon 22:00-24:00",
  })
  void otherSpellingsReadToTheCanonicalForm(String text, String canonical) {
    assertThat(Window.parse(text)).hasToString(canonical).isEqualTo(Window.parse(canonical));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Mon-Fry 07:30-20:30  | \"Mon-Fry 07:30-20:30\": unknown day \"Fry\" (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)",
      "Monday 07:30-20:30   | \"Monday 07:30-20:30\": unknown day \"Monday\" (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)",
      "Mon- 07:30-20:30     | \"Mon- 07:30-20:30\": missing day (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)",
      "Mon,,Tue 07:30-20:30 | \"Mon,,Tue 07:30-20:30\": empty entry in the days \"Mon,,Tue\"",
      "Mon-Wed-Fri 08:00-09:00 | \"Mon-Wed-Fri 08:00-09:00\": \"Mon-Wed-Fri\" is not a day or a day range such as Mon-Fri",
      "Mon-Mon 08:00-09:00  | \"Mon-Mon 08:00-09:00\": \"Mon-Mon\" starts and ends on the same day; write Mon or a range such as Mon-Sun",
      "Mon 25:00-26:00      | \"Mon 25:00-26:00\": \"25:00\" is not a time of day (HH:MM, 00:00-24:00)",
      "Mon 08:60-09:00      | \"Mon 08:60-09:00\": \"08:60\" is not a time of day (HH:MM, 00:00-24:00)",
      "Mon 08:00-24:30      | \"Mon 08:00-24:30\": \"24:30\" is not a time of day (HH:MM, 00:00-24:00)",
      "Mon 8-17             | \"Mon 8-17\": \"8\" is not a time of day (HH:MM, 00:00-24:00)",
      "Mon 08:00-           | \"Mon 08:00-\": \"\" is not a time of day (HH:MM, 00:00-24:00)",
      "Mon 08:00            | \"Mon 08:00\": \"08:00\" is not a time range; write start and end such as 07:30-20:30",
      "Mon 08:00-09:00-10:00 | \"Mon 08:00-09:00-10:00\": \"08:00-09:00-10:00\" is not a time range; write start and end such as 07:30-20:30",
      "Mon 08:00-08:00      | \"Mon 08:00-08:00\": start and end are both 08:00; for a whole day write 00:00-24:00",
      "Mon 00:00-00:00      | \"Mon 00:00-00:00\": start and end are both 00:00; for a whole day write 00:00-24:00",
      "Mon 24:00-06:00      | \"Mon 24:00-06:00\": a window cannot start at 24:00; start at 00:00 on the next day",
      "07:30-20:30          | \"07:30-20:30\": no days before the times; start with days such as Mon-Fri or Sat,Sun",
      "Mon-Fri              | \"Mon-Fri\": no times; write days and times such as \"Mon-Fri 07:30-20:30\"",
  })
  void badWindowsAreRejectedWithAPreciseMessage(String text, String message) {
    assertThatThrownBy(() -> Window.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void anEmptyWindowIsRejected(String text) {
    assertThatThrownBy(() -> Window.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a window must not be empty; write days and times such as \"Mon-Fri 07:30-20:30\"");
  }

  @Test
  void ofBuildsTheSameWindowAsParse() {
    assertThat(Window.of(Set.of(SATURDAY, SUNDAY), LocalTime.of(10, 0), LocalTime.of(14, 0)))
        .isEqualTo(Window.parse("Sat,Sun 10:00-14:00"));
    assertThat(Window.of(Set.of(MONDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT))
        .isEqualTo(Window.parse("Mon 00:00-24:00"));
  }

  @Test
  void ofRejectsWhatTheSyntaxCannotSay() {
    assertThatThrownBy(() -> Window.of(Set.of(), LocalTime.of(8, 0), LocalTime.of(9, 0)))
        .hasMessage("a window needs at least one day");
    assertThatThrownBy(() -> Window.of(Set.of(MONDAY), LocalTime.of(8, 0, 30), LocalTime.of(9, 0)))
        .hasMessage("window times are whole minutes (HH:MM), not 08:00:30 and 09:00");
    assertThatThrownBy(() -> Window.of(Set.of(MONDAY), LocalTime.of(8, 0), LocalTime.of(8, 0)))
        .hasMessage("a window cannot start and end at 08:00");
  }

  @Test
  void theDaysCannotBeChanged() {
    Window w = Window.parse("Mon 08:00-09:00");

    assertThatThrownBy(() -> w.days().add(TUESDAY)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void javaSerializationKeepsTheWindow() throws Exception {
    Window w = Window.parse("Fri-Mon 22:00-06:00");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(w);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(w);
    }
  }

  @Test
  void jacksonWritesAndReadsTheString() throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    assertThat(json.writeValueAsString(Window.parse("Mon-Fri 22:00-06:00"))).isEqualTo("\"Mon-Fri 22:00-06:00\"");
    assertThat(json.readValue("\"Sat,Sun 10:00-14:00\"", Window.class)).isEqualTo(Window.parse("Sat,Sun 10:00-14:00"));
    assertThatThrownBy(() -> json.readValue("\"Mon-Fry 07:30-20:30\"", Window.class))
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .hasRootCauseMessage("\"Mon-Fry 07:30-20:30\": unknown day \"Fry\" (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
  }
}
