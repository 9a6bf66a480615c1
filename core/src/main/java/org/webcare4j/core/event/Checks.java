package org.webcare4j.core.event;

import java.util.Objects;
import java.util.Optional;

/** Shared validation for the event records; not part of the API. */
final class Checks {
  private Checks() {}

  /** The longest platform id the stores keep, as {@code model.Ids} allows for our own ids. */
  static final int MAX_ID_LENGTH = 200;

  static String id(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(what + " must be at most " + MAX_ID_LENGTH
          + " characters");
    }
    return value;
  }

  static Optional<String> optionalId(Optional<String> value, String what) {
    Objects.requireNonNull(value, what);
    value.ifPresent(v -> id(v, what));
    return value;
  }
}
