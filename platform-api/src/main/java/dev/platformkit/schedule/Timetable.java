package dev.platformkit.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a schedule's targets are up, on the time line. Every window occurrence becomes an interval of
 * instants; the targets are up inside any interval, unless an override is in force.
 *
 * <p>Local times map to instants as "the first instant at which the wall clock shows that time or a
 * later one": a window opening at 02:30 on a spring-forward day opens at the jump (03:00 by the clock),
 * and on a fall-back day it opens the first time the clock shows 02:30 and does not close and reopen
 * when the clock repeats the hour.
 *
 * <p>Holidays: no window opens on a holiday, and a window that opened the day before closes at the
 * holiday's midnight. So the targets are down for the whole local day.
 */
final class Timetable {
  private static final Duration SEARCH_STEP = Duration.ofDays(7);

  private final ZoneId zone;
  private final List<Window> windows;
  private final Set<LocalDate> holidays;
  private final ScheduleOverride override;

  Timetable(ZoneId zone, List<Window> windows, Set<LocalDate> holidays, Optional<ScheduleOverride> override) {
    this.zone = zone;
    this.windows = windows;
    this.holidays = holidays;
    this.override = override.orElse(null);
  }

  boolean isUp(Instant at) {
    if (override != null && override.isActiveAt(at)) {
      return override.mode() == OverrideMode.UP;
    }
    return inWindow(at);
  }

  Optional<Instant> nextTransition(Instant after, Duration lookahead) {
    Instant limit = after.plus(lookahead);
    boolean up = isUp(after);
    // in steps, so that the common case (a transition within days) computes only a few days
    for (Instant from = after; from.isBefore(limit); ) {
      Instant to = min(from.plus(SEARCH_STEP), limit);
      for (Instant candidate : candidates(from, to)) {
        if (isUp(candidate) != up) {
          return Optional.of(candidate);
        }
      }
      from = to;
    }
    return Optional.empty();
  }

  List<Transition> transitions(Instant from, Instant to) {
    List<Transition> found = new ArrayList<>();
    boolean up = isUp(from);
    for (Instant candidate : candidates(from, to)) {
      boolean now = isUp(candidate);
      if (now != up) {
        found.add(new Transition(candidate, now));
        up = now;
      }
    }
    return found;
  }

  private boolean inWindow(Instant at) {
    // an occurrence covers at most its start day and the next one; one day more on either side keeps
    // instants right where a clock change moves local midnight
    LocalDate day = LocalDate.ofInstant(at, zone);
    for (LocalDate d = day.minusDays(2); !d.isAfter(day.plusDays(1)); d = d.plusDays(1)) {
      for (Window w : windows) {
        Interval i = occurrence(w, d);
        if (i != null && !at.isBefore(i.start()) && at.isBefore(i.end())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Instants in (from, to] where the state may change: the ends of occurrences and of the override. */
  private NavigableSet<Instant> candidates(Instant from, Instant to) {
    TreeSet<Instant> all = new TreeSet<>();
    LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
    for (LocalDate d = LocalDate.ofInstant(from, zone).minusDays(2); !d.isAfter(last); d = d.plusDays(1)) {
      for (Window w : windows) {
        Interval i = occurrence(w, d);
        if (i != null) {
          all.add(i.start());
          all.add(i.end());
        }
      }
    }
    if (override != null) {
      override.start().ifPresent(all::add);
      all.add(override.until());
    }
    return all.subSet(from, false, to, true);
  }

  /** The interval of the window starting on {@code date}, or null when it does not start that day. */
  private Interval occurrence(Window w, LocalDate date) {
    if (!w.days().contains(date.getDayOfWeek()) || holidays.contains(date)) {
      return null;
    }
    LocalDateTime closes = w.closesAt(date);
    LocalDate nextDay = date.plusDays(1);
    if (closes.toLocalDate().equals(nextDay) && holidays.contains(nextDay)) {
      closes = nextDay.atStartOfDay();
    }
    return new Interval(firstInstantShowing(w.opensAt(date)), firstInstantShowing(closes));
  }

  /** The first instant at which the wall clock shows {@code local} or a later time. */
  private Instant firstInstantShowing(LocalDateTime local) {
    ZoneOffsetTransition t = zone.getRules().getTransition(local);
    if (t != null && t.isGap()) {
      return t.getInstant();
    }
    // in an overlap, atZone takes the earlier offset: the first of the two instants
    return local.atZone(zone).toInstant();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private record Interval(Instant start, Instant end) {}
}
