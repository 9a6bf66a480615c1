package org.webcare4j.core.tone;

import java.util.Locale;

/** A language the tone rules check and write their messages in. */
public enum Language {
  /** Dutch, the default. */
  DUTCH("nl"),
  /** English. */
  ENGLISH("en");

  private final String code;

  Language(String code) {
    this.code = code;
  }

  /**
   * Returns the ISO 639-1 code.
   *
   * @return {@code nl} or {@code en}
   */
  public String code() {
    return code;
  }

  /**
   * Returns the language for an ISO 639-1 code or a name.
   *
   * @param code {@code nl}, {@code en}, {@code dutch}, {@code english}, any case
   * @return the language
   * @throws IllegalArgumentException for another language
   */
  public static Language of(String code) {
    String c = code.strip().toLowerCase(Locale.ROOT);
    for (Language l : values()) {
      if (l.code.equals(c) || l.name().toLowerCase(Locale.ROOT).equals(c)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unsupported language " + code + "; use nl or en");
  }
}
