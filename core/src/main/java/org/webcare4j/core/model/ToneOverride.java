package org.webcare4j.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A named person's decision to send a reply despite blocking tone findings, recorded with the
 * message it let through.
 *
 * @param person who decided, as the host names its users
 * @param reason why, in their words
 * @param rules the ids of the blocking rules overridden
 * @param at when
 */
public record ToneOverride(String person, String reason, List<String> rules, Instant at) {

  public ToneOverride {
    Objects.requireNonNull(person, "person");
    Objects.requireNonNull(reason, "reason");
    rules = List.copyOf(rules);
    Objects.requireNonNull(at, "at");
    if (person.isBlank()) {
      throw new IllegalArgumentException("an override names the person who decided");
    }
    if (reason.isBlank()) {
      throw new IllegalArgumentException("an override gives a reason");
    }
  }
}
