package org.webcare4j.core.internal.text;

import java.util.Arrays;

/** Splits text into words: letters and digits, with inner apostrophes, hyphens and dots. */
public final class Words {
  private Words() {}

  /**
   * Splits a text. "collega's", "e-mail", "www.gemeente.nl" and "100%" are one word each.
   *
   * @param text the text
   * @return the words' bounds, in order: start and end (exclusive) of the first word, then of
   *     the second, and so on
   */
  public static int[] bounds(String text) {
    int[] out = new int[16];
    int count = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      int end = i;
      while (i < n) {
        cp = text.codePointAt(i);
        if (Character.isLetterOrDigit(cp)) {
          i += Character.charCount(cp);
          end = i;
        } else if ((cp == '\'' || cp == '-' || cp == '\u2019' || cp == '.') && i + 1 < n
            && Character.isLetterOrDigit(text.codePointAt(i + 1))) {
          i++;
        } else if (cp == '%' && Character.isDigit(text.charAt(i - 1))) {
          i++;
          end = i;
          break;
        } else {
          break;
        }
      }
      if (count + 2 > out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      out[count++] = start;
      out[count++] = end;
    }
    return Arrays.copyOf(out, count);
  }
}
