package org.webcare4j.core.event;

import java.util.Objects;

/** Shared validation for the event records; not part of the API. */
final class Checks {
  private Checks() {}

  static String id(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }
}
