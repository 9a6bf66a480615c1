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

  /** Makes text storable everywhere: U+0000 written as an escape, lone surrogates as U+FFFD. */
  static String storable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        out.append("\\u0000");
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static Optional<String> optionalId(Optional<String> value, String what) {
    Objects.requireNonNull(value, what);
    value.ifPresent(v -> id(v, what));
    return value;
  }
}
