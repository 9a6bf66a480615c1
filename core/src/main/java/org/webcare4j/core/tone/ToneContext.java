package org.webcare4j.core.tone;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a {@link ToneRule} sees of the text it checks: the request, the profile in force, the
 * language the text is checked as, and the text split into words and sentences.
 *
 * <p>One context serves all rules of one check, on one thread.
 */
public final class ToneContext {
  private final ToneRequest request;
  private final ToneProfile profile;
  private final Language language;
  private final Map<Object, Object> shared = new HashMap<>();
  private List<TextSpan> words;
  private List<TextSpan> sentences;

  ToneContext(ToneRequest request, ToneProfile profile, Language language) {
    this.request = request;
    this.profile = profile;
    this.language = language;
  }

  /**
   * Returns the request: the text and what is known about it.
   *
   * @return the request
   */
  public ToneRequest request() {
    return request;
  }

  /**
   * Returns the text checked.
   *
   * @return the text
   */
  public String text() {
    return request.text();
  }

  /**
   * Returns the profile in force.
   *
   * @return the profile
   */
  public ToneProfile profile() {
    return profile;
  }

  /**
   * Returns the house style for the request's channel kind.
   *
   * @return the channel's settings
   */
  public ChannelTone channelTone() {
    return profile.channel(request.kind());
  }

  /**
   * Returns the language the text is checked as: the one it is written in, or the profile's when
   * that cannot be told.
   *
   * @return the language
   */
  public Language language() {
    return language;
  }

  /**
   * Returns the language findings are worded in: the profile's.
   *
   * @return the language of messages
   */
  public Language messageLanguage() {
    return profile.language();
  }

  /**
   * Returns the words: runs of letters and digits, with inner apostrophes, hyphens and dots, and
   * a percent sign after a number.
   *
   * @return the words' spans, in order
   */
  public List<TextSpan> words() {
    if (words == null) {
      words = split(true);
    }
    return words;
  }

  /**
   * Returns the sentences: ended by {@code .}, {@code !}, {@code ?}, a line break, or an emoji
   * that a capital follows.
   *
   * @return the sentences' spans, in order, trimmed of surrounding white space
   */
  public List<TextSpan> sentences() {
    if (sentences == null) {
      sentences = split(false);
    }
    return sentences;
  }

  /**
   * Returns a value computed once per check and shared by the rules that need it, such as an
   * analysis several rules read.
   *
   * @param key identifies the value; use a constant of the rule's own
   * @param compute computes it the first time
   * @param <T> the value's type
   * @return the value
   */
  @SuppressWarnings("unchecked")
  public <T> T shared(Object key, Supplier<T> compute) {
    Object v = shared.get(key);
    if (v == null) {
      v = compute.get();
      shared.put(key, v);
    }
    return (T) v;
  }

  private List<TextSpan> split(boolean wordsWanted) {
    String t = request.text();
    List<TextSpan> out = new ArrayList<>();
    int n = t.length();
    if (wordsWanted) {
      int[] bounds = org.webcare4j.core.internal.text.Words.bounds(t);
      List<TextSpan> words = new ArrayList<>(bounds.length / 2);
      for (int i = 0; i < bounds.length; i += 2) {
        words.add(new TextSpan(bounds[i], bounds[i + 1]));
      }
      return Collections.unmodifiableList(words);
    }
    int start = 0;
    for (int i = 0; i <= n; i++) {
      boolean end = i == n;
      if (!end) {
        char c = t.charAt(i);
        if (c == '\n') {
          end = true;
        } else if (Character.isSurrogate(c) || (c >= '\u2600' && c <= '\u27bf')) {
          // an emoji ends a sentence when a capital follows it: "had je het geweten 😉 De dag"
          int after = emojiEnd(t, i);
          if (after > i) {
            int k = after;
            while (k < n && Character.isWhitespace(t.charAt(k))) {
              k++;
            }
            if (k > after && k < n && Character.isUpperCase(t.charAt(k))) {
              i = after;
              end = true;
            }
          }
        } else if ((c == '.' || c == '!' || c == '?')
            && (i + 1 == n || Character.isWhitespace(t.charAt(i + 1)))) {
          while (i + 1 < n && "!?.".indexOf(t.charAt(i + 1)) >= 0) {
            i++;
          }
          i++;
          end = true;
        }
      }
      if (end) {
        int e = Math.min(i, n);
        int s = start;
        while (s < e && Character.isWhitespace(t.charAt(s))) {
          s++;
        }
        int f = e;
        while (f > s && Character.isWhitespace(t.charAt(f - 1))) {
          f--;
        }
        if (f > s) {
          out.add(new TextSpan(s, f));
        }
        start = e;
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Where the run of emoji (with joiners and variation selectors) starting at {@code i} ends. */
  private static int emojiEnd(String t, int i) {
    int k = i;
    while (k < t.length()) {
      int cp = t.codePointAt(k);
      int type = Character.getType(cp);
      boolean emoji = type == Character.OTHER_SYMBOL || cp == 0x200d || (cp >= 0xfe00
          && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff);
      if (!emoji) {
        break;
      }
      k += Character.charCount(cp);
    }
    return k;
  }
}
