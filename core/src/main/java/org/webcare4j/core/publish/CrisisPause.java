package org.webcare4j.core.publish;

import java.time.Instant;
import java.util.Objects;

/**
 * A crisis pause in force: nothing is published until a person releases it.
 *
 * @param reason why, as the person who paused gave it
 * @param by who paused
 * @param at when
 */
public record CrisisPause(String reason, String by, Instant at) {

  public CrisisPause {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
    if (reason.isBlank() || by.isBlank()) {
      throw new IllegalArgumentException("a crisis pause names its reason and who paused");
    }
  }
}
