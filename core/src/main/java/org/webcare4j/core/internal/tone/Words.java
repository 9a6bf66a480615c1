package org.webcare4j.core.internal.tone;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.webcare4j.core.tone.TextSpan;

/** Splits text into words: letters and digits, with inner apostrophes, hyphens and dots. */
public final class Words {
  private Words() {}

  /**
   * Splits a text. "collega's", "e-mail", "www.gemeente.nl" and "100%" are one word each.
   *
   * @param text the text
   * @return the words' spans, in order
   */
  public static List<TextSpan> split(String text) {
    List<TextSpan> out = new ArrayList<>();
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
      out.add(new TextSpan(start, end));
    }
    return Collections.unmodifiableList(out);
  }
}
