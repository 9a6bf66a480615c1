package org.webcare4j.core.internal.text;

import java.util.Objects;

/**
 * The one rule for every id the stores keep, ours and the platforms': not blank, at most {@value
 * #MAX_LENGTH} characters, no control characters or lone surrogates. Not part of the API; depends
 * on nothing, so the model and the event records can both use it.
 */
public final class IdRules {
  /** The longest id the stores keep. */
  public static final int MAX_LENGTH = 200;

  private IdRules() {}

  /**
   * Returns the value when it is a valid id.
   *
   * @param value the id
   * @param what its name, for the message
   * @return the value
   * @throws IllegalArgumentException when it breaks the rule
   */
  public static String requireValid(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " must be at most " + MAX_LENGTH + " characters");
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
