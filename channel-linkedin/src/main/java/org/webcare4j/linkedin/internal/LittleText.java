package org.webcare4j.linkedin.internal;

/**
 * LinkedIn's "little" text format for post commentary: the characters {@code \ | { } @ [ ] ( ) <
 * > # * _ ~} start mentions, hashtags and templates, so as plain text they are escaped with a
 * backslash. Unescaped, LinkedIn reads them as markup and may cut the post at the first one.
 */
public final class LittleText {
  /** The reserved characters. */
  public static final String RESERVED = "\\|{}@[]()<>#*_~";

  private LittleText() {}

  /**
   * Escapes text so that it publishes as written.
   *
   * @param text plain text
   * @return the commentary
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (RESERVED.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Reads escaped commentary back into plain text.
   *
   * @param commentary the commentary
   * @return the plain text
   */
  public static String unescape(String commentary) {
    StringBuilder out = new StringBuilder(commentary.length());
    for (int i = 0; i < commentary.length(); i++) {
      char c = commentary.charAt(i);
      if (c == '\\' && i + 1 < commentary.length()
          && RESERVED.indexOf(commentary.charAt(i + 1)) >= 0) {
        out.append(commentary.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
