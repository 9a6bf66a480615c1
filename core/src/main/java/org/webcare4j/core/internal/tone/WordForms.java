package org.webcare4j.core.internal.tone;

import java.util.function.UnaryOperator;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.KpStemmer;
import org.webcare4j.core.tone.Language;

/**
 * Reduces a word to a key that its inflected forms share, so a lexicon entry matches them all:
 * "beloof", "belooft", "beloofde", "beloofd" and "beloven" all become {@code belof}; "idioot" and
 * "idioten" {@code idio}; "promise", "promised" and "promising" {@code promis}.
 *
 * <p>Dutch uses the Kraaij-Pohlmann stemmer (Snowball's {@code kraaij_pohlmann}, from Lucene's
 * analysis module): of the Snowball stemmers it is the one that undoes Dutch participles
 * ("gegarandeerd", "doorgestuurd") and vowel changes in plurals ("bomen"). On top of it, doubled
 * vowels are made single and a final d or t is dropped, so "beloofd" meets "beloof" and "vindt"
 * "vind"; both sides of a match go through the same steps, so a key never needs to be a word.
 * English uses Porter2 (Snowball's {@code english}). Words under four letters, and anything with
 * a digit or punctuation in it, are their own key, and so is a word whose key would be shorter than
 * that: short words are where stems collide.
 */
public final class WordForms {
  private static final ThreadLocal<SnowballStemmer> DUTCH = ThreadLocal.withInitial(KpStemmer::new);
  private static final ThreadLocal<SnowballStemmer> ENGLISH =
      ThreadLocal.withInitial(EnglishStemmer::new);

  // Stemming costs microseconds a word and replies repeat their words: keys are kept, bounded.
  private static final com.github.benmanes.caffeine.cache.Cache<String, String> DUTCH_SEEN =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(50_000).build();
  private static final com.github.benmanes.caffeine.cache.Cache<String, String> ENGLISH_SEEN =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(50_000).build();
  private static final UnaryOperator<String> DUTCH_KEYS =
      w -> w.length() < 4 ? w : DUTCH_SEEN.get(w, WordForms::dutch);
  private static final UnaryOperator<String> ENGLISH_KEYS =
      w -> w.length() < 4 ? w : ENGLISH_SEEN.get(w, WordForms::english);

  private WordForms() {}

  /**
   * Returns the key function of a language; the same instance on every call, so that a text's
   * keys can be computed once per check and language.
   *
   * @param language the language
   * @return a function from a lower-case word to its key
   */
  public static UnaryOperator<String> of(Language language) {
    return language == Language.DUTCH ? DUTCH_KEYS : ENGLISH_KEYS;
  }

  static String dutch(String word) {
    if (!stemmable(word)) {
      return word;
    }
    SnowballStemmer s = DUTCH.get();
    s.setCurrent(word);
    s.stem();
    String k = s.getCurrent();
    StringBuilder b = new StringBuilder(k.length());
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      if (i > 0 && c == k.charAt(i - 1) && (c == 'a' || c == 'e' || c == 'o' || c == 'u')) {
        continue;
      }
      b.append(c);
    }
    while (b.length() > 4 && (b.charAt(b.length() - 1) == 'd' || b.charAt(b.length() - 1) == 't')) {
      b.setLength(b.length() - 1);
    }
    // A key shorter than the shortest stemmed word would meet short words ("geweld" and "wel").
    return b.length() < 4 ? word : b.toString();
  }

  static String english(String word) {
    if (!stemmable(word)) {
      return word;
    }
    SnowballStemmer s = ENGLISH.get();
    s.setCurrent(word);
    s.stem();
    String k = s.getCurrent();
    return k.length() < 4 ? word : k;
  }

  private static boolean stemmable(String word) {
    if (word.length() < 4) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (!Character.isLetter(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
