package org.webcare4j.core.tone;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link ToneRule} reports what it found. The severity comes from the profile; the rule
 * gives the place, the message and, where it has them, advice or a safe fix.
 */
public final class Findings {
  private final String rule;
  private final Severity severity;
  private final int textLength;
  private final List<Finding> found = new ArrayList<>();

  Findings(String rule, Severity severity, int textLength) {
    this.rule = rule;
    this.severity = severity;
    this.textLength = textLength;
  }

  /**
   * Reports a finding.
   *
   * @param span where in the text
   * @param message what is wrong
   */
  public void add(TextSpan span, String message) {
    add(span, message, Optional.empty(), Optional.empty());
  }

  /**
   * Reports a finding with advice for the agent.
   *
   * @param span where in the text
   * @param message what is wrong
   * @param suggestion advice or a better wording
   */
  public void suggest(TextSpan span, String message, String suggestion) {
    add(span, message, Optional.of(suggestion), Optional.empty());
  }

  /**
   * Reports a finding with a safe automatic fix: a replacement that cannot change what the
   * reply means.
   *
   * @param span the part to replace; empty to insert at its position
   * @param message what is wrong
   * @param replacement the text to put in place of the span
   */
  public void fix(TextSpan span, String message, String replacement) {
    add(span, message, Optional.of(replacement), Optional.of(replacement));
  }

  private void add(TextSpan span, String message, Optional<String> suggestion,
      Optional<String> replacement) {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(message, "message");
    if (span.end() > textLength) {
      throw new IllegalArgumentException(
          "span " + span + " lies outside a text of length " + textLength);
    }
    found.add(new Finding(rule, severity, span, message, suggestion, replacement));
  }

  List<Finding> list() {
    return found;
  }
}
