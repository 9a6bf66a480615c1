package org.webcare4j.core.tone;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tone rules found in one text.
 *
 * @param text the text checked
 * @param language the language the text was checked as
 * @param findings the findings, in order of their position in the text
 * @param fixedText the text with every safe automatic fix applied, when there was one
 */
public record ToneReport(
    String text, Language language, List<Finding> findings, Optional<String> fixedText) {

  public ToneReport {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(language, "language");
    findings = List.copyOf(findings);
    Objects.requireNonNull(fixedText, "fixedText");
  }

  /**
   * Tells whether the text may be sent without an override: no finding is {@code BLOCK}.
   *
   * @return true when nothing blocks
   */
  public boolean sendable() {
    return blocking().isEmpty();
  }

  /**
   * Returns the findings that block sending.
   *
   * @return the {@code BLOCK} findings
   */
  public List<Finding> blocking() {
    return atLeast(Severity.BLOCK);
  }

  /**
   * Returns the findings of a severity or worse.
   *
   * @param severity the least severity, {@code WARN} for warnings and blocks
   * @return the findings
   */
  public List<Finding> atLeast(Severity severity) {
    return findings.stream().filter(f -> f.severity().compareTo(severity) <= 0).toList();
  }

  /**
   * Returns the findings of one rule.
   *
   * @param rule the rule id
   * @return its findings, possibly none
   */
  public List<Finding> findings(String rule) {
    return findings.stream().filter(f -> f.rule().equals(rule)).toList();
  }

  /**
   * Tells whether a rule found something.
   *
   * @param rule the rule id
   * @return true when it did
   */
  public boolean has(String rule) {
    return findings.stream().anyMatch(f -> f.rule().equals(rule));
  }
}
