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
        return com.twitter.twittertext.TwitterTextParser.parseTweet(
            Objects.requireNonNull(text, "text").toString()).weightedLength;
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
