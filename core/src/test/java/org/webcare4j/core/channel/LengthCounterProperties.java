package org.webcare4j.core.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twitter.twittertext.TwitterTextParser;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * X's weighted length is twitter-text's, whether the fast count or twitter-text itself answers;
 * and every counter's {@code firstOver} names the first character past the limit.
 */
class LengthCounterProperties {
  /** Pieces replies are made of, the awkward ones among them. */
  private static final List<String> PIECES = List.of("Hoi ", "Fatima", ", ", "dank je", ". ",
      "é", "e\u0301", "ß", "ĳ", "中文", "한국", "😀", "🙂", "👍🏻", "👨‍👩‍👧", "❤️", "☀", "©", "1️⃣",
      "🇳🇱", "gemeente.nl", "https://www.gemeente.nl/afval", "www.example.com/x", "a.b", "DigiD.",
      " ^SV", "\n", "–", "—", "…", "“", "’", "\u200B", "\u200D", "‼", "™", "↔", "€ 12,50", "@sanne",
      "#woz", "x".repeat(40));

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of(PIECES).list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Property(tries = 3000)
  void xCountsAsTwitterTextDoes(@ForAll("texts") String text) {
    assertEquals(TwitterTextParser.parseTweet(text).weightedLength,
        LengthCounter.xWeighted().count(text), () -> "for " + text);
  }

  @Property(tries = 1500)
  void firstOverIsTheFirstCharacterThatNoLongerFits(@ForAll("texts") String text,
      @ForAll @IntRange(min = 1, max = 400) int max) {
    for (LengthCounter counter : List.of(LengthCounter.xWeighted(), LengthCounter.utf16(),
        LengthCounter.codePoints())) {
      int at = counter.firstOver(text, max);
      if (counter.count(text) <= max) {
        assertEquals(-1, at, counter.description());
        continue;
      }
      assertTrue(at >= 0 && at < text.length(), counter.description() + " " + at);
      assertTrue(!Character.isLowSurrogate(text.charAt(at)), "not inside a surrogate pair");
      String before = text.substring(0, at);
      int end = at + Character.charCount(text.codePointAt(at));
      assertTrue(counter.count(before) <= max, counter.description() + ": what comes before "
          + at + " fits");
      assertTrue(counter.count(text.substring(0, end)) > max || xSequence(counter, text, end),
          counter.description() + ": the character at " + at + " does not fit in " + text);
    }
  }

  /** twitter-text counts an emoji sequence as a whole, so one code point may not tip it. */
  private static boolean xSequence(LengthCounter counter, String text, int end) {
    return counter == LengthCounter.xWeighted() && end < text.length();
  }
}
