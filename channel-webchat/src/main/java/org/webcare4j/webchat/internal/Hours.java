package org.webcare4j.webchat.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the chat endpoint asks of the opening hours, so that it needs none of the public types:
 * whether the team is in, when it next is, and the zone times are shown in.
 *
 * @param isOpen whether the chat is staffed at an instant
 * @param nextOpening when it next opens after an instant, if it ever does
 * @param zone the zone opening times are shown in
 */
public record Hours(Predicate<Instant> isOpen,
    Function<Instant, Optional<ZonedDateTime>> nextOpening, ZoneId zone) {

  /**
   * Whether the chat is staffed.
   *
   * @param at the instant
   * @return whether it is
   */
  public boolean isOpen(Instant at) {
    return isOpen.test(at);
  }

  /**
   * When the chat next opens.
   *
   * @param after the instant
   * @return the opening, if any
   */
  public Optional<ZonedDateTime> nextOpening(Instant after) {
    return nextOpening.apply(after);
  }
}
