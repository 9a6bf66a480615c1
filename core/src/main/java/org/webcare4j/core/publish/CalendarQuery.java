package org.webcare4j.core.publish;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.PublicationState;

/**
 * Which publications a calendar shows.
 *
 * @param from the first day, inclusive
 * @param to the last day, inclusive
 * @param channels only these channels; empty for all
 * @param states only these states; empty for all
 */
public record CalendarQuery(
    LocalDate from, LocalDate to, Set<ChannelId> channels, Set<PublicationState> states) {

  /** The longest range one query covers. */
  public static final int MAX_DAYS = 366;

  public CalendarQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the range ends before it starts");
    }
    if (from.plusDays(MAX_DAYS).isBefore(to)) {
      throw new IllegalArgumentException("a calendar covers at most " + MAX_DAYS + " days");
    }
    channels = Set.copyOf(channels);
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
  }

  /**
   * Returns a query for a range of days, all channels and states.
   *
   * @param from the first day
   * @param to the last day, inclusive
   * @return the query
   */
  public static CalendarQuery between(LocalDate from, LocalDate to) {
    return new CalendarQuery(from, to, Set.of(), Set.of());
  }

  /**
   * Returns a copy limited to some channels.
   *
   * @param ids the channels
   * @return the copy
   */
  public CalendarQuery channels(ChannelId... ids) {
    Set<ChannelId> all = new LinkedHashSet<>(channels);
    all.addAll(Set.of(ids));
    return new CalendarQuery(from, to, all, states);
  }

  /**
   * Returns a copy limited to some states.
   *
   * @param wanted the states
   * @return the copy
   */
  public CalendarQuery states(PublicationState... wanted) {
    Set<PublicationState> all = EnumSet.noneOf(PublicationState.class);
    all.addAll(states);
    all.addAll(Set.of(wanted));
    return new CalendarQuery(from, to, channels, all);
  }
}
