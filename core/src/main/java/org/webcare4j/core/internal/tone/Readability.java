package org.webcare4j.core.internal.tone;

import org.webcare4j.core.tone.Language;

/**
 * Reading ease: Flesch-Douma for Dutch, Flesch for English, with syllable counters of our own
 * (no Java library computes Dutch scores).
 */
public final class Readability {
  private Readability() {}

  /**
   * Counts a word's syllables.
   *
   * @param word the word
   * @param language its language
   * @return at least 1
   */
  public static int syllables(String word, Language language) {
    String w = word.toLowerCase(java.util.Locale.ROOT);
    int groups = 0;
    boolean inVowels = false;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      boolean trema = "ëïöüä".indexOf(c) >= 0;
      boolean vowel = trema || "aeiouyáéíóúàèìòùâêîôû".indexOf(c) >= 0;
      if (vowel && (!inVowels || trema)) {
        groups++;
      }
      inVowels = vowel;
    }
    if (language == Language.ENGLISH && groups > 1 && w.endsWith("e") && !w.endsWith("le")
        && !w.endsWith("ee")) {
      groups--;
    }
    return Math.max(1, groups);
  }

  /**
   * Computes the reading ease of a text of known words and sentences.
   *
   * @param words the words (no numbers or links)
   * @param sentences the number of sentences
   * @param language the language
   * @return the score, higher is easier; 100 for no words
   */
  public static double readingEase(java.util.List<String> words, int sentences,
      Language language) {
    if (words.isEmpty() || sentences == 0) {
      return 100;
    }
    int syllables = 0;
    for (String w : words) {
      syllables += syllables(w, language);
    }
    double wordsPerSentence = (double) words.size() / sentences;
    double syllablesPerWord = (double) syllables / words.size();
    if (language == Language.ENGLISH) {
      return 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord;
    }
    return 206.84 - 0.77 * (100 * syllablesPerWord) - 0.93 * wordsPerSentence;
  }
}
