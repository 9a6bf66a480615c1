package org.webcare4j.webchat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the webcare team answers the chat: hours per weekday in a zone, closed on Dutch public
 * holidays (unless left out) and on extra days the organisation names.
 *
 * <pre>{@code
 * OpeningHours hours = OpeningHours.builder(ZoneId.of("Europe/Amsterdam"))
 *     .weekdays(LocalTime.of(8, 30), LocalTime.of(17, 0))
 *     .closedOn(LocalDate.of(2027, 12, 31))
 *     .build();
 * }</pre>
 */
public final class OpeningHours {
  private final ZoneId zone;
  private final Map<DayOfWeek, List<LocalTime[]>> hours;
  private final boolean dutchHolidays;
  private final Set<LocalDate> closed;

  private OpeningHours(Builder b) {
    this.zone = b.zone;
    Map<DayOfWeek, List<LocalTime[]>> copy = new EnumMap<>(DayOfWeek.class);
    b.hours.forEach((d, ranges) -> copy.put(d, List.copyOf(ranges)));
    this.hours = Collections.unmodifiableMap(copy);
    this.dutchHolidays = b.dutchHolidays;
    this.closed = Set.copyOf(b.closed);
  }

  /**
   * Starts configuring hours in a zone; no hours means always closed until some are added.
   *
   * @param zone the team's zone
   * @return a builder
   */
  public static Builder builder(ZoneId zone) {
    return new Builder(zone);
  }

  /**
   * Returns hours that are always open, for tests and round-the-clock teams.
   *
   * @return the hours
   */
  public static OpeningHours alwaysOpen() {
    Builder b = builder(ZoneId.of("Europe/Amsterdam")).withoutDutchHolidays();
    for (DayOfWeek d : DayOfWeek.values()) {
      b.open(d, LocalTime.MIN, LocalTime.MAX);
    }
    return b.build();
  }

  /**
   * Returns the zone.
   *
   * @return the zone
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * Tells whether the team answers at a moment.
   *
   * @param at the moment
   * @return true within opening hours on a day that is not a closing day
   */
  public boolean isOpen(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    if (closedDay(local.toLocalDate())) {
      return false;
    }
    LocalTime t = local.toLocalTime();
    for (LocalTime[] r : hours.getOrDefault(local.getDayOfWeek(), List.of())) {
      if (!t.isBefore(r[0]) && (t.isBefore(r[1]) || r[1].equals(LocalTime.MAX))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns when the team is next open, at or after a moment.
   *
   * @param at the moment
   * @return the next opening (the moment itself when open), or empty when no hours are set
   */
  public Optional<ZonedDateTime> nextOpening(Instant at) {
    if (isOpen(at)) {
      return Optional.of(at.atZone(zone));
    }
    ZonedDateTime local = at.atZone(zone);
    for (int day = 0; day < 366; day++) {
      LocalDate date = local.toLocalDate().plusDays(day);
      if (closedDay(date)) {
        continue;
      }
      List<LocalTime[]> ranges = new ArrayList<>(hours.getOrDefault(date.getDayOfWeek(),
          List.of()));
      ranges.sort((a, b) -> a[0].compareTo(b[0]));
      for (LocalTime[] r : ranges) {
        ZonedDateTime start = date.atTime(r[0]).atZone(zone);
        if (start.toInstant().isAfter(at)) {
          return Optional.of(start);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Tells whether a date is a closing day: a Dutch public holiday (when observed) or one the
   * organisation named.
   *
   * @param date the date
   * @return true when closed all day
   */
  public boolean closedDay(LocalDate date) {
    return closed.contains(date) || (dutchHolidays && dutchPublicHolidays(date.getYear())
        .contains(date));
  }

  /**
   * Returns the Dutch public holidays of a year on which government offices close: New Year's
   * Day, Good Friday, Easter Monday, King's Day (27 April, the 26th when the 27th is a Sunday),
   * Liberation Day (5 May), Ascension Day, Whit Monday, Christmas Day and Boxing Day. Easter and
   * Whitsun Sunday fall on a Sunday anyway.
   *
   * @param year the year
   * @return the dates, in order
   */
  public static Set<LocalDate> dutchPublicHolidays(int year) {
    LocalDate easter = easterSunday(year);
    LocalDate kingsDay = LocalDate.of(year, 4, 27);
    if (kingsDay.getDayOfWeek() == DayOfWeek.SUNDAY) {
      kingsDay = kingsDay.minusDays(1);
    }
    return Collections.unmodifiableSet(new TreeSet<>(List.of(
        LocalDate.of(year, 1, 1),
        easter.minusDays(2),
        easter.plusDays(1),
        kingsDay,
        LocalDate.of(year, 5, 5),
        easter.plusDays(39),
        easter.plusDays(50),
        LocalDate.of(year, 12, 25),
        LocalDate.of(year, 12, 26))));
  }

  /** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
  static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = ((h + l - 7 * m + 114) % 31) + 1;
    return LocalDate.of(year, month, day);
  }

  @Override
  public String toString() {
    return "OpeningHours[" + zone + ", " + hours.keySet() + "]";
  }

  /** Configures {@link OpeningHours}. */
  public static final class Builder {
    private final ZoneId zone;
    private final Map<DayOfWeek, List<LocalTime[]>> hours = new EnumMap<>(DayOfWeek.class);
    private boolean dutchHolidays = true;
    private final Set<LocalDate> closed = new TreeSet<>();

    private Builder(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Opens on a weekday from one time to another; call again for a second range.
     *
     * @param day the weekday
     * @param from the opening time
     * @param to the closing time, after {@code from}
     * @return this builder
     */
    public Builder open(DayOfWeek day, LocalTime from, LocalTime to) {
      if (!to.isAfter(from)) {
        throw new IllegalArgumentException("closing time must be after opening time");
      }
      hours.computeIfAbsent(day, d -> new ArrayList<>()).add(new LocalTime[] {from, to});
      return this;
    }

    /**
     * Opens Monday to Friday from one time to another.
     *
     * @param from the opening time
     * @param to the closing time
     * @return this builder
     */
    public Builder weekdays(LocalTime from, LocalTime to) {
      for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
        open(d, from, to);
      }
      return this;
    }

    /**
     * Closes on a date besides the public holidays.
     *
     * @param date the date
     * @return this builder
     */
    public Builder closedOn(LocalDate date) {
      closed.add(Objects.requireNonNull(date, "date"));
      return this;
    }

    /**
     * Stays open on Dutch public holidays.
     *
     * @return this builder
     */
    public Builder withoutDutchHolidays() {
      this.dutchHolidays = false;
      return this;
    }

    /**
     * Builds the hours.
     *
     * @return the hours
     */
    public OpeningHours build() {
      return new OpeningHours(this);
    }
  }
}
