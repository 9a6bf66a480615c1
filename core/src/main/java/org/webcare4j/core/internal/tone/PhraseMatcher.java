package org.webcare4j.core.internal.tone;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.webcare4j.core.tone.TextSpan;

/**
 * Finds any of a list of phrases in a text, case-insensitively and on whole words. In a phrase,
 * {@code *} stands for one word and {@code ...} for up to four; a phrase starting with {@code re:}
 * is a regular expression, still anchored on word boundaries. A plain phrase of punctuation,
 * such as {@code !}, matches wherever it stands.
 */
public final class PhraseMatcher {
  private static final String WORD = "[\\p{L}\\p{N}'’-]+";
  private static final String BEFORE = "(?<![\\p{L}\\p{N}])";
  private static final String AFTER = "(?![\\p{L}\\p{N}])";
  private static final PhraseMatcher NONE = new PhraseMatcher(List.of());

  private final Pattern pattern;
  private final List<String> phrases;

  private PhraseMatcher(List<String> phrases) {
    this.phrases = List.copyOf(phrases);
    if (phrases.isEmpty()) {
      pattern = null;
      return;
    }
    // Longer phrases first, so "persoonlijk vind ik" wins over "vind ik".
    List<String> sorted = new ArrayList<>(phrases);
    sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
    StringBuilder re = new StringBuilder("(?:");
    boolean first = true;
    for (String p : sorted) {
      if (!first) {
        re.append('|');
      }
      first = false;
      // Whole words: a phrase that starts or ends with a letter or digit may not continue a
      // word there; "!" or "..." may stand right after one.
      boolean regex = p.startsWith("re:");
      String plain = p.strip();
      boolean wordStart = regex || Character.isLetterOrDigit(plain.codePointAt(0));
      boolean wordEnd = regex || Character.isLetterOrDigit(plain.codePointBefore(plain.length()));
      re.append("(?:").append(wordStart ? BEFORE : "").append("(?:").append(toRegex(p))
          .append(')').append(wordEnd ? AFTER : "").append(')');
    }
    re.append(')');
    pattern = Pattern.compile(re.toString(),
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /**
   * Compiles phrases.
   *
   * @param phrases the phrases
   * @return the matcher
   */
  public static PhraseMatcher of(List<String> phrases) {
    return phrases.isEmpty() ? NONE : new PhraseMatcher(phrases);
  }

  static String toRegex(String phrase) {
    if (phrase.startsWith("re:")) {
      return phrase.substring(3);
    }
    StringBuilder re = new StringBuilder();
    String[] words = phrase.trim().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      if (i > 0) {
        re.append("\\s+");
      }
      String w = words[i];
      if (w.equals("*")) {
        re.append(WORD);
      } else if (w.equals("...")) {
        // up to four words, then the separator the next word needs
        re.append("(?:").append(WORD).append("(?:\\s+").append(WORD).append("){0,3})");
      } else {
        re.append(Pattern.quote(w));
      }
    }
    return re.toString();
  }

  /**
   * Finds every non-overlapping occurrence.
   *
   * @param text the text
   * @return the spans, in order
   */
  public List<TextSpan> find(CharSequence text) {
    if (pattern == null) {
      return List.of();
    }
    List<TextSpan> out = new ArrayList<>(2);
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(new TextSpan(m.start(), m.end()));
    }
    return out;
  }

  /**
   * Tells whether any phrase occurs.
   *
   * @param text the text
   * @return true when one does
   */
  public boolean matches(CharSequence text) {
    return pattern != null && pattern.matcher(text).find();
  }

  /**
   * Returns the phrases.
   *
   * @return the phrases as given
   */
  public List<String> phrases() {
    return phrases;
  }
}
