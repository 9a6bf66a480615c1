package org.webcare4j.core.tone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.model.MessageFlag;

/**
 * Checks texts against a profile's rules (for a profile from {@link
 * org.webcare4j.core.rulebook.Rulebook}, the built-in ones and the organisation's own) and any
 * rules added here (such as a spelling checker). Thread-safe; build one and share it.
 *
 * <pre>{@code
 * ToneChecker checker = ToneChecker.of(Rulebook.dutchMunicipality());
 * ToneReport report = checker.check(
 *     ToneRequest.reply(text, ChannelKind.FACEBOOK, Visibility.PUBLIC).agent(sanne).build());
 * }</pre>
 */
public final class ToneChecker {
  private static final Logger log = LoggerFactory.getLogger(ToneChecker.class);

  private final ToneProfile profile;
  private final List<ToneRule> rules;

  private ToneChecker(ToneProfile profile, List<ToneRule> extra) {
    this.profile = profile;
    List<ToneRule> all = new ArrayList<>(profile.rules());
    all.addAll(extra);
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        if (all.get(i).id().equals(all.get(j).id())) {
          throw new IllegalArgumentException("two tone rules with id " + all.get(i).id());
        }
      }
    }
    this.rules = List.copyOf(all);
  }

  /**
   * Returns a checker that runs a profile's rules.
   *
   * @param profile the profile
   * @return the checker
   */
  public static ToneChecker of(ToneProfile profile) {
    return new ToneChecker(Objects.requireNonNull(profile, "profile"), List.of());
  }

  /**
   * Returns a checker for a profile with extra rules from code.
   *
   * @param profile the profile
   * @param extra rules besides the profile's; ids must be unique
   * @return the checker
   * @throws IllegalArgumentException when two rules share an id
   */
  public static ToneChecker of(ToneProfile profile, List<ToneRule> extra) {
    return new ToneChecker(Objects.requireNonNull(profile, "profile"), List.copyOf(extra));
  }

  /**
   * Returns the profile.
   *
   * @return the profile
   */
  public ToneProfile profile() {
    return profile;
  }

  /**
   * Returns every rule this checker knows, on or off.
   *
   * @return the rules
   */
  public List<ToneRule> rules() {
    return rules;
  }

  /**
   * Checks a text.
   *
   * @param request the text and what is known about it
   * @return the findings, in order of position
   */
  public ToneReport check(ToneRequest request) {
    Objects.requireNonNull(request, "request");
    String text = request.text();
    ToneContext probe = new ToneContext(request, profile, profile.language());
    Language language = Languages.guess(text, probe.words(), profile.language());
    ToneContext ctx = language == profile.language() ? probe
        : new ToneContext(request, profile, language);
    List<Finding> found = new ArrayList<>();
    for (ToneRule rule : rules) {
      if (!rule.appliesTo(request.kind(), request.direction())
          || (request.publication() && !rule.appliesToPublications())) {
        continue;
      }
      Optional<Severity> severity = profile.severity(rule);
      if (severity.isEmpty()) {
        continue;
      }
      Findings sink = new Findings(rule.id(), severity.get(), text.length());
      try {
        rule.check(ctx, sink);
        found.addAll(sink.list());
      } catch (RuntimeException e) {
        // One broken rule must not stop the others, nor hide that it did not run.
        log.warn("tone rule {} failed", rule.id(), e);
        found.add(new Finding(rule.id(), Severity.INFO, new TextSpan(0, 0),
            org.webcare4j.core.internal.text.Messages.get(profile.language().code(), "RULE_FAILED",
                rule.id()), Optional.empty(), Optional.empty()));
      }
    }
    found.sort(Comparator.comparingInt((Finding f) -> f.span().start())
        .thenComparing(Finding::severity));
    return new ToneReport(text, language, found, fix(text, found));
  }

  /**
   * Classifies what an inwoner sent: the flags the inbound rules raise.
   *
   * @param request an {@linkplain ToneRequest#inbound inbound} request
   * @return the flags, possibly none
   */
  public Set<MessageFlag> classify(ToneRequest request) {
    Set<MessageFlag> flags = EnumSet.noneOf(MessageFlag.class);
    for (Finding f : check(request).findings()) {
      for (MessageFlag flag : MessageFlag.values()) {
        if (flag.name().equals(f.rule())) {
          flags.add(flag);
        }
      }
    }
    return flags;
  }

  private static Optional<String> fix(String text, List<Finding> findings) {
    List<Finding> fixes = findings.stream().filter(f -> f.replacement().isPresent()).toList();
    if (fixes.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Finding f : fixes) {
      if (f.span().start() < at) {
        continue; // overlaps a fix already applied
      }
      out.append(text, at, f.span().start()).append(f.replacement().get());
      at = f.span().end();
    }
    out.append(text.substring(at));
    return Optional.of(out.toString());
  }
}
