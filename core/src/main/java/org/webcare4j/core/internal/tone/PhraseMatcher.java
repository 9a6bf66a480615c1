package org.webcare4j.core.internal.tone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.webcare4j.core.tone.TextSpan;
import org.webcare4j.core.tone.ToneContext;

/**
 * Finds any of a list of phrases in a text, case-insensitively and on whole words. In a phrase,
 * {@code *} stands for one word, {@code #} for one number and {@code ...} for up to four words;
 * a word written {@code =word} matches only as written where the matcher matches word forms; a
 * phrase starting with {@code re:} is a regular expression, anchored on word boundaries. A phrase of punctuation, such as
 * {@code !}, matches wherever it stands.
 *
 * <p>Plain phrases are matched word by word through a trie, so the cost grows with the text, not
 * with the number of phrases; only regular expressions go through {@link Pattern}.
 */
public final class PhraseMatcher {
  private static final String BEFORE = "(?<![\\p{L}\\p{N}])";
  private static final String AFTER = "(?![\\p{L}\\p{N}])";
  private static final Pattern PLAIN_WORD =
      Pattern.compile("[\\p{L}\\p{N}]+(?:['’.\\-][\\p{L}\\p{N}]+)*%?");
  private static final PhraseMatcher NONE = new PhraseMatcher(List.of(), null);

  /** A text split into words once, shared by every matcher that reads it. */
  public static final class Tokens {
    private static final Object KEY = new Object();
    final String text;
    final List<TextSpan> spans;
    final String[] lower;
    /** Whether only spaces stand between word i - 1 and word i: a phrase may run on there. */
    final boolean[] joined;
    private java.util.function.UnaryOperator<String> keyedBy;
    private String[] keys;
    private java.util.function.UnaryOperator<String> keyedBy2;
    private String[] keys2;

    private Tokens(String text, List<TextSpan> spans) {
      this.text = text;
      this.spans = spans;
      this.lower = new String[spans.size()];
      this.joined = new boolean[spans.size()];
      for (int i = 0; i < lower.length; i++) {
        lower[i] = spans.get(i).of(text).toLowerCase(Locale.ROOT);
        if (i > 0) {
          boolean spaces = true;
          for (int k = spans.get(i - 1).end(); k < spans.get(i).start(); k++) {
            char c = text.charAt(k);
            if (c != ' ' && c != '\t' && c != '\u00a0') {
              spaces = false;
              break;
            }
          }
          joined[i] = spaces;
        }
      }
    }

    /** The words' keys under a key function, computed once per function (two are kept). */
    synchronized String[] keys(java.util.function.UnaryOperator<String> forms) {
      if (forms == keyedBy) {
        return keys;
      }
      if (forms == keyedBy2) {
        return keys2;
      }
      String[] k = new String[lower.length];
      for (int i = 0; i < k.length; i++) {
        k[i] = forms.apply(lower[i]);
      }
      keyedBy2 = keyedBy;
      keys2 = keys;
      keyedBy = forms;
      keys = k;
      return k;
    }

    /**
     * Returns the tokens of a check's text, computed once per check.
     *
     * @param ctx the check
     * @return the tokens
     */
    public static Tokens of(ToneContext ctx) {
      return ctx.shared(KEY, () -> new Tokens(ctx.text(), ctx.words()));
    }

    /**
     * Splits a text the way {@link ToneContext#words()} does.
     *
     * @param text the text
     * @return the tokens
     */
    public static Tokens of(String text) {
      int[] bounds = org.webcare4j.core.internal.text.Words.bounds(text);
      List<TextSpan> words = new ArrayList<>(bounds.length / 2);
      for (int i = 0; i < bounds.length; i += 2) {
        words.add(new TextSpan(bounds[i], bounds[i + 1]));
      }
      return new Tokens(text, words);
    }
  }

  /** A trie node over lower-case words. */
  private static final class Node {
    final Map<String, Node> next = new HashMap<>(4);
    /** Words written {@code =word}: matched as written, not by their forms. */
    Map<String, Node> exact;
    Node anyWord;
    Node anyNumber;
    Node upToFour;
    boolean terminal;
  }

  private final List<String> phrases;
  private final Node root = new Node();
  private final Pattern pattern;
  private final java.util.function.UnaryOperator<String> forms;

