package org.webcare4j.core.publish;

import java.util.stream.Collectors;
import org.webcare4j.core.error.WebcareException;
import org.webcare4j.core.publish.PublicationReport;

/**
 * A publication that cannot be scheduled as it stands: a variant breaks a channel's post rules
 * (length, media, link) or a tone rule blocks it. The report says which, where and on which
 * channel; fix the content and try again.
 */
public final class InvalidPublicationException extends WebcareException {
  private final transient PublicationReport report;

  /**
   * Creates the exception.
   *
   * @param report the validation report with the blocking findings
   */
  public InvalidPublicationException(PublicationReport report) {
    super("the publication cannot be scheduled: " + report.channels().values().stream()
        .filter(c -> !c.blocking().isEmpty())
        .map(c -> c.channel() + " (" + c.blocking().stream().map(f -> f.rule()).distinct()
            .collect(Collectors.joining(", ")) + ")")
        .collect(Collectors.joining("; ")));
    this.report = report;
  }

  /**
   * Returns the report.
   *
   * @return the per-channel findings
   */
  public PublicationReport report() {
    return report;
  }
}
