package org.webcare4j.core.tone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.webcare4j.core.channel.ChannelKind;

/**
 * An organisation's tone of voice: which rules run, how severe each is, and the house style per
 * channel kind. Immutable. Start from
 * {@link org.webcare4j.core.rulebook.Rulebook#dutchMunicipality()} (the built-in rules with the
 * rulebook's defaults) or load a file with
 * {@link org.webcare4j.core.rulebook.Rulebook#load(java.nio.file.Path)}, whose settings go on top
 * of it.
 */
public final class ToneProfile {
  private final Language language;
  private final Map<String, Severity> severities;
  private final Set<String> disabled;
  private final Map<ChannelKind, ChannelTone> channels;
  private final Duration cannedWindow;
  private final double cannedSimilarity;
  private final int cannedMinConversations;
  private final double minReadingEase;
  private final int maxSentenceWords;
  private final Set<String> organisationDomains;
  private final Set<String> organisationPhoneNumbers;
  private final Set<String> organisationIbans;
  private final List<ToneRule> rules;

  private ToneProfile(Builder b) {
    language = b.language;
    severities = Collections.unmodifiableMap(new LinkedHashMap<>(b.severities));
    disabled = Collections.unmodifiableSet(new LinkedHashSet<>(b.disabled));
    channels = Collections.unmodifiableMap(new EnumMap<>(b.channels));
    cannedWindow = b.cannedWindow;
    cannedSimilarity = b.cannedSimilarity;
    cannedMinConversations = b.cannedMinConversations;
    minReadingEase = b.minReadingEase;
    maxSentenceWords = b.maxSentenceWords;
    organisationDomains = Set.copyOf(b.organisationDomains);
    organisationPhoneNumbers = Set.copyOf(b.organisationPhoneNumbers);
    organisationIbans = Set.copyOf(b.organisationIbans);
    rules = List.copyOf(b.rules);
  }

  /**
   * Starts an empty profile: Dutch, no rules, jij-vorm and no sign-off on every channel. Most
   * hosts start from {@link org.webcare4j.core.rulebook.Rulebook#dutchMunicipality()} instead,
   * which holds the built-in rules.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this profile's settings.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.language = language;
    b.severities.putAll(severities);
    b.disabled.addAll(disabled);
    b.channels.putAll(channels);
    b.cannedWindow = cannedWindow;
    b.cannedSimilarity = cannedSimilarity;
    b.cannedMinConversations = cannedMinConversations;
    b.minReadingEase = minReadingEase;
    b.maxSentenceWords = maxSentenceWords;
    b.organisationDomains.addAll(organisationDomains);
    b.organisationPhoneNumbers.addAll(organisationPhoneNumbers);
    b.organisationIbans.addAll(organisationIbans);
    b.rules.addAll(rules);
    return b;
  }

  /**
   * Returns the language findings are worded in, and texts are checked as when their own
   * language cannot be told.
   *
   * @return the language
   */
  public Language language() {
    return language;
  }

  /**
   * Returns the severity a rule has under this profile.
   *
   * @param rule the rule
   * @return its severity, empty when the profile turns it off
   */
  public Optional<Severity> severity(ToneRule rule) {
    if (disabled.contains(rule.id())) {
      return Optional.empty();
    }
    return Optional.of(severities.getOrDefault(rule.id(), rule.defaultSeverity()));
  }

  /**
   * Returns the severities this profile sets, by rule id; rules not named keep their default.
   *
   * @return the severities
   */
  public Map<String, Severity> severities() {
    return severities;
  }

  /**
   * Returns the ids of the rules this profile turns off.
   *
   * @return the ids
   */
  public Set<String> disabledRules() {
    return disabled;
  }

