package org.webcare4j.core.tone;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing a tone rule found in a text.
 *
 * @param rule the rule's stable id, such as {@code PERSONAL_OPINION}
 * @param severity how much it matters under the profile in use
 * @param span where in the text
 * @param message what is wrong, in the profile's language
 * @param suggestion advice or a better wording for the agent, if the rule has one
 * @param replacement a safe automatic fix: the text to put in place of {@code span}; only for
 *     fixes that cannot change the meaning (a sign-off added, a house-style word swapped)
 */
public record Finding(
    String rule,
    Severity severity,
    TextSpan span,
    String message,
    Optional<String> suggestion,
    Optional<String> replacement) {

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(suggestion, "suggestion");
    Objects.requireNonNull(replacement, "replacement");
  }
}
