package org.webcare4j.core.channel;

import com.twitter.twittertext.TwitterTextParseResults;
import com.twitter.twittertext.TwitterTextParser;
import java.text.Normalizer;

/**
 * X's weighted length, fast where it can be and by twitter-text where it must. twitter-text's
 * {@code parseTweet} takes about 3 ms for 500 characters, nearly all of it in its emoji and URL
 * patterns. A text with no URL candidate (no {@code ://}, no dot followed by a letter) and none
 * of the characters that join code points into one emoji (zero-width joiner, variation
 * selectors, keycap, skin tones, regional indicators, tags) is counted as twitter-text counts
 * it, code point by code point: weight 1 in the configuration's light ranges, 2 elsewhere; an
 * emoji of one code point weighs 2 either way. Everything else goes to twitter-text. A property
 * test holds the two to the same answer.
 */
final class XWeightedLength {
  /** twitter-text's default configuration: scale 100, default weight 200. */
  private static final int[][] LIGHT = {{0, 4351}, {8192, 8205}, {8208, 8223}, {8242, 8247}};

  private XWeightedLength() {}

  /** The weighted length of a text, as {@code parseTweet(text).weightedLength}. */
  static int count(String text) {
    if (text.trim().isEmpty()) {
      return 0; // twitter-text gives a blank text no length
    }
    if (fast(text)) {
      int total = 0;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        total += weight(cp);
        i += Character.charCount(cp);
      }
      return total;
    }
    return TwitterTextParser.parseTweet(text).weightedLength;
  }

  /**
   * The index of the first character past a weighted limit, or -1 when the text fits; -2 when
   * only a search with twitter-text can tell.
   */
  static int firstOver(String text, int max) {
    if (text.trim().isEmpty()) {
      return -1;
    }
    if (fast(text)) {
      int total = 0;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        total += weight(cp);
        if (total > max) {
          return i;
        }
        i += Character.charCount(cp);
      }
      return -1;
    }
    if (max == TwitterTextParser.TWITTER_TEXT_DEFAULT_CONFIG.getMaxWeightedTweetLength()
        && Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
      TwitterTextParseResults r = TwitterTextParser.parseTweet(text);
      return r.weightedLength <= max ? -1 : r.validTextRange.end + 1;
    }
    return -2;
  }

  private static int weight(int cp) {
    for (int[] range : LIGHT) {
      if (cp >= range[0] && cp <= range[1]) {
        return 1;
      }
    }
    return 2;
  }

  /** Whether counting code points gives twitter-text's answer for this text. */
  static boolean fast(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp == '.' && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))) {
        return false; // a domain may start here, and a URL counts 23
      }
      if (cp == ':' && text.startsWith("//", i + 1)) {
        return false;
      }
      if (cp == 0x200D || cp == 0xFE0E || cp == 0xFE0F || cp == 0x20E3
          || (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0x1F1E6 && cp <= 0x1F1FF)
          || (cp >= 0xE0020 && cp <= 0xE007F) || (cp >= 0x1F9B0 && cp <= 0x1F9B3)) {
        return false; // joins code points into one emoji
      }
      i += Character.charCount(cp);
    }
    return Normalizer.isNormalized(text, Normalizer.Form.NFC);
  }
}
