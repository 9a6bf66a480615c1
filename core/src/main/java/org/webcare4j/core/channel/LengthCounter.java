package org.webcare4j.core.channel;

import java.util.Objects;

/**
 * How a platform counts the length of a text against its limit. Platforms differ: most count
 * UTF-16 code units or code points, X weighs characters and counts every URL as 23.
 */
public interface LengthCounter {

  /**
   * Counts a text the platform's way.
   *
   * @param text the text
   * @return its length as the platform counts it
   */
  int count(CharSequence text);

  /**
   * Finds where a text passes a limit: the index of its first character that no longer fits.
   * The default searches with {@link #count}; a counter that can tell in one pass overrides it.
   *
   * @param text the text
   * @param max the limit, as this counter counts
   * @return the UTF-16 index of the first character past the limit, or -1 when the text fits
   */
  default int firstOver(CharSequence text, int max) {
    if (count(text) <= max) {
      return -1;
    }
    // the smallest i whose prefix text[0..i] is over the limit
    int lo = 0;
    int hi = text.length() - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (count(text.subSequence(0, mid + 1)) > max) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo > 0 && Character.isLowSurrogate(text.charAt(lo)) ? lo - 1 : lo;
  }

  /**
   * Names the counting rule for messages to people, such as "UTF-16 code units".
   *
   * @return a short description
   */
  String description();

  /**
   * Counts UTF-16 code units, as JavaScript's {@code length} does (an emoji counts 2).
   *
   * @return the counter
   */
  static LengthCounter utf16() {
    return Builtin.UTF16;
  }

  /**
   * Counts Unicode code points (an emoji counts 1, a flag 2).
   *
   * @return the counter
   */
  static LengthCounter codePoints() {
    return Builtin.CODE_POINTS;
  }

  /**
   * Counts as X does, by the official twitter-text rules: weighted characters (most CJK and
   * emoji count 2), every URL 23, after Unicode normalisation; the limit is 280.
   *
   * @return the counter
   */
  static LengthCounter xWeighted() {
    return Builtin.X_WEIGHTED;
  }

  /** The counters webcare4j core provides. */
  enum Builtin implements LengthCounter {
    /** UTF-16 code units. */
    UTF16("UTF-16 code units") {
      @Override
      public int count(CharSequence text) {
        return Objects.requireNonNull(text, "text").length();
      }
    },
    /** Unicode code points. */
    CODE_POINTS("Unicode code points") {
      @Override
      public int count(CharSequence text) {
        return (int) Objects.requireNonNull(text, "text").codePoints().count();
      }
    },
    /** X's weighted length by twitter-text. */
    X_WEIGHTED("weighted characters (X)") {
      @Override
      public int count(CharSequence text) {
        return XWeightedLength.count(Objects.requireNonNull(text, "text").toString());
      }

      @Override
      public int firstOver(CharSequence text, int max) {
        int at = XWeightedLength.firstOver(Objects.requireNonNull(text, "text").toString(), max);
        return at >= -1 ? at : super.firstOver(text, max);
      }
    };

    private final String description;

    Builtin(String description) {
      this.description = description;
    }

    @Override
    public String description() {
      return description;
    }
  }
}
