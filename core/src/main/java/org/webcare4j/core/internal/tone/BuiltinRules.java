package org.webcare4j.core.internal.tone;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.internal.text.Messages;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.tone.AddressForm;
import org.webcare4j.core.tone.Findings;
import org.webcare4j.core.tone.Language;
import org.webcare4j.core.tone.RecentReply;
import org.webcare4j.core.tone.Severity;
import org.webcare4j.core.tone.TextSpan;
import org.webcare4j.core.tone.ToneContext;
import org.webcare4j.core.tone.ToneRule;

/** The checks of the webcare rulebook (TONE-RULES.md), outbound and inbound. */
public final class BuiltinRules {
  private static final List<ToneRule> ALL = List.of(
      new PhraseRule("PERSONAL_OPINION", Severity.BLOCK, "opinion", "opinion-not", true),
      new Uncertain(),
      new PhraseRule("PROMISE", Severity.WARN, "promise", "promise-not", true),
      new PhraseRule("NEGATIVE_STATEMENT", Severity.WARN, "negative", null, false),
      new PrivacyInPublic(),
      new AddressFormRule(),
      new FirstPerson(),
      new SignOff(),
      new TripleA(),
      new ForwardWithoutExpectation(),
      new BareReferral(),
      new CannedAnswer(),
      new Length(),
      new Shouting(),
      new Readability(),
      new Abusive(),
      new PrivacySharedPublicly(),
      new NeedsAttention());

  /** Links: with a scheme, with www, or a bare domain (checked for a known ending in code). */
  private static final Pattern URL = Pattern.compile(
      "(?i)(?<![\\p{L}\\p{N}@.])(?:https?://\\S++|www\\.\\S++"
          + "|[a-z0-9-]++(?:\\.[a-z0-9-]++)++(?:/\\S*+)?)");
  private static final Set<String> DOMAIN_ENDINGS = Set.of("nl", "com", "org", "eu", "net",
      "info", "be", "de", "nu", "app", "io", "gov");

  private BuiltinRules() {}

  /**
   * Returns every built-in rule.
   *
   * @return the rules
   */
  public static List<ToneRule> all() {
    return ALL;
  }

  /** What several rules read of one text, computed once per check. */
  static final class Analysis {
    private static final Object KEY = new Object();
    final Lexicon lexicon;
    final List<TextSpan> urls = new ArrayList<>();
    /** Sentences carrying content: not a bare greeting or thanks, not the sign-off. */
    final List<TextSpan> contentSentences = new ArrayList<>();
    /** Words of the content sentences that are not part of a link. */
    final List<TextSpan> contentWords = new ArrayList<>();
    /** Where the sign-off starts, or the text's trimmed length when none was recognised. */
    final int signOffStart;

    private Analysis(ToneContext ctx) {
      String text = ctx.text();
      lexicon = Lexicon.of(ctx.language());
      Matcher m = URL.matcher(text);
      while (m.find()) {
        String found = m.group().toLowerCase(Locale.ROOT);
        if (!found.startsWith("http") && !found.startsWith("www.")) {
          String host = found.replaceAll("/.*", "").replaceAll("[.,!?)]+$", "");
          String ending = host.substring(host.lastIndexOf('.') + 1);
          if (!DOMAIN_ENDINGS.contains(ending)) {
            continue; // "3.5" or "a.u.b." is no link
          }
        }
        int end = m.end();
        while (end > m.start() && ".,!?)".indexOf(text.charAt(end - 1)) >= 0) {
          end--;
        }
        urls.add(new TextSpan(m.start(), end));
      }
      signOffStart = SignOff.recognise(ctx).map(TextSpan::start).orElse(trimmedEnd(text));
      List<TextSpan> attentionAt = find(ctx, "attention");
      List<TextSpan> actionAt = find(ctx, "action");
      for (TextSpan s : ctx.sentences()) {
        if (s.start() >= signOffStart) {
          continue;
        }
        List<TextSpan> words = wordsIn(ctx, s);
        boolean greeting = words.size() <= 8
            && attentionAt.stream().anyMatch(x -> x.start() >= s.start() && x.end() <= s.end())
            && actionAt.stream().noneMatch(x -> x.overlaps(s));
        if (greeting) {
          continue;
        }
        contentSentences.add(s);
        for (TextSpan w : words) {
          if (w.start() < signOffStart && urls.stream().noneMatch(u -> u.overlaps(w))) {
            contentWords.add(w);
          }
        }
      }
    }

    static Analysis of(ToneContext ctx) {
      return ctx.shared(KEY, () -> new Analysis(ctx));
    }

    List<TextSpan> wordsIn(ToneContext ctx, TextSpan s) {
      List<TextSpan> out = new ArrayList<>();
      for (TextSpan w : ctx.words()) {
        if (w.start() >= s.start() && w.end() <= s.end()) {
          out.add(w);
        }
      }
      return out;
    }
  }

  /** A lexicon section's matches in the checked text, found once per check and shared. */
  static List<TextSpan> find(ToneContext ctx, String section) {
    return ctx.shared("lexicon:" + section, () -> Lexicon.of(ctx.language()).get(section)
        .find(PhraseMatcher.Tokens.of(ctx)));
  }

  /** Text in quotation marks: a sign, a rule or the inwoner quoted, not the agent's own words. */
  private static final Pattern QUOTED = Pattern.compile(
      "\"[^\"\\n]{1,200}\"|“[^”\\n]{1,200}”|‘[^’\\n]{1,200}’|„[^”\\n]{1,200}”"
          + "|(?<![\\p{L}\\p{N}])'(?=\\p{L})[^'\\n]{1,200}(?<=[\\p{L}\\p{N}.!?])'(?![\\p{L}\\p{N}])");

  static List<TextSpan> quoted(ToneContext ctx) {
    return ctx.shared("quoted", () -> {
      List<TextSpan> out = new ArrayList<>();
      Matcher m = QUOTED.matcher(ctx.text());
      while (m.find()) {
        out.add(new TextSpan(m.start(), m.end()));
      }
      return out;
    });
  }

  static boolean inQuotes(ToneContext ctx, TextSpan s) {
    for (TextSpan q : quoted(ctx)) {
      if (q.start() <= s.start() && s.end() <= q.end()) {
        return true;
      }
    }
    return false;
  }