  private PhraseMatcher(List<String> phrases, java.util.function.UnaryOperator<String> forms) {
    this.phrases = List.copyOf(phrases);
    this.forms = forms;
    List<String> regexes = new ArrayList<>();
    for (String p : phrases) {
      List<String> expanded = p.startsWith("re:") ? expand(p.substring(3)) : List.of(p);
      if (expanded != null && expanded.stream().allMatch(PhraseMatcher::plain)) {
        expanded.forEach(this::add);
      } else {
        regexes.add(p);
      }
    }
    if (regexes.isEmpty()) {
      pattern = null;
    } else {
      regexes.sort(Comparator.comparingInt(String::length).reversed());
      StringBuilder re = new StringBuilder("(?:");
      boolean first = true;
      for (String p : regexes) {
        if (!first) {
          re.append('|');
        }
        first = false;
        boolean regex = p.startsWith("re:");
        String body = regex ? p.substring(3) : Pattern.quote(p.strip());
        String s = p.strip();
        boolean wordStart = regex || Character.isLetterOrDigit(s.codePointAt(0));
        boolean wordEnd = regex || Character.isLetterOrDigit(s.codePointBefore(s.length()));
        re.append("(?:").append(wordStart ? BEFORE : "").append("(?:").append(body)
            .append(')').append(wordEnd ? AFTER : "").append(')');
      }
      re.append(')');
      pattern = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
  }

  /**
   * Expands a regular expression made only of words, groups of alternatives and optional groups
   * into the phrases it matches, so the trie can take them: {@code (een|per) (brief|mail)}
   * becomes four phrases; {@code \\d+} becomes the number wildcard {@code #}, {@code \\S+} the
   * word wildcard {@code *}, and {@code ...} stays the phrase wildcard. Returns null for anything else (classes, repetition) or when it
   * would give more than 1,000 phrases.
   */
  static List<String> expand(String regex) {
    int[] at = {0};
    List<String> out = sequence(regex, at);
    if (out == null || at[0] != regex.length() || out.size() > 1000) {
      return null;
    }
    List<String> clean = new ArrayList<>(out.size());
    for (String o : out) {
      String c = o.strip().replaceAll("\\s+", " ");
      if (!c.isEmpty()) {
        clean.add(c);
      }
    }
    return clean;
  }

  /** Alternatives separated by | up to a closing parenthesis or the end. */
  private static List<String> alternatives(String re, int[] at) {
    List<String> all = new ArrayList<>();
    while (true) {
      List<String> seq = sequence(re, at);
      if (seq == null) {
        return null;
      }
      all.addAll(seq);
      if (at[0] < re.length() && re.charAt(at[0]) == '|') {
        at[0]++;
        continue;
      }
      return all;
    }
  }

  private static List<String> sequence(String re, int[] at) {
    List<String> acc = new ArrayList<>(List.of(""));
    while (at[0] < re.length()) {
      char c = re.charAt(at[0]);
      if (c == '|' || c == ')') {
        return acc;
      }
      List<String> part;
      if (c == '(') {
        at[0]++;
        part = alternatives(re, at);
        if (part == null || at[0] >= re.length() || re.charAt(at[0]) != ')') {
          return null;
        }
        at[0]++;
        if (at[0] < re.length() && re.charAt(at[0]) == '?') {
          at[0]++;
          part = new ArrayList<>(part);
          part.add("");
        }
      } else if (re.startsWith("...", at[0])) {
        part = List.of("..."); // the phrase wildcard: up to four words
        at[0] += 3;
      } else if (re.startsWith("\\d+", at[0]) || re.startsWith("\\S+", at[0])) {
        part = List.of(re.charAt(at[0] + 1) == 'd' ? "#" : "*");
        at[0] += 3;
      } else if (re.startsWith("\\d{1,2}", at[0]) || re.startsWith("\\d{1,5}", at[0])) {
        part = List.of("#");
        at[0] += 7;
      } else if (Character.isLetterOrDigit(c) || c == ' ' || c == '\'' || c == '’'
          || c == '-') {
        part = List.of(String.valueOf(c));
        at[0]++;
      } else {
        return null;
      }
      List<String> next = new ArrayList<>(acc.size() * part.size());
      for (String a : acc) {
        for (String b : part) {
          next.add(a + b);
        }
      }
      if (next.size() > 1000) {
        return null;
      }
      acc = next;
    }
    return acc;
  }

  private static boolean plain(String phrase) {
    for (String w : phrase.strip().split("\\s+")) {
      String word = w.startsWith("=") ? w.substring(1) : w;
      if (!w.equals("*") && !w.equals("#") && !w.equals("...")
          && !PLAIN_WORD.matcher(word).matches()) {
        return false;
      }
    }
    return true;
  }

  private void add(String phrase) {
    Node n = root;
    for (String w : phrase.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
      if (w.equals("*")) {
        n = n.anyWord == null ? (n.anyWord = new Node()) : n.anyWord;
      } else if (w.equals("#")) {
        n = n.anyNumber == null ? (n.anyNumber = new Node()) : n.anyNumber;
      } else if (w.equals("...")) {
        n = n.upToFour == null ? (n.upToFour = new Node()) : n.upToFour;
      } else if (w.startsWith("=") && w.length() > 1) {
        if (n.exact == null) {
          n.exact = new HashMap<>(4);
        }
        n = n.exact.computeIfAbsent(w.substring(1), k -> new Node());
      } else {
        n = n.next.computeIfAbsent(forms == null ? w : forms.apply(w), k -> new Node());
      }
    }
    n.terminal = true;
  }

  /**
   * Compiles phrases.
   *
   * @param phrases the phrases
   * @return the matcher
   */
  public static PhraseMatcher of(List<String> phrases) {
    return phrases.isEmpty() ? NONE : new PhraseMatcher(phrases, null);
  }

  /**
   * Compiles phrases whose plain words match every form that shares their key (see {@link
   * WordForms}); regular expressions still match the text as written.
   *
   * @param phrases the phrases
   * @param forms the key function, the same instance for every matcher of a language
   * @return the matcher
   */
  public static PhraseMatcher of(List<String> phrases,
      java.util.function.UnaryOperator<String> forms) {
    return phrases.isEmpty() ? NONE : new PhraseMatcher(phrases, forms);
  }

  /**
   * The end (exclusive word index) of the longest match from word {@code i}, or -1. A phrase
   * runs on only over spaces: "vraag. Het" is not the phrase "vraag het".
   */
  private static int longest(Node n, Tokens t, String[] words, int i, boolean first) {
    int best = n.terminal ? i : -1;
    if (i < words.length && (first || t.joined[i])) {
      Node next = n.next.get(words[i]);
      if (next != null) {
        best = Math.max(best, longest(next, t, words, i + 1, false));
      }
      if (n.exact != null) {
        Node as = n.exact.get(t.lower[i]);
        if (as != null) {
          best = Math.max(best, longest(as, t, words, i + 1, false));
        }
      }
      if (n.anyWord != null) {
        best = Math.max(best, longest(n.anyWord, t, words, i + 1, false));
      }
      if (n.anyNumber != null && isNumber(words[i])) {
        best = Math.max(best, longest(n.anyNumber, t, words, i + 1, false));
      }
      if (n.upToFour != null) {
        for (int k = 1; k <= 4 && i + k <= words.length; k++) {
          if (k > 1 && !t.joined[i + k - 1]) {
            break;
          }
          best = Math.max(best, longest(n.upToFour, t, words, i + k, false));
        }
      }
    }
    return best;
  }

  /** Digits, or a time or amount written with a separator: "7", "10.00", "9:30", "12,50". */
  private static boolean isNumber(String w) {
    if (w.isEmpty() || !Character.isDigit(w.charAt(0)) || !Character.isDigit(w.charAt(w.length() - 1))) {
      return false;
    }
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (!Character.isDigit(c) && c != '.' && c != ':' && c != ',') {
        return false;
      }
    }
    return true;
  }

