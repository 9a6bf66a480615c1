package org.webcare4j.core.event;

import java.time.Instant;
import java.util.Objects;
import org.webcare4j.core.model.ChannelId;

/**
 * A comment was hidden from or shown to the public again, possibly by someone using the
 * platform's own tools.
 *
 * @param channel the channel
 * @param platformId the platform's id of the comment
 * @param hidden true when hidden, false when shown again
 * @param occurredAt the platform's timestamp
 */
public record CommentHidden(
    ChannelId channel, String platformId, boolean hidden, Instant occurredAt)
    implements InboundEvent {

  public CommentHidden {
    Objects.requireNonNull(channel, "channel");
    Checks.id(platformId, "platformId");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  @Override
  public String dedupeKey() {
    return (hidden ? "hidden:" : "unhidden:") + platformId + ":" + occurredAt.toEpochMilli();
  }
}
