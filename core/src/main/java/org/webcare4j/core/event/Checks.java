package org.webcare4j.core.event;

import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.internal.text.IdRules;

/** Shared validation for the event records; not part of the API. */
final class Checks {
  private Checks() {}

  static String id(String value, String what) {
    return IdRules.requireValid(value, what);
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
