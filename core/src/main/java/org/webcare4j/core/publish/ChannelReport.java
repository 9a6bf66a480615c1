package org.webcare4j.core.publish;

import java.util.List;
import java.util.Objects;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.tone.Finding;
import org.webcare4j.core.tone.Severity;

/**
 * How one channel's variant of a publication holds up: the post rules of the channel and the tone
 * rules, as findings. Rule ids of the post rules: {@code CHANNEL_UNAVAILABLE}, {@code POST_EMPTY},
 * {@code POST_LENGTH}, {@code MEDIA_COUNT}, {@code MEDIA_REQUIRED}, {@code MEDIA_KIND}, {@code
 * MEDIA_TYPE}, {@code MEDIA_SIZE}, {@code MEDIA_URL}, {@code LINK}, {@code LINK_NOT_CLICKABLE};
 * the tone rules use their own ids.
 *
 * @param channel the channel
 * @param text the text as it would go out (with the link, where the channel adds it to the text)
 * @param length the text's length, counted the channel's way
 * @param maxLength the channel's limit
 * @param findings what the checks found, most severe first
 */
public record ChannelReport(
    ChannelId channel, String text, int length, int maxLength, List<Finding> findings) {

  public ChannelReport {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(text, "text");
    findings = List.copyOf(findings);
  }

  /**
   * Returns the findings that keep the variant from being scheduled.
   *
   * @return the {@code BLOCK} findings
   */
  public List<Finding> blocking() {
    return findings.stream().filter(f -> f.severity() == Severity.BLOCK).toList();
  }

  /**
   * Tells whether a rule found something.
   *
   * @param rule the rule's id
   * @return true when there is a finding of that rule
   */
  public boolean has(String rule) {
    return findings.stream().anyMatch(f -> f.rule().equals(rule));
  }
}
