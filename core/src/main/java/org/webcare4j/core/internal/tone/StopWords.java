package org.webcare4j.core.internal.tone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The function words of Dutch and English ("de", "met", "of"; "the", "with", "or"), from the
 * Snowball stop-word lists that Lucene's analysis module ships. Read by SHOUTING: a function word
 * in capitals ("alleen MET een pasfoto") is emphasis, whatever its length.
 */
final class StopWords {
  private static final String DUTCH = "/org/apache/lucene/analysis/snowball/dutch_stop.txt";
  private static final String ENGLISH = "/org/apache/lucene/analysis/snowball/english_stop.txt";
  private static final Set<String> ALL = load();

  private StopWords() {}

  /**
   * Whether a word, in any case, is a Dutch or English function word.
   *
   * @param word the word
   * @return whether it is one
   */
  static boolean contains(String word) {
    return ALL.contains(word.toLowerCase(Locale.ROOT));
  }

  private static Set<String> load() {
    Set<String> all = new HashSet<>();
    for (String resource : new String[] {DUTCH, ENGLISH}) {
      try (InputStream in = StopWords.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing from lucene-analysis-common: " + resource);
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          // Snowball format: a word at the start of a line, "|" opens a comment
          int bar = line.indexOf('|');
          String word = (bar < 0 ? line : line.substring(0, bar)).strip();
          if (!word.isEmpty()) {
            all.add(word.split("\\s+")[0]);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Set.copyOf(all);
  }
}
