package org.webcare4j.core.tone;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Tells Dutch from English by their most common words. */
final class Languages {
  private static final Set<String> DUTCH = Set.of("de", "het", "een", "en", "je", "jij", "u",
      "uw", "wij", "van", "voor", "niet", "dat", "op", "met", "zijn", "ook", "bij", "naar",
      "kun", "kunt", "heb", "heeft", "hebt", "dank", "bedankt", "graag", "hoi", "hallo", "groet",
      "ik", "er", "wat", "dit", "deze", "wordt", "worden", "maar", "nog", "als", "om", "jouw",
      "ons", "onze", "vraag", "gemeente", "zou", "kan", "weet", "wel", "geen", "mijn");
  private static final Set<String> ENGLISH = Set.of("the", "a", "and", "you", "your", "of",
      "for", "not", "that", "on", "with", "are", "have", "has", "thanks", "thank", "please",
      "hello", "can", "will", "this", "be", "to", "it", "my", "our", "i'm", "it's", "we'll",
      "i'll", "don't", "would", "should", "there", "what", "question", "regards", "sorry",
      "council", "municipality", "know", "get", "was", "were", "am", "do", "does", "here");

  private Languages() {}

  /**
   * Guesses a text's language.
   *
   * @param text the text
   * @param words its words
   * @param fallback the answer when the words do not tell
   * @return the language
   */
  static Language guess(String text, List<TextSpan> words, Language fallback) {
    int nl = 0;
    int en = 0;
    for (TextSpan w : words) {
      String s = w.of(text).toLowerCase(Locale.ROOT);
      if (DUTCH.contains(s)) {
        nl++;
      }
      if (ENGLISH.contains(s)) {
        en++;
      }
    }
    if (en >= 2 && en > nl) {
      return Language.ENGLISH;
    }
    if (nl >= 2 && nl > en) {
      return Language.DUTCH;
    }
    return fallback;
  }
}
