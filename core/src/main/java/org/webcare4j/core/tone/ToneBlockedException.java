package org.webcare4j.core.tone;

import java.util.stream.Collectors;
import org.webcare4j.core.error.WebcareException;
import org.webcare4j.core.tone.ToneReport;

/**
 * A reply refused because tone rules block it. Send it anyway only with a named person's
 * override and a reason ({@link org.webcare4j.core.ReplyDraft#override(String, String)}), which is recorded with the
 * message.
 */
public final class ToneBlockedException extends WebcareException {
  private final transient ToneReport report;

  /**
   * Creates the exception.
   *
   * @param report the report with the blocking findings
   */
  public ToneBlockedException(ToneReport report) {
    super("the reply is blocked by tone rules: " + report.blocking().stream()
        .map(f -> f.rule()).distinct().collect(Collectors.joining(", ")));
    this.report = report;
  }

  /**
   * Returns the report, with the blocking findings and where they are.
   *
   * @return the report
   */
  public ToneReport report() {
    return report;
  }
}
