package org.webcare4j.core.internal.tone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.webcare4j.core.tone.Language;

/** The word lists of the built-in rules, per language, compiled once. */
public final class Lexicon {
  private static final Map<Language, Lexicon> LOADED = new EnumMap<>(Language.class);

  static {
    for (Language l : Language.values()) {
      LOADED.put(l, new Lexicon(read("lexicon-" + l.code() + ".txt"), WordForms.of(l)));
    }
  }

  private final Map<String, PhraseMatcher> sections = new HashMap<>();
  private final Map<String, List<String>> raw;

  private Lexicon(Map<String, List<String>> raw, java.util.function.UnaryOperator<String> forms) {
    this.raw = raw;
    // Every section matches word forms: "beloofd" for "beloof", "idioten" for "idioot".
    raw.forEach((name, phrases) -> sections.put(name, PhraseMatcher.of(phrases, forms)));
  }

  /**
   * Returns a language's lexicon.
   *
   * @param language the language
   * @return the lexicon
   */
  public static Lexicon of(Language language) {
    return LOADED.get(language);
  }

  /**
   * Returns a section's matcher; an empty one for an unknown section.
   *
   * @param section the section name
   * @return the matcher
   */
  public PhraseMatcher get(String section) {
    return sections.getOrDefault(section, PhraseMatcher.of(List.of()));
  }

  /**
   * Returns a section's phrases as written.
   *
   * @param section the section name
   * @return the phrases
   */
  public List<String> phrases(String section) {
    return raw.getOrDefault(section, List.of());
  }

  private static Map<String, List<String>> read(String resource) {
    Map<String, List<String>> out = new HashMap<>();
    try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing tone lexicon " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> current = null;
      for (String line; (line = r.readLine()) != null; ) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        if (l.startsWith("[") && l.endsWith("]")) {
          current = out.computeIfAbsent(l.substring(1, l.length() - 1), k -> new ArrayList<>());
        } else if (current == null) {
          throw new IllegalStateException(resource + ": phrase outside a section: " + l);
        } else {
          current.add(l);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
