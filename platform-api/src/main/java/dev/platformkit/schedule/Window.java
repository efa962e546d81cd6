package dev.platformkit.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A weekly uptime window in local (wall-clock) time, written as days and a time range:
 *
 * <pre>
 * Mon-Fri 07:30-20:30      weekdays, daytime
 * Sat,Sun 10:00-14:00      a list of days
 * Mon-Fri 22:00-06:00      crosses midnight: Mon 22:00 to Tue 06:00, ..., Fri 22:00 to Sat 06:00
 * Fri-Mon 08:00-18:00      a day range may wrap around the week (Fri, Sat, Sun, Mon)
 * Mon-Sun 00:00-24:00      every day, all day
 * </pre>
 *
 * <p>The days are the days on which the window <em>starts</em>; a window whose end is before its start
 * ends on the following day. Days are {@code Mon Tue Wed Thu Fri Sat Sun} (any case), joined by
 * {@code ,} and {@code -}. Times are {@code HH:MM} from {@code 00:00} to {@code 24:00}; {@code 24:00}
 * only ends a window. {@link #toString()} writes the canonical form, which {@link #parse(String)} reads
 * back to an equal window; in spec documents a window is that string.
 */
public final class Window implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final String DAY_NAMES = "Mon, Tue, Wed, Thu, Fri, Sat, Sun";
  private static final Pattern TIME = Pattern.compile("([0-9]{1,2}):([0-9]{2})");

  /** The days on which the window starts (unmodifiable). */
  private final Set<DayOfWeek> days;
  /** The opening time. */
  private final LocalTime start;
  /** The closing time; midnight stands for 24:00. */
  private final LocalTime end;

  private Window(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
    this.days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    this.start = start;
    this.end = end;
  }

  /**
   * A window starting at {@code start} on each of {@code days} and ending at {@code end}, on the next
   * day when {@code end} is not after {@code start}. {@link LocalTime#MIDNIGHT} as {@code end} means
   * 24:00, so {@code of(days, MIDNIGHT, MIDNIGHT)} is a whole day. Times are whole minutes.
   *
   * @throws IllegalArgumentException when {@code days} is empty, a time is not a whole minute, or
   *     start and end are the same time (other than a whole day)
   */
  public static Window of(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
    Objects.requireNonNull(days, "days");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (days.isEmpty()) {
      throw new IllegalArgumentException("a window needs at least one day");
    }
    if (start.getSecond() != 0 || start.getNano() != 0 || end.getSecond() != 0 || end.getNano() != 0) {
      throw new IllegalArgumentException("window times are whole minutes (HH:MM), not " + start + " and " + end);
    }
    if (start.equals(end) && !end.equals(LocalTime.MIDNIGHT)) {
      throw new IllegalArgumentException("a window cannot start and end at " + hhmm(start));
    }
    return new Window(days, start, end);
  }

  /**
   * Reads a window such as {@code Mon-Fri 07:30-20:30}.
   *
   * @throws IllegalArgumentException naming the input and what is wrong with it, such as
   *     {@code "Mon-Fry 07:30-20:30": unknown day "Fry" (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)}
   */
  @JsonCreator
  public static Window parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a window must not be empty; write days and times such as \"Mon-Fri 07:30-20:30\"");
    }
    String s = text.strip();
    int firstDigit = 0;
    while (firstDigit < s.length() && !Character.isDigit(s.charAt(firstDigit))) {
      firstDigit++;
    }
    String dayPart = s.substring(0, firstDigit).replaceAll("\\s+", "");
    String timePart = s.substring(firstDigit).strip();
    if (timePart.isEmpty()) {
      throw invalid(text, "no times; write days and times such as \"Mon-Fri 07:30-20:30\"");
    }
    if (dayPart.isEmpty()) {
      throw invalid(text, "no days before the times; start with days such as Mon-Fri or Sat,Sun");
    }
    Set<DayOfWeek> days = parseDays(text, dayPart);

    String[] times = timePart.split("-", -1);
    if (times.length != 2) {
      throw invalid(text, "\"" + timePart + "\" is not a time range; write start and end such as 07:30-20:30");
    }
    String startText = times[0].strip();
    String endText = times[1].strip();
    int startMinute = parseMinuteOfDay(text, startText);
    int endMinute = parseMinuteOfDay(text, endText);
    if (startMinute == 24 * 60) {
      throw invalid(text, "a window cannot start at 24:00; start at 00:00 on the next day");
    }
    if (startMinute == endMinute) {
      throw invalid(text, "start and end are both " + startText + "; for a whole day write 00:00-24:00");
    }
    return new Window(days, minuteToTime(startMinute), minuteToTime(endMinute));
  }

  /** The days on which the window starts. */
  public Set<DayOfWeek> days() {
    return days;
  }

  /** The local time at which the window starts. */
  public LocalTime start() {
    return start;
  }

  /**
   * The local time at which the window ends: on the start day when after {@link #start()}, otherwise
   * on the next day. {@link LocalTime#MIDNIGHT} means the window runs until 24:00.
   */
  public LocalTime end() {
    return end;
  }

  /** Whether the window runs past midnight into the next day ({@code 22:00-06:00}); one ending at 24:00 does not. */
  public boolean crossesMidnight() {
    return !end.equals(LocalTime.MIDNIGHT) && end.isBefore(start);
  }

  /** The length of the window by the wall clock (a day with a DST change can make it an hour more or less). */
  public Duration duration() {
    Duration d = Duration.between(start, end);
    return d.isNegative() || d.isZero() ? d.plusDays(1) : d;
  }

  /** When the window starting on {@code date} opens, by the wall clock. */
  LocalDateTime opensAt(LocalDate date) {
    return date.atTime(start);
  }

  /** When the window starting on {@code date} closes, by the wall clock (possibly on the next day). */
  LocalDateTime closesAt(LocalDate date) {
    return end.isAfter(start) ? date.atTime(end) : date.plusDays(1).atTime(end);
  }

  /** The canonical form, such as {@code Mon-Fri 07:30-20:30}; {@link #parse(String)} reads it back. */
  @JsonValue
  @Override
  public String toString() {
    String endText = end.equals(LocalTime.MIDNIGHT) ? "24:00" : hhmm(end);
    return formatDays(days) + " " + hhmm(start) + "-" + endText;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Window w && days.equals(w.days) && start.equals(w.start) && end.equals(w.end);
  }

  @Override
  public int hashCode() {
    return Objects.hash(days, start, end);
  }

  private static Set<DayOfWeek> parseDays(String text, String dayPart) {
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String item : dayPart.split(",", -1)) {
      if (item.isEmpty()) {
        throw invalid(text, "empty entry in the days \"" + dayPart + "\"");
      }
      String[] ends = item.split("-", -1);
      if (ends.length > 2) {
        throw invalid(text, "\"" + item + "\" is not a day or a day range such as Mon-Fri");
      }
      DayOfWeek first = parseDay(text, ends[0]);
      if (ends.length == 1) {
        days.add(first);
        continue;
      }
      DayOfWeek last = parseDay(text, ends[1]);
      if (first == last) {
        throw invalid(text, "\"" + item + "\" starts and ends on the same day; write " + dayName(first) + " or a range such as Mon-Sun");
      }
      // ranges wrap around the week: Fri-Mon is Fri, Sat, Sun, Mon
      for (DayOfWeek d = first; d != last; d = d.plus(1)) {
        days.add(d);
      }
      days.add(last);
    }
    return days;
  }

  private static DayOfWeek parseDay(String text, String name) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (dayName(d).equalsIgnoreCase(name)) {
        return d;
      }
    }
    throw invalid(text, (name.isEmpty() ? "missing day" : "unknown day \"" + name + "\"") + " (use " + DAY_NAMES + ")");
  }

  private static int parseMinuteOfDay(String text, String time) {
    Matcher m = TIME.matcher(time);
    if (m.matches()) {
      int hour = Integer.parseInt(m.group(1));
      int minute = Integer.parseInt(m.group(2));
      if (minute < 60 && (hour < 24 || (hour == 24 && minute == 0))) {
        return hour * 60 + minute;
      }
    }
    throw invalid(text, "\"" + time + "\" is not a time of day (HH:MM, 00:00-24:00)");
  }

  private static LocalTime minuteToTime(int minuteOfDay) {
    // 24:00 is midnight at the end of the day; end() documents MIDNIGHT that way
    return LocalTime.of(minuteOfDay / 60 % 24, minuteOfDay % 60);
  }

  private static String formatDays(Set<DayOfWeek> days) {
    if (days.size() == 7) {
      return "Mon-Sun";
    }
    // runs of consecutive days, wrapping from Sun to Mon, in the order of their first day from Monday
    List<String> runs = new ArrayList<>();
    for (DayOfWeek first : DayOfWeek.values()) {
      if (!days.contains(first) || days.contains(first.minus(1))) {
        continue;
      }
      DayOfWeek last = first;
      int length = 1;
      while (days.contains(last.plus(1))) {
        last = last.plus(1);
        length++;
      }
      if (length == 1) {
        runs.add(dayName(first));
      } else if (length == 2) {
        runs.add(dayName(first) + "," + dayName(last));
      } else {
        runs.add(dayName(first) + "-" + dayName(last));
      }
    }
    return String.join(",", runs);
  }

  private static String dayName(DayOfWeek day) {
    String name = day.name();
    return name.charAt(0) + name.substring(1, 3).toLowerCase(Locale.ROOT);
  }

  private static String hhmm(LocalTime t) {
    return String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
  }

  private static IllegalArgumentException invalid(String text, String problem) {
    return new IllegalArgumentException("\"" + text + "\": " + problem);
  }
}