  /** A language's threats in the text, but not idioms that sound like one ("ik ga dood van het lachen"). */
  static List<TextSpan> threats(ToneContext ctx, Language l) {
    PhraseMatcher.Tokens tokens = PhraseMatcher.Tokens.of(ctx);
    List<TextSpan> not = Lexicon.of(l).get("threat-not").find(tokens);
    List<TextSpan> out = new ArrayList<>(Lexicon.of(l).get("threat").find(tokens));
    out.removeIf(t -> not.stream().anyMatch(n -> n.overlaps(t)));
    return out;
  }

  static boolean startsSentence(String text, int at) {
    int i = at - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i--;
    }
    return i < 0 || ".!?\n:;\"“(".indexOf(text.charAt(i)) >= 0;
  }

  static int trimmedEnd(String text) {
    int e = text.length();
    while (e > 0 && Character.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    return e;
  }

  static String msg(ToneContext ctx, String key, Object... args) {
    return Messages.get(ctx.messageLanguage().code(), key, args);
  }

  static TextSpan whole(ToneContext ctx) {
    return new TextSpan(0, ctx.text().length());
  }

  /** A rule with an id and a default severity. */
  abstract static class Rule implements ToneRule {
    private final String id;
    private final Severity severity;

    Rule(String id, Severity severity) {
      this.id = id;
      this.severity = severity;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Severity defaultSeverity() {
      return severity;
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /** A rule about answering a person, which a publication is not. */
  abstract static class ReplyRule extends Rule {
    ReplyRule(String id, Severity severity) {
      super(id, severity);
    }

    @Override
    public boolean appliesToPublications() {
      return false;
    }
  }

  /** An inbound rule. */
  abstract static class InboundRule extends Rule {
    InboundRule(String id, Severity severity) {
      super(id, severity);
    }

    @Override
    public boolean appliesTo(ChannelKind kind, Direction direction) {
      return direction == Direction.INBOUND;
    }
  }

  /** Phrases that must not occur, with exceptions that make a match harmless. */
  static class PhraseRule extends Rule {
    private final String section;
    private final String except;
    private final boolean suggest;

    PhraseRule(String id, Severity severity, String section, String except, boolean suggest) {
      super(id, severity);
      this.section = section;
      this.except = except;
      this.suggest = suggest;
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      Lexicon lex = Lexicon.of(ctx.language());
      List<TextSpan> exceptions = except == null ? List.of() : lex.get(except).find(PhraseMatcher.Tokens.of(ctx));
      // One finding a sentence: "ik vind de regels ook te streng" is one opinion, not two.
      List<TextSpan> reported = new ArrayList<>();
      for (TextSpan s : lex.get(section).find(PhraseMatcher.Tokens.of(ctx))) {
        if (exceptions.stream().anyMatch(e -> e.overlaps(s)) || inQuotes(ctx, s)
            || !keep(ctx, s)) {
          continue;
        }
        Optional<TextSpan> sentence = ctx.sentences().stream().filter(x -> x.overlaps(s))
            .findFirst();
        if (sentence.isPresent() && reported.contains(sentence.get())) {
          continue;
        }
        sentence.ifPresent(reported::add);
        if (suggest) {
          findings.suggest(s, msg(ctx, id()), msg(ctx, id() + ".suggest"));
        } else {
          findings.add(s, msg(ctx, id()));
        }
      }
    }

    /** Whether a hit stands, read in its context; every hit does unless a rule says otherwise. */
    boolean keep(ToneContext ctx, TextSpan hit) {
      return true;
    }
  }

  /**
   * Hedging in a statement. A hedge inside a question is politeness ("Heb je misschien een
   * foto?"), and a sentence that already states an opinion ("I believe the bridge is the best
   * thing") is PERSONAL_OPINION, not an uncertain answer.
   */
  static final class Uncertain extends PhraseRule {
    Uncertain() {
      super("UNCERTAIN_ANSWER", Severity.WARN, "uncertain", "uncertain-not", true);
    }

    @Override
    boolean keep(ToneContext ctx, TextSpan hit) {
      Optional<TextSpan> sentence = ctx.sentences().stream().filter(x -> x.overlaps(hit))
          .findFirst();
      if (sentence.isEmpty()) {
        return true;
      }
      TextSpan x = sentence.get();
      boolean question = ctx.text().charAt(x.end() - 1) == '?';
      List<TextSpan> notOpinion = find(ctx, "opinion-not");
      return !question && find(ctx, "opinion").stream()
          .filter(o -> notOpinion.stream().noneMatch(n -> n.overlaps(o)))
          .noneMatch(o -> o.overlaps(x));
    }
  }

  /** Personal data in a public reply, including the inwoner's own data repeated back. */
  static final class PrivacyInPublic extends Rule {
    PrivacyInPublic() {
      super("PRIVACY_IN_PUBLIC", Severity.BLOCK);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      if (ctx.request().visibility() != Visibility.PUBLIC) {
        return;
      }
      List<PersonalData.Item> found = PersonalData.find(ctx.text(), ctx.profile(), false, true);
      for (PersonalData.Item i : found) {
        findings.suggest(i.span(), msg(ctx, id(), msg(ctx, "kind." + i.kind())),
            msg(ctx, id() + ".suggest"));
      }
      Set<String> theirs = new HashSet<>();
      for (String t : ctx.request().inwonerTexts()) {
        PersonalData.find(t, ctx.profile(), true).forEach(i -> theirs.add(i.value()));
      }
      if (theirs.isEmpty()) {
        return;
      }
      for (PersonalData.Item i : PersonalData.find(ctx.text(), ctx.profile(), true, true)) {
        boolean reported = found.stream().anyMatch(f -> f.span().overlaps(i.span()));
        if (!reported && theirs.contains(i.value())) {
          findings.suggest(i.span(), msg(ctx, id() + ".repeat", msg(ctx, "kind." + i.kind())),
              msg(ctx, id() + ".suggest"));
        }
      }
    }
  }

  /** The form of address: jij or u as the channel wants, never mixed. */
  static final class AddressFormRule extends Rule {
    private static final Set<String> U = Set.of("u", "uw", "uzelf", "u'");
    private static final Set<String> JIJ = Set.of("je", "jij", "jou", "jouw", "jezelf", "jouwe");

    AddressFormRule() {
      super("ADDRESS_FORM", Severity.WARN);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      if (ctx.language() != Language.DUTCH) {
        return;
      }
      List<TextSpan> u = new ArrayList<>();
      List<TextSpan> jij = new ArrayList<>();
      List<TextSpan> words = ctx.words();
      for (int i = 0; i < words.size(); i++) {
        TextSpan w = words.get(i);
        String s = w.of(ctx.text()).toLowerCase(Locale.ROOT);
        if (s.equals("u") && ((i > 0 && Shouting.hasDigit(words.get(i - 1).of(ctx.text())))
            || (i + 1 < words.size() && Shouting.hasDigit(words.get(i + 1).of(ctx.text()))
                && words.get(i + 1).start() - w.end() <= 1)
            || (w.of(ctx.text()).equals("U") && !startsSentence(ctx.text(), w.start())))) {
          // "9.00 u tot 17.00 u", "vak U op het plein": uur or a letter, not the inwoner; Dutch
          // writes the polite u in lower case except at the start of a sentence
          continue;
        }
        if (inQuotes(ctx, w)) {
          continue; // the inwoner's "Kunt u ..." quoted back
        }
        if (U.contains(s)) {
          u.add(w);
        } else if (JIJ.contains(s)) {
          jij.add(w);
        }
      }
      AddressForm expected = ctx.channelTone().addressForm();
      if (!u.isEmpty() && !jij.isEmpty()) {
        List<TextSpan> minority = switch (expected) {
          case U -> jij;
          case JIJ -> u;
          case ANY -> u.size() <= jij.size() ? u : jij;
        };
        for (TextSpan s : minority) {
          findings.add(s, msg(ctx, "ADDRESS_FORM.mixed"));
        }
      } else if (expected == AddressForm.JIJ && !u.isEmpty()) {
        findings.add(u.get(0), msg(ctx, "ADDRESS_FORM.expected", "je/jij"));
      } else if (expected == AddressForm.U && !jij.isEmpty()) {
        findings.add(jij.get(0), msg(ctx, "ADDRESS_FORM.expected", "u"));
      }
    }
  }

  /** On social channels: "wij" throughout and no "ik". */
  static final class FirstPerson extends ReplyRule {
    private static final Set<String> WE_NL = Set.of("wij", "we", "onze", "ons");
    private static final Set<String> I_NL = Set.of("ik", "mij", "me", "mijn", "mijzelf");
    private static final Set<String> WE_EN = Set.of("we", "our", "us", "we'll", "we're");
    private static final Set<String> I_EN = Set.of("i", "me", "my", "i'll", "i'm", "i've", "i'd",
        "mine", "myself");

    FirstPerson() {
      super("FIRST_PERSON", Severity.INFO);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      if (!ctx.request().kind().isSocial() || !ctx.channelTone().personal()) {
        return;
      }
      boolean dutch = ctx.language() == Language.DUTCH;
      Set<String> we = dutch ? WE_NL : WE_EN;
      Set<String> me = dutch ? I_NL : I_EN;
      TextSpan firstWe = null;
      for (TextSpan w : ctx.words()) {
        String s = w.of(ctx.text()).toLowerCase(Locale.ROOT);
        if (me.contains(s)) {
          return;
        }
        if (firstWe == null && we.contains(s)) {
          firstWe = w;
        }
      }
      if (firstWe != null) {
        findings.add(firstWe, msg(ctx, id()));
      }
    }
  }

  /** The agent's name or initials at the end, in the channel's format. */
  static final class SignOff extends ReplyRule {
    private static final Pattern SIGN_OFF_LEAD = Pattern.compile(
        "(?i)(?:\\^|-|/|~|groet(?:jes|en)?,?|(?:met )?(?:vriendelijke|hartelijke) groet(?:en)?,?"
            + "|(?:kind |best |warm |warmest )?regards,?|best wishes,?|best,?|(?:yours )?sincerely,?"
            + "|many thanks,?|thanks,?)\\s*$");

    SignOff() {
      super("SIGN_OFF", Severity.WARN);
    }

    /** Where a sign-off with the agent's name or initials starts, if the text ends with one. */
    static Optional<TextSpan> recognise(ToneContext ctx) {
      Optional<AgentIdentity> agent = ctx.request().agent();
      if (agent.isEmpty()) {
        return Optional.empty();
      }
      String text = ctx.text();
      int end = trimmedEnd(text);
      String lower = text.substring(0, end).toLowerCase(Locale.ROOT);
      for (String name : List.of(agent.get().firstName(), agent.get().initials())) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(n)) {
          continue;
        }
        int nameStart = end - n.length();
        if (nameStart > 0 && Character.isLetterOrDigit(lower.charAt(nameStart - 1))) {
          continue;
        }
        Matcher lead = SIGN_OFF_LEAD.matcher(lower.substring(Math.max(0, nameStart - 40),
            nameStart));
        int start = nameStart;
        if (lead.find()) {
          start = Math.max(0, nameStart - 40) + lead.start();
        } else if (nameStart > 0 && lower.charAt(nameStart - 1) != '\n'
            && lower.charAt(nameStart - 1) != ' ') {
          continue;
        }
        return Optional.of(new TextSpan(start, end));
      }
      return Optional.empty();
    }

    private static String normal(String s) {
      return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static boolean sameKindOfClosing(String format, AgentIdentity agent, String present) {
      int at = format.indexOf('{');
      boolean formatHasClosing = at > 0 && Character.isLetter(format.charAt(0));
      boolean presentHasClosing = !present.isEmpty() && Character.isLetter(present.charAt(0));
      if (!formatHasClosing || !presentHasClosing) {
        return false;
      }
      String name = format.startsWith("{initials}", at) ? agent.initials() : agent.firstName();
      String p = normal(present);
      String n = name.toLowerCase(Locale.ROOT);
      return p.endsWith(n) && !p.equals(n);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      String format = ctx.channelTone().signOff();
      Optional<AgentIdentity> agent = ctx.request().agent();
      if (format.isBlank() || agent.isEmpty()) {
        return;
      }
      String expected = ctx.channelTone().signOffFor(agent.get());
      String text = ctx.text();
      int end = trimmedEnd(text);
      if (normal(text.substring(0, end)).endsWith(normal(expected))) {
        return;
      }
      Optional<TextSpan> present = recognise(ctx);
      if (present.isPresent() && sameKindOfClosing(format, agent.get(), present.get().of(text))) {
        // A format with a closing phrase ("Met vriendelijke groet,\n{firstName}") takes any
        // closing phrase with the same name: "Vriendelijke groeten, Sanne", "Kind regards, Sanne".
        return;
      }
      if (present.isPresent()) {
        findings.fix(present.get(), msg(ctx, "SIGN_OFF.format", expected), expected);
        return;
      }
      String separator = expected.contains("\n") ? "\n\n" : "\n";
      findings.fix(new TextSpan(end, text.length()), msg(ctx, "SIGN_OFF.missing"),
          (end == 0 ? "" : separator) + expected);
    }
  }

  /** Aandacht, Antwoord, Actie: each missing one is a finding. */
  static final class TripleA extends ReplyRule {
    /** Fewer words than this, greeting and sign-off left out, is no answer. */
    static final int MIN_ANSWER_WORDS = 6;

    TripleA() {
      super("TRIPLE_A", Severity.WARN);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      Analysis a = Analysis.of(ctx);
      String text = ctx.text();
      boolean attention = !find(ctx, "attention").isEmpty()
          || ctx.request().inwonerName().map(n -> mentions(ctx, n)).orElse(false);
      if (!attention) {
        findings.add(whole(ctx), msg(ctx, "TRIPLE_A.attention"));
      }
      // The answer is what is left once the attention (up to the end of its clause: "thanks for
      // your question about parking permits"), a closing offer to write back and the inwoner's
      // name are taken out.
      List<TextSpan> attentionAt = clauses(ctx, find(ctx, "attention"));
      List<TextSpan> offers = find(ctx, "closing");
      List<TextSpan> closing = a.contentSentences.stream()
          .filter(x -> offers.stream().anyMatch(c -> c.overlaps(x))
              && a.wordsIn(ctx, x).size() <= 12 && x.of(text).chars().noneMatch(Character::isDigit))
          .toList();
      String name = ctx.request().inwonerName()
          .map(n -> n.strip().split("\\s+")[0].toLowerCase(Locale.ROOT)).orElse("");
      long answerWords = a.contentWords.stream()
          .filter(w -> attentionAt.stream().noneMatch(x -> x.overlaps(w))
              && closing.stream().noneMatch(x -> x.overlaps(w))
              && !w.of(text).toLowerCase(Locale.ROOT).equals(name))
          .count();
      if (answerWords < MIN_ANSWER_WORDS || BareReferral.isBare(ctx, a)) {
        findings.add(whole(ctx), msg(ctx, "TRIPLE_A.answer"));
      }
      boolean action = !find(ctx, "action").isEmpty() || !find(ctx, "when").isEmpty()
          || !find(ctx, "next").isEmpty() || a.contentSentences.stream()
              .anyMatch(x -> Actions.isInstruction(ctx, x) || Actions.agentDid(ctx, x));
      if (!action) {
        findings.add(whole(ctx), msg(ctx, "TRIPLE_A.action"));
      }
    }

    /** Each span stretched to the end of its clause: the next comma, colon or sentence end. */
    private static List<TextSpan> clauses(ToneContext ctx, List<TextSpan> spans) {
      String text = ctx.text();
      List<TextSpan> out = new ArrayList<>(spans.size());
      for (TextSpan x : spans) {
        int limit = ctx.sentences().stream().filter(s -> s.overlaps(x)).mapToInt(TextSpan::end)
            .findFirst().orElse(text.length());
        int e = x.end();
        while (e < limit && ",:;.!?\n".indexOf(text.charAt(e)) < 0) {
          e++;
        }
        out.add(new TextSpan(x.start(), Math.max(x.end(), Math.min(e, limit))));
      }
      return out;
    }

    private static boolean mentions(ToneContext ctx, String name) {
      String first = name.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
      if (first.length() < 2) {
        return false;
      }
      for (TextSpan w : ctx.words()) {
        if (w.of(ctx.text()).toLowerCase(Locale.ROOT).equals(first)) {
          return true;
        }
      }
      return false;
    }
  }

  /** What a sentence does, read from how it starts: an instruction, or the agent's own step. */
  static final class Actions {
    private static final Set<String> SECOND_PERSON = Set.of("je", "jij", "u", "you");
    private static final Set<String> IRREGULAR_DONE = Set.of("sent", "put", "made", "done",
        "given", "told", "set", "left", "brought", "taken", "written", "paid", "got", "sorted");
    private static final Set<String> LOOKED_UP = Set.of("looked", "checked", "nagekeken",
        "gekeken", "opgezocht", "bekeken", "gecontroleerd", "found", "gevonden", "read", "gelezen",
        "nagevraagd", "asked", "uitgezocht");
    /** What "ik" does that is no step for the inwoner: being, thinking, wishing. */
    private static final Set<String> I_STATES = Set.of("ben", "was", "heb", "had", "vind", "denk",
        "weet", "hoop", "begrijp", "snap", "wens", "zie", "kan", "mag", "moet", "wil", "zou",
        "geloof", "vond", "dacht", "hoor", "lees", "voel", "merk");
    private static final Set<String> STATES = Set.of("bent", "is", "was", "hebt", "heeft", "had",
        "are", "were", "have", "zou", "would", "weet", "know", "vindt", "think");

    /** What "we" are or want, which is no step: "we zijn", "we hopen". */
    private static final Set<String> WE_STATES = Set.of("zijn", "waren", "hebben", "hadden",
        "willen", "wilden", "kunnen", "konden", "moeten", "mogen", "zouden", "vinden", "denken",
        "weten", "hopen", "begrijpen", "snappen", "are", "were", "have", "had", "would", "think",
        "know", "hope", "understand", "want", "can", "could", "should", "must");
    /** What an infinitive that opens a Dutch sentence may be followed by to say what is possible. */
    private static final Set<String> MAY = Set.of("kan", "mag", "kun", "moet");
    /** Words that may stand before an imperative: "just send", "gewoon even bellen". */
    private static final Set<String> SOFTENERS = Set.of("just", "simply", "then", "so", "also",
        "and", "please", "gewoon", "even", "dan", "ook", "en", "dus", "gerust");

    private Actions() {}

    private static List<String> lowerWords(ToneContext ctx, TextSpan sentence) {
      List<String> out = new ArrayList<>();
      for (TextSpan w : ctx.words()) {
        if (w.start() >= sentence.start() && w.end() <= sentence.end()) {
          out.add(w.of(ctx.text()).toLowerCase(Locale.ROOT));
        }
      }
      return out;
    }

    /**
     * An instruction: the sentence opens with an imperative from the lexicon ("Neem je pas
     * mee", "Send me a message") or with "je"/"u"/"you" and a verb of doing ("Je betaalt aan de
     * balie", "You register online"), or puts that verb first ("Dat regel je via de site").
     */
    static boolean isInstruction(ToneContext ctx, TextSpan sentence) {
      List<String> w = lowerWords(ctx, sentence);
      if (w.isEmpty()) {
        return false;
      }
      List<String> imperatives = Lexicon.of(ctx.language()).phrases("imperative");
      if (imperatives.contains(w.get(0)) || imperativeClause(ctx, sentence, imperatives)) {
        return true;
      }
      if (w.size() >= 2 && SECOND_PERSON.contains(w.get(0)) && !STATES.contains(w.get(1))) {
        return true;
      }
      if (w.size() >= 3 && w.get(0).length() > 5 && w.get(0).endsWith("en")
          && MAY.contains(w.get(1))) {
        return true; // "Aanmelden kan tot 15 januari", "Parkeren mag in de garage"
      }
      if (w.get(0).equals("ik") && w.size() >= 2 && !I_STATES.contains(w.get(1))
          && !w.get(1).endsWith("e")) {
        return true; // "Ik leg zakjes klaar", "Ik stuur je de lijst": the agent's next step
      }
      if ((w.get(0).equals("we") || w.get(0).equals("wij")) && w.size() >= 3
          && !WE_STATES.contains(w.get(1))) {
        return true; // "Wij hangen een bord op": the organisation's next step
      }
      boolean lead = w.get(0).equals("dat") || w.get(0).equals("dit") || w.get(0).equals("die")
          || w.get(0).equals("dan");
      return lead && w.size() >= 3 && !STATES.contains(w.get(1)) && !I_STATES.contains(w.get(1))
          && (SECOND_PERSON.contains(w.get(2)) || w.get(2).equals("ik"));
    }

    /**
     * A clause that opens with an imperative after a softener ("Just send me a message") or
     * after a comma or colon ("If the app stops again, just send me a message").
     */
    private static boolean imperativeClause(ToneContext ctx, TextSpan sentence,
        List<String> imperatives) {
      String text = ctx.text();
      int from = sentence.start();
      for (int i = sentence.start(); i <= sentence.end(); i++) {
        if (i == sentence.end() || ",:;".indexOf(text.charAt(i)) >= 0) {
          List<String> w = lowerWords(ctx, new TextSpan(from, i));
          int k = 0;
          while (k < w.size() && SOFTENERS.contains(w.get(k))) {
            k++;
          }
          if ((k > 0 || from > sentence.start()) && k < w.size()
              && imperatives.contains(w.get(k))) {
            return true;
          }
          from = i + 1;
        }
      }
      return false;
    }

    /** The agent did something: "Ik heb ... gezet", "I've added it", "Ik heb het gemeld". */
    static boolean agentDid(ToneContext ctx, TextSpan sentence) {
      List<String> w = lowerWords(ctx, sentence);
      for (int i = 0; i + 1 < w.size(); i++) {
        boolean dutch = w.get(i).equals("ik") && w.get(i + 1).equals("heb");
        boolean english = (w.get(i).equals("i've") || (w.get(i).equals("i")
            && w.get(i + 1).equals("have")));
        if (!dutch && !english) {
          continue;
        }
        for (int k = i + 1; k < Math.min(w.size(), i + 8); k++) {
          String x = w.get(k);
          if (LOOKED_UP.contains(x)) {
            break; // finding out is how the answer came, not a next step
          }
          if (dutch && x.length() > 4 && x.contains("ge") && !x.equals("geen")
              && (x.endsWith("d") || x.endsWith("t") || (x.length() > 6 && x.endsWith("en")))) {
            return true;
          }
          if (english && ((x.length() > 3 && x.endsWith("ed")) || IRREGULAR_DONE.contains(x))) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** Passed on, but not said when and how the inwoner hears back. */
  static final class ForwardWithoutExpectation extends ReplyRule {
    ForwardWithoutExpectation() {
      super("FORWARD_WITHOUT_EXPECTATION", Severity.WARN);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      Lexicon lex = Lexicon.of(ctx.language());
      List<TextSpan> harmless = lex.get("forward-not").find(PhraseMatcher.Tokens.of(ctx));
      List<TextSpan> forward = lex.get("forward").find(PhraseMatcher.Tokens.of(ctx)).stream()
          .filter(f -> harmless.stream().noneMatch(h -> h.overlaps(f))).toList();
      if (forward.isEmpty()) {
        return;
      }
      List<TextSpan> whenAt = find(ctx, "when");
      boolean when = !whenAt.isEmpty();
      boolean how = !find(ctx, "how").isEmpty();
      if (when && how) {
        return;
      }
      if (when && !how) {
        // A "when" in a sentence that speaks of no reply is the outcome itself: "zij repareren
        // het binnen twee werkdagen" leaves nothing to hear back about.
        // It must speak of what was passed on: in the same sentence or the next.
        List<TextSpan> contact = find(ctx, "contact");
        List<TextSpan> sentences = ctx.sentences();
        int first = -1;
        for (int i = 0; i < sentences.size() && first < 0; i++) {
          if (sentences.get(i).overlaps(forward.get(0))) {
            first = i;
          }
        }
        List<TextSpan> near = first < 0 ? sentences
            : sentences.subList(first, Math.min(sentences.size(), first + 2));
        boolean outcome = near.stream()
            .filter(s -> whenAt.stream().anyMatch(w -> w.overlaps(s)))
            .anyMatch(s -> contact.stream().noneMatch(c -> c.overlaps(s)));
        if (outcome) {
          return;
        }
      }
      String missing = msg(ctx, id() + (!when && !how ? ".both" : !when ? ".when" : ".how"));
      findings.suggest(forward.get(0), msg(ctx, id(), missing), msg(ctx, id() + ".suggest"));
    }
  }

  /** Nothing but a link or "kijk op ...". */
  static final class BareReferral extends ReplyRule {
    BareReferral() {
      super("BARE_REFERRAL", Severity.WARN);
    }

    static boolean isBare(ToneContext ctx, Analysis a) {
      List<TextSpan> referral = find(ctx, "referral");
      if (a.urls.isEmpty() && referral.isEmpty()) {
        return false;
      }
      // What is left once the referral, the greeting and the inwoner's name are taken out
      List<TextSpan> attention = find(ctx, "attention");
      List<TextSpan> closing = find(ctx, "closing");
      String name = ctx.request().inwonerName()
          .map(n -> n.strip().split("\\s+")[0].toLowerCase(Locale.ROOT)).orElse("");
      int remaining = 0;
      for (TextSpan w : a.contentWords) {
        if (referral.stream().noneMatch(r -> r.overlaps(w))
            && attention.stream().noneMatch(r -> r.overlaps(w))
            && closing.stream().noneMatch(r -> r.overlaps(w))
            && !w.of(ctx.text()).toLowerCase(Locale.ROOT).equals(name)) {
          remaining++;
        }
      }
      return remaining <= 4;
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      Analysis a = Analysis.of(ctx);
      if (isBare(ctx, a)) {
        findings.add(whole(ctx), msg(ctx, id()));
      }
    }
  }

  /** The same reply, or nearly, to several other conversations recently. */
  static final class CannedAnswer extends ReplyRule {
    private static final Cache<String, long[]> SHINGLES =
        Caffeine.newBuilder().maximumSize(20_000).build();

    CannedAnswer() {
      super("CANNED_ANSWER", Severity.WARN);
    }

    static long[] shingles(String text) {
      String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
      List<String> w = new ArrayList<>(words.length);
      for (String s : words) {
        if (!s.isEmpty()) {
          w.add(s);
        }
      }
      if (w.size() < 2) {
        return w.isEmpty() ? new long[0] : new long[] {hash(w.get(0), "")};
      }
      long[] out = new long[w.size() - 1];
      for (int i = 0; i + 1 < w.size(); i++) {
        out[i] = hash(w.get(i), w.get(i + 1));
      }
      Arrays.sort(out);
      return Arrays.stream(out).distinct().toArray();
    }

    private static long hash(String a, String b) {
      long h = 1125899906842597L;
      for (int i = 0; i < a.length(); i++) {
        h = 31 * h + a.charAt(i);
      }
      h = 31 * h + ' ';
      for (int i = 0; i < b.length(); i++) {
        h = 31 * h + b.charAt(i);
      }
      return h ^ (h >>> 29);
    }

    static double jaccard(long[] a, long[] b) {
      if (a.length == 0 || b.length == 0) {
        return 0;
      }
      int i = 0;
      int j = 0;
      int common = 0;
      while (i < a.length && j < b.length) {
        if (a[i] == b[j]) {
          common++;
          i++;
          j++;
        } else if (a[i] < b[j]) {
          i++;
        } else {
          j++;
        }
      }
      return (double) common / (a.length + b.length - common);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      List<RecentReply> recent = ctx.request().recentReplies();
      if (recent.isEmpty()) {
        return;
      }
      long[] mine = shingles(ctx.text());
      if (mine.length < 5) {
        return; // "Graag gedaan!" is not a canned answer
      }
      Instant since = ctx.request().at().minus(ctx.profile().cannedWindow());
      Optional<ConversationId> own = ctx.request().conversation();
      Set<ConversationId> similar = new HashSet<>();
      for (RecentReply r : recent) {
        if (r.sentAt().isBefore(since) || own.map(r.conversation()::equals).orElse(false)
            || similar.contains(r.conversation())) {
          continue;
        }
        long[] theirs = SHINGLES.get(r.text(), CannedAnswer::shingles);
        if (jaccard(mine, theirs) >= ctx.profile().cannedSimilarity()) {
          similar.add(r.conversation());
        }
      }
      if (similar.size() >= ctx.profile().cannedMinConversations()) {
        findings.add(whole(ctx), msg(ctx, id(), similar.size()));
      }
    }
  }

  /** Longer than the channel allows, counted the platform's way. */
  static final class Length extends Rule {
    Length() {
      super("LENGTH", Severity.BLOCK);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      Optional<ChannelLimits> limits = ctx.request().limits();
      if (limits.isEmpty()) {
        return;
      }
      ChannelLimits l = limits.get();
      String text = ctx.text();
      int count = l.lengthCounter().count(text);
      if (count <= l.maxTextLength()) {
        return;
      }
      // Where the excess starts, found by the counter in one pass where it can.
      int from = Math.max(0, l.lengthCounter().firstOver(text, l.maxTextLength()));
      findings.add(new TextSpan(from, text.length()), msg(ctx, id(), count, l.maxTextLength(),
          l.lengthCounter().description()));
    }
  }

  /** Capitals, "!!" and rows of emoji. */
  static final class Shouting extends Rule {
    static final Set<String> ACRONYMS = Set.of("WOZ", "BSN", "GGD", "UWV", "AOW", "WMO", "OZB",
        "KCC", "RIVM", "AVG", "BRP", "IND", "CJIB", "RDW", "KVK", "NS", "OV", "ID", "GBA", "WW",
        "ZZP", "BTW", "CAK", "SVB", "DUO", "APV", "OM", "NL", "EU", "PDF", "URL", "FAQ", "OK",
        "BV", "NV", "VVE", "ICT", "CBR", "ANWB", "GFT", "PMD", "KCA", "ANBI", "IBAN", "SMS", "TV",
        "GPS", "CV", "BSO", "VVV", "LHBTI", "AZC", "COA", "NVWA", "DM", "PS", "WIFI", "HTML",
        "ABNA", "INGB", "RABO", "BGS", "KNMI", "NOS", "RTV", "VNG", "MKB", "ODA", "II", "III",
        "IV", "IT", "AED", "EHBO", "GGZ", "WLZ", "PGB", "WSNP", "CAO", "UK", "USA", "CO2", "LED", "NB");
    private static final Pattern EXCLAMATIONS = Pattern.compile("!{2,}|[!?]{3,}");
    /** Short words written in capitals for emphasis, which no acronym list would hold. */
    private static final Set<String> EMPHASIS = Set.of("NOT", "NO", "NIET", "GEEN", "NU", "NOW",
        "ALL", "WEL", "OOK", "ZO", "WAY", "YES", "JA", "NEE", "TOP", "BAD");

    Shouting() {
      super("SHOUTING", Severity.INFO);
    }

    static boolean caps(String w) {
      int letters = 0;
      for (int i = 0; i < w.length(); i++) {
        char c = w.charAt(i);
        if (Character.isDigit(c)) {
          return false; // a code such as NL86 or 3521AB, not a word
        }
        if (Character.isLetter(c)) {
          if (!Character.isUpperCase(c)) {
            return false;
          }
          letters++;
        }
      }
      return letters >= 2;
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      String text = ctx.text();
      List<TextSpan> words = ctx.words();
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i).of(text);
        if (!caps(w)) {
          continue;
        }
        boolean known = ACRONYMS.contains(w.replaceAll("[^\\p{L}\\p{N}]", ""))
            || (i > 0 && hasDigit(words.get(i - 1).of(text)))
            || (i + 1 < words.size() && hasDigit(words.get(i + 1).of(text)));
        boolean neighbour = (i > 0 && caps(words.get(i - 1).of(text)))
            || (i + 1 < words.size() && caps(words.get(i + 1).of(text)));
        if (signature(ctx, words.get(i))) {
          continue; // "^SV": the agent's own initials
        }
        boolean emphasis = EMPHASIS.contains(w) || (!known && StopWords.contains(w));
        if ((!known && w.length() >= 4) || (!known && neighbour) || emphasis) {
          findings.add(words.get(i), msg(ctx, "SHOUTING.caps"));
        }
      }
      Matcher m = EXCLAMATIONS.matcher(text);
      while (m.find()) {
        findings.add(new TextSpan(m.start(), m.end()), msg(ctx, "SHOUTING.exclamation"));
      }
      emoji(ctx, findings);
    }

    private static boolean signature(ToneContext ctx, TextSpan word) {
      String text = ctx.text();
      return (word.start() > 0 && text.charAt(word.start() - 1) == '^')
          || ctx.request().agent().map(a -> a.initials().equals(word.of(text))).orElse(false);
    }

    private static boolean hasDigit(String w) {
      return w.chars().anyMatch(Character::isDigit);
    }

    private static boolean isEmoji(int cp) {
      return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF)
          || (cp >= 0x1F000 && cp <= 0x1F2FF);
    }

    private static boolean isJoiner(int cp) {
      return cp == 0x200D || cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }

    private static void emoji(ToneContext ctx, Findings findings) {
      String text = ctx.text();
      int runStart = -1;
      int count = 0;
      int i = 0;
      while (i <= text.length()) {
        int cp = i < text.length() ? text.codePointAt(i) : -1;
        int len = cp < 0 ? 1 : Character.charCount(cp);
        if (cp >= 0 && isJoiner(cp) && runStart >= 0) {
          i += len;
          continue;
        }
        if (cp >= 0 && isEmoji(cp) && !(cp >= 0x1F3FB && cp <= 0x1F3FF)) {
          if (runStart < 0) {
            runStart = i;
            count = 0;
          }
          count++;
        } else if (cp == ' ' && runStart >= 0 && i + 1 < text.length()
            && isEmoji(text.codePointAt(i + 1))) {
          // "🎉 🎉 🎉" is a row as well
        } else {
          if (runStart >= 0 && count >= 3) {
            findings.add(new TextSpan(runStart, i), msg(ctx, "SHOUTING.emoji"));
          }
          runStart = -1;
        }
        i += len;
      }
    }
  }

  /** Long sentences and a low reading ease. */
  static final class Readability extends Rule {
    Readability() {
      super("READABILITY", Severity.INFO);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      Analysis a = Analysis.of(ctx);
      String text = ctx.text();
      int max = ctx.profile().maxSentenceWords();
      List<String> words = new ArrayList<>();
      int sentences = 0;
      for (TextSpan s : a.contentSentences) {
        List<TextSpan> sw = a.wordsIn(ctx, s).stream()
            .filter(w -> a.urls.stream().noneMatch(u -> u.overlaps(w)))
            .toList();
        if (sw.size() > max) {
          findings.add(s, msg(ctx, "READABILITY.sentence", sw.size(), max));
        }
        sentences++;
        for (TextSpan w : sw) {
          String t = w.of(text);
          if (t.chars().anyMatch(Character::isLetter)) {
            words.add(t);
          }
        }
      }
      if (words.size() >= 30) {
        double ease = org.webcare4j.core.internal.tone.Readability.readingEase(words, sentences,
            ctx.language());
        if (ease < ctx.profile().minReadingEase()) {
          findings.add(whole(ctx), msg(ctx, "READABILITY.score",
              String.format(Locale.ROOT, "%.0f", ease),
              String.format(Locale.ROOT, "%.0f", ctx.profile().minReadingEase())));
        }
      }
    }
  }

  /** Cursing, insults and threats in what an inwoner sent. */
  static final class Abusive extends InboundRule {
    /** A place name, written with a capital or not (people type "kuthoofdstraat"). */
    private static final Pattern PLACE = Pattern.compile(
        "\\p{L}+(straat|weg|laan|plein|dijk|steeg|gracht|kade|hof|pad|singel|dreef|veld"
            + "|park|berg|dam|erf|kamp|hoven|oven|koven|broek|dorp|huizen)",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** What follows a disease's name in a compound that speaks of the disease, not of abuse. */
    private static final Pattern MEDICAL = Pattern.compile(
        "(kanker|tyfus|tering)(behandeling\\p{L}*|patiënt\\p{L}*|patient\\p{L}*|onderzoek\\p{L}*"
            + "|zorg|bestrijding|fonds|afdeling\\p{L}*|centrum|centra|diagnose|medicijn\\p{L}*"
            + "|screening|preventie|soort\\p{L}*|cel\\p{L}*|risico\\p{L}*|vorm\\p{L}*|vaccin\\p{L}*"
            + "|gezwel\\p{L}*|tumor\\p{L}*|chemo\\p{L}*|onderzoeker\\p{L}*)",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Set<String> INTERJECTION_CURSES =
        Set.of("kanker", "tering", "tyfus", "kolere", "klere", "pest", "pleuris", "godver");

    Abusive() {
      super("ABUSIVE", Severity.WARN);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      String text = ctx.text();
      List<TextSpan> found = new ArrayList<>();
      for (Language l : Language.values()) {
        found.addAll(Lexicon.of(l).get("abusive").find(PhraseMatcher.Tokens.of(ctx)));
        found.addAll(threats(ctx, l));
      }
      List<String> prefixes = new ArrayList<>(Lexicon.of(Language.DUTCH).phrases("abusive-prefix"));
      for (TextSpan w : ctx.words()) {
        String word = w.of(text);
        String lower = word.toLowerCase(Locale.ROOT);
        for (String p : prefixes) {
          if (lower.startsWith(p) && lower.length() >= p.length() + 3
              && !PLACE.matcher(word).matches() && !MEDICAL.matcher(word).matches()) {
            found.add(w);
            break;
          }
        }
      }
      // A disease shouted on its own is a curse: "Kanker, de bus is alweer niet gekomen".
      List<TextSpan> words = ctx.words();
      for (int i = 0; i < words.size(); i++) {
        TextSpan w = words.get(i);
        if (INTERJECTION_CURSES.contains(w.of(text).toLowerCase(Locale.ROOT))
            && startsSentence(text, w.start()) && w.end() < text.length()
            && ",!".indexOf(text.charAt(w.end())) >= 0) {
          found.add(w);
        }
      }
      List<TextSpan> notAbuse = new ArrayList<>();
      for (Language l : Language.values()) {
        notAbuse.addAll(Lexicon.of(l).get("abusive-not").find(PhraseMatcher.Tokens.of(ctx)));
      }
      found.removeIf(f -> inQuotes(ctx, f) || notAbuse.stream().anyMatch(n -> n.overlaps(f)));
      found.sort((x, y) -> Integer.compare(x.start(), y.start()));
      TextSpan last = null;
      for (TextSpan s : found) {
        if (last == null || !last.overlaps(s)) {
          findings.add(s, msg(ctx, id()));
          last = s;
        }
      }
    }
  }

  /** Personal data in a public comment. */
  static final class PrivacySharedPublicly extends InboundRule {
    PrivacySharedPublicly() {
      super("PRIVACY_SHARED_PUBLICLY", Severity.WARN);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      if (ctx.request().visibility() != Visibility.PUBLIC) {
        return;
      }
      for (PersonalData.Item i : PersonalData.find(ctx.text(), ctx.profile(), false)) {
        findings.add(i.span(), msg(ctx, id(), msg(ctx, "kind." + i.kind())));
      }
    }
  }

  /** Urgency, crisis, or strongly negative. */
  static final class NeedsAttention extends InboundRule {
    private static final Pattern YEAR = Pattern.compile("\\b(1[89]\\d\\d|20\\d\\d)\\b");

    private static final Set<String> REFERS_BACK = Set.of("die", "dat", "deze", "hij", "het",
        "ze", "zij", "alles", "it", "this", "that", "they", "everything", "all");

    private static String firstWord(String sentence) {
      String[] w = sentence.strip().split("[^\\p{L}]+", 2);
      return w.length == 0 ? "" : w[0].toLowerCase(Locale.ROOT);
    }

    /** A year before this one named in the sentence: "in 1995 bijna overstroomd". */
    static boolean pastYear(String sentence, int thisYear) {
      Matcher m = YEAR.matcher(sentence);
      while (m.find()) {
        if (Integer.parseInt(m.group(1)) < thisYear) {
          return true;
        }
      }
      return false;
    }

    NeedsAttention() {
      super("NEEDS_ATTENTION", Severity.WARN);
    }

    @Override
    public void check(ToneContext ctx, Findings findings) {
      String text = ctx.text();
      List<TextSpan> urgent = new ArrayList<>();
      List<TextSpan> negative = new ArrayList<>();
      List<TextSpan> notNow = new ArrayList<>();
      List<TextSpan> harmless = new ArrayList<>();
      for (Language l : Language.values()) {
        urgent.addAll(Lexicon.of(l).get("urgent").find(PhraseMatcher.Tokens.of(ctx)));
        notNow.addAll(Lexicon.of(l).get("not-now").find(PhraseMatcher.Tokens.of(ctx)));
        harmless.addAll(Lexicon.of(l).get("urgent-not").find(PhraseMatcher.Tokens.of(ctx)));
        negative.addAll(Lexicon.of(l).get("strong-negative").find(PhraseMatcher.Tokens.of(ctx)));
      }
      // Danger that is past, supposed or practised is no reason to hurry: "de storm van vorig
      // jaar", "wat moet ik doen als mijn kelder ooit onderloopt", "the evacuation drill".
      // Threats always are.
      // The marker may stand in the sentence after: "Er is een bom gevonden. Die is al weggehaald."
      List<TextSpan> sentences = ctx.sentences();
      int year = ctx.request().at().atZone(java.time.ZoneOffset.UTC).getYear();
      urgent.removeIf(u -> {
        if (harmless.stream().anyMatch(h -> h.overlaps(u)) || inQuotes(ctx, u)) {
          return true;
        }
        for (int i = 0; i < sentences.size(); i++) {
          if (sentences.get(i).overlaps(u)) {
            TextSpan here = sentences.get(i);
            // the next sentence only when it speaks of the same thing: "Die is al weggehaald"
            TextSpan next = i + 1 < sentences.size()
                && REFERS_BACK.contains(firstWord(sentences.get(i + 1).of(text)))
                ? sentences.get(i + 1) : here;
            return notNow.stream().anyMatch(n -> n.overlaps(here) || n.overlaps(next))
                || pastYear(here.of(text), year);
          }
        }
        return false;
      });
      for (Language l : Language.values()) {
        urgent.addAll(threats(ctx, l));
      }
      urgent.sort((x, y) -> Integer.compare(x.start(), y.start()));
      long shouted = ctx.words().stream().filter(w -> Shouting.caps(w.of(text))
          && !Shouting.ACRONYMS.contains(w.of(text))).count();
      if (!urgent.isEmpty()) {
        findings.add(urgent.get(0), msg(ctx, id()));
      } else if (negative.size() >= 2 || (negative.size() == 1 && shouted >= 2)) {
        findings.add(negative.get(0), msg(ctx, id()));
      }
    }
  }
}
