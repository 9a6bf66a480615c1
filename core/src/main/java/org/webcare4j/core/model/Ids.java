package org.webcare4j.core.model;

import java.util.Objects;

/** Shared validation for the id value types; not part of the API. */
final class Ids {
  private Ids() {}

  static String requireValid(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (value.length() > 200) {
      throw new IllegalArgumentException(what + " must be at most 200 characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || (Character.isHighSurrogate(c) && (i + 1 == value.length()
          || !Character.isLowSurrogate(value.charAt(++i)))) || Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException(what + " holds a control character or a lone"
            + " surrogate");
      }
    }
    return value;
  }
}