  /**
   * Returns the house style for a channel kind.
   *
   * @param kind the kind
   * @return its settings
   */
  public ChannelTone channel(ChannelKind kind) {
    return channels.get(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * Returns how far back the canned-answer check looks.
   *
   * @return the window
   */
  public Duration cannedWindow() {
    return cannedWindow;
  }

  /**
   * Returns how similar (0 to 1, word pairs in common) a reply must be to an earlier one to count
   * as the same answer.
   *
   * @return the threshold
   */
  public double cannedSimilarity() {
    return cannedSimilarity;
  }

  /**
   * Returns in how many other conversations a similar reply must have gone for a reply to be
   * called canned.
   *
   * @return the count
   */
  public int cannedMinConversations() {
    return cannedMinConversations;
  }

  /**
   * Returns the lowest acceptable Flesch-Douma (Dutch) or Flesch (English) reading ease.
   *
   * @return the threshold
   */
  public double minReadingEase() {
    return minReadingEase;
  }

  /**
   * Returns the most words a sentence may have.
   *
   * @return the limit
   */
  public int maxSentenceWords() {
    return maxSentenceWords;
  }

  /**
   * Returns the organisation's own e-mail domains: addresses there are not personal data.
   *
   * @return lower-case domains
   */
  public Set<String> organisationDomains() {
    return organisationDomains;
  }

  /**
   * Returns the organisation's own phone numbers, as digits: they are not personal data.
   *
   * @return the numbers
   */
  public Set<String> organisationPhoneNumbers() {
    return organisationPhoneNumbers;
  }

  /**
   * Returns the organisation's own IBANs, upper case without spaces: not personal data.
   *
   * @return the IBANs
   */
  public Set<String> organisationIbans() {
    return organisationIbans;
  }

  /**
   * Returns the rules this profile runs: the built-in ones when it was started from {@link
   * org.webcare4j.core.rulebook.Rulebook#dutchMunicipality()}, and the organisation's own, from
   * its profile file or added in code. A rule whose severity is off is listed but does not run.
   *
   * @return the rules, in the order they run
   */
  public List<ToneRule> rules() {
    return rules;
  }

  @Override
  public String toString() {
    return "ToneProfile{language=" + language + ", severities=" + severities + ", disabled="
        + disabled + ", rules=" + rules.stream().map(ToneRule::id).toList() + "}";
  }

  /** Builds a {@link ToneProfile}. */
  public static final class Builder {
    private Language language = Language.DUTCH;
    private final Map<String, Severity> severities = new LinkedHashMap<>();
    private final Set<String> disabled = new LinkedHashSet<>();
    private final Map<ChannelKind, ChannelTone> channels = new EnumMap<>(ChannelKind.class);
    private Duration cannedWindow = Duration.ofDays(14);
    private double cannedSimilarity = 0.8;
    private int cannedMinConversations = 2;
    private double minReadingEase = 60;
    private int maxSentenceWords = 20;
    private final Set<String> organisationDomains = new LinkedHashSet<>();
    private final Set<String> organisationPhoneNumbers = new LinkedHashSet<>();
    private final Set<String> organisationIbans = new LinkedHashSet<>();
    private final List<ToneRule> rules = new ArrayList<>();

    private Builder() {
      for (ChannelKind k : ChannelKind.values()) {
        channels.put(k, new ChannelTone(AddressForm.JIJ, "", true));
      }
    }

    /**
     * Sets the language of messages and the fallback language of texts.
     *
     * @param language the language
     * @return this builder
     */
    public Builder language(Language language) {
      this.language = Objects.requireNonNull(language, "language");
      return this;
    }

    /**
     * Sets a rule's severity and turns it on.
     *
     * @param rule the rule id
     * @param severity the severity
     * @return this builder
     */
    public Builder severity(String rule, Severity severity) {
      severities.put(requireId(rule), Objects.requireNonNull(severity, "severity"));
      disabled.remove(rule);
      return this;
    }

    /**
     * Turns a rule off.
     *
     * @param rule the rule id
     * @return this builder
     */
    public Builder disable(String rule) {
      disabled.add(requireId(rule));
      return this;
    }

    /**
     * Sets the house style for a channel kind.
     *
     * @param kind the kind
     * @param tone its settings
     * @return this builder
     */
    public Builder channel(ChannelKind kind, ChannelTone tone) {
      channels.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(tone, "tone"));
      return this;
    }

    /**
     * Sets the canned-answer check's settings.
     *
     * @param window how far back to look
     * @param similarity how similar counts as the same, above 0 and at most 1
     * @param minConversations in how many other conversations, at least 1
     * @return this builder
     */
    public Builder cannedAnswers(Duration window, double similarity, int minConversations) {
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("the canned-answer window must be positive");
      }
      if (!(similarity > 0 && similarity <= 1)) {
        throw new IllegalArgumentException("similarity must lie in (0, 1]: " + similarity);
      }
      if (minConversations < 1) {
        throw new IllegalArgumentException("minConversations must be at least 1");
      }
      this.cannedWindow = window;
      this.cannedSimilarity = similarity;
      this.cannedMinConversations = minConversations;
      return this;
    }

    /**
     * Sets the readability check's settings.
     *
     * @param minReadingEase the lowest acceptable reading ease, 0 to 100
     * @param maxSentenceWords the most words a sentence may have, at least 5
     * @return this builder
     */
    public Builder readability(double minReadingEase, int maxSentenceWords) {
      if (!(minReadingEase >= 0 && minReadingEase <= 100)) {
        throw new IllegalArgumentException("reading ease lies in [0, 100]: " + minReadingEase);
      }
      if (maxSentenceWords < 5) {
        throw new IllegalArgumentException("maxSentenceWords must be at least 5");
      }
      this.minReadingEase = minReadingEase;
      this.maxSentenceWords = maxSentenceWords;
      return this;
    }

    /**
     * Adds an e-mail domain of the organisation; addresses there are not personal data.
     *
     * @param domain such as {@code gemeente.nl}
     * @return this builder
     */
    public Builder organisationDomain(String domain) {
      organisationDomains.add(domain.strip().toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Adds a phone number of the organisation; it is not personal data.
     *
     * @param number in any notation, such as {@code 14 020} or {@code +31 20 123 4567}
     * @return this builder
     */
    public Builder organisationPhoneNumber(String number) {
      String digits = number.replaceAll("\\D", "");
      if (digits.isEmpty()) {
        throw new IllegalArgumentException("not a phone number: " + number);
      }
      organisationPhoneNumbers.add(digits);
      return this;
    }

    /**
     * Adds an IBAN of the organisation; it is not personal data.
     *
     * @param iban in any spacing
     * @return this builder
     */
    public Builder organisationIban(String iban) {
      organisationIbans.add(iban.replaceAll("\\s", "").toUpperCase(Locale.ROOT));
      return this;
    }

    /**
     * Adds a rule. A rule with the id of an earlier one takes its place, so an organisation can
     * replace a built-in rule with its own.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder rule(ToneRule rule) {
      Objects.requireNonNull(rule, "rule");
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i).id().equals(rule.id())) {
          rules.set(i, rule);
          return this;
        }
      }
      rules.add(rule);
      return this;
    }

    /**
     * Builds the profile.
     *
     * @return the profile
     */
    public ToneProfile build() {
      return new ToneProfile(this);
    }

    private static String requireId(String rule) {
      if (rule == null || !rule.matches("[A-Z][A-Z0-9_]{0,63}")) {
        throw new IllegalArgumentException("a rule id is upper snake case: " + rule);
      }
      return rule;
    }
  }
}
