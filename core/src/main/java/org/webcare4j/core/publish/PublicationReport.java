package org.webcare4j.core.publish;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.tone.Finding;

/**
 * How a publication holds up on each of its channels.
 *
 * @param channels one report per target channel, in the publication's order
 */
public record PublicationReport(Map<ChannelId, ChannelReport> channels) {

  public PublicationReport {
    channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
  }

  /**
   * Tells whether the publication can be scheduled: no channel has a blocking finding.
   *
   * @return true when nothing blocks
   */
  public boolean schedulable() {
    return channels.values().stream().allMatch(c -> c.blocking().isEmpty());
  }

  /**
   * Returns every blocking finding, of all channels.
   *
   * @return the findings
   */
  public List<Finding> blocking() {
    return channels.values().stream().flatMap(c -> c.blocking().stream()).toList();
  }

  /**
   * Returns one channel's report.
   *
   * @param channel the channel
   * @return its report
   * @throws IllegalArgumentException when the publication does not target it
   */
  public ChannelReport channel(ChannelId channel) {
    ChannelReport r = channels.get(channel);
    if (r == null) {
      throw new IllegalArgumentException("the publication does not target " + channel);
    }
    return r;
  }
}
