package org.webcare4j.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Opening hours with the Dutch public holidays. */
class OpeningHoursTest {
  private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");
  private static final OpeningHours OFFICE = OpeningHours.builder(AMS)
      .weekdays(LocalTime.of(8, 30), LocalTime.of(17, 0))
      .open(DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.of(12, 0))
      .closedOn(LocalDate.of(2027, 12, 31))
      .build();

  private static Instant at(int y, int m, int d, int h, int min) {
    return ZonedDateTime.of(y, m, d, h, min, 0, 0, AMS).toInstant();
  }

  @Test
  void knowsTheDutchPublicHolidays() {
    assertEquals(Set.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 26),
        LocalDate.of(2027, 3, 29), LocalDate.of(2027, 4, 27), LocalDate.of(2027, 5, 5),
        LocalDate.of(2027, 5, 6), LocalDate.of(2027, 5, 17), LocalDate.of(2027, 12, 25),
        LocalDate.of(2027, 12, 26)), OpeningHours.dutchPublicHolidays(2027));
    // Easter Sundays from published tables.
    for (String date : List.of("2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
        "2028-04-16", "2038-04-25", "2000-04-23")) {
      LocalDate easter = LocalDate.parse(date);
      assertEquals(easter, OpeningHours.easterSunday(easter.getYear()));
    }
    // King's Day moves to Saturday the 26th when the 27th is a Sunday (2025, 2031).
    assertTrue(OpeningHours.dutchPublicHolidays(2025).contains(LocalDate.of(2025, 4, 26)));
    assertFalse(OpeningHours.dutchPublicHolidays(2025).contains(LocalDate.of(2025, 4, 27)));
  }

  @Test
  void isOpenWithinHoursOnOrdinaryDaysOnly() {
    assertTrue(OFFICE.isOpen(at(2027, 3, 25, 9, 0)), "Thursday morning");
    assertFalse(OFFICE.isOpen(at(2027, 3, 25, 17, 0)), "closing time itself is closed");
    assertFalse(OFFICE.isOpen(at(2027, 3, 26, 9, 0)), "Good Friday");
    assertTrue(OFFICE.isOpen(at(2027, 3, 27, 11, 0)), "Saturday morning");
    assertFalse(OFFICE.isOpen(at(2027, 12, 31, 9, 0)), "the organisation's own closing day");
    assertTrue(OpeningHours.alwaysOpen().isOpen(at(2027, 12, 25, 3, 0)));
  }

  @Test
  void theNextOpeningSkipsHolidaysAndTheWeekend() {
    // Thursday evening before Easter: Friday is Good Friday, Saturday opens at 10.
    assertEquals(ZonedDateTime.of(2027, 3, 27, 10, 0, 0, 0, AMS),
        OFFICE.nextOpening(at(2027, 3, 25, 18, 0)).orElseThrow());
    // Saturday afternoon: Sunday closed, Easter Monday a holiday, Tuesday 8:30.
    assertEquals(ZonedDateTime.of(2027, 3, 30, 8, 30, 0, 0, AMS),
        OFFICE.nextOpening(at(2027, 3, 27, 13, 0)).orElseThrow());
    assertTrue(OpeningHours.builder(AMS).build().nextOpening(Instant.now()).isEmpty());
  }

  @Property(tries = 300)
  void whenClosedTheNextOpeningIsLaterAndOpen(
      @ForAll @LongRange(min = 1_700_000_000L, max = 2_100_000_000L) long epochSecond) {
    Instant t = Instant.ofEpochSecond(epochSecond);
    ZonedDateTime next = OFFICE.nextOpening(t).orElseThrow();
    assertTrue(OFFICE.isOpen(next.toInstant()), "open at " + next);
    if (OFFICE.isOpen(t)) {
      assertEquals(t, next.toInstant());
    } else {
      assertTrue(next.toInstant().isAfter(t));
      LocalDateTime local = next.toLocalDateTime();
      assertFalse(OFFICE.closedDay(local.toLocalDate()));
    }
  }
}
