package org.webcare4j.core.event;

import java.time.Instant;
import java.util.Objects;
import org.webcare4j.core.model.ChannelId;

/**
 * A comment or message was removed on the platform.
 *
 * @param channel the channel
 * @param platformId the platform's id of the removed comment
 * @param occurredAt the platform's timestamp
 */
public record CommentDeleted(ChannelId channel, String platformId, Instant occurredAt)
    implements InboundEvent {

  public CommentDeleted {
    Objects.requireNonNull(channel, "channel");
    Checks.id(platformId, "platformId");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  @Override
  public String dedupeKey() {
    return "deleted:" + platformId;
  }
}