  /**
   * Finds every non-overlapping occurrence.
   *
   * @param text the text
   * @return the spans, in order
   */
  public List<TextSpan> find(CharSequence text) {
    return find(Tokens.of(text.toString()));
  }

  /**
   * Finds every non-overlapping occurrence in an already split text.
   *
   * @param tokens the text's words
   * @return the spans, in order
   */
  public List<TextSpan> find(Tokens tokens) {
    List<TextSpan> out = new ArrayList<>(2);
    String[] words = forms == null ? tokens.lower : tokens.keys(forms);
    if (!root.next.isEmpty() || root.anyWord != null || root.upToFour != null) {
      int i = 0;
      while (i < words.length) {
        int end = longest(root, tokens, words, i, true);
        if (end > i) {
          out.add(new TextSpan(tokens.spans.get(i).start(), tokens.spans.get(end - 1).end()));
          i = end;
        } else {
          i++;
        }
      }
    }
    if (pattern != null) {
      Matcher m = pattern.matcher(tokens.text);
      while (m.find()) {
        if (m.end() > m.start()) {
          out.add(new TextSpan(m.start(), m.end()));
        }
      }
      if (!out.isEmpty()) {
        out.sort(Comparator.comparingInt(TextSpan::start));
        List<TextSpan> merged = new ArrayList<>(out.size());
        for (TextSpan s : out) {
          if (merged.isEmpty() || !merged.get(merged.size() - 1).overlaps(s)) {
            merged.add(s);
          }
        }
        return merged;
      }
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
    return !find(text).isEmpty();
  }

  /**
   * Tells whether any phrase occurs in an already split text.
   *
   * @param tokens the text's words
   * @return true when one does
   */
  public boolean matches(Tokens tokens) {
    return !find(tokens).isEmpty();
  }

  /**
   * Tells whether some phrase needs a regular expression scan, which costs far more than the
   * word trie.
   *
   * @return true when one does
   */
  public boolean usesRegex() {
    return pattern != null;
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
