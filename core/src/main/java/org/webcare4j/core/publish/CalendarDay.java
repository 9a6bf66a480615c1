package org.webcare4j.core.publish;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.PublicationState;

/**
 * One day of the planner's calendar.
 *
 * @param date the day, in the calendar's zone
 * @param entries what is scheduled that day, by time
 */
public record CalendarDay(LocalDate date, List<CalendarEntry> entries) {

  public CalendarDay {
    Objects.requireNonNull(date, "date");
    entries = List.copyOf(entries);
  }

  /**
   * Counts the day's entries per channel.
   *
   * @return the count per channel, in the order the channels first appear
   */
  public Map<ChannelId, Long> perChannel() {
    return entries.stream().collect(Collectors.groupingBy(CalendarEntry::channel,
        java.util.LinkedHashMap::new, Collectors.counting()));
  }

  /**
   * Counts the day's entries per state.
   *
   * @return the count per publication state
   */
  public Map<PublicationState, Long> perState() {
    return entries.stream().collect(Collectors.groupingBy(CalendarEntry::state, TreeMap::new,
        Collectors.counting()));
  }
}
