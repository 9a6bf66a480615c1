package org.webcare4j.core.event;

import java.time.Instant;
import java.util.Objects;
import org.webcare4j.core.model.ChannelId;

/**
 * A comment's author changed its text.
 *
 * @param channel the channel
 * @param platformId the platform's id of the comment
 * @param text the new text
 * @param occurredAt the platform's timestamp of the edit
 */
public record CommentEdited(ChannelId channel, String platformId, String text, Instant occurredAt)
    implements InboundEvent {

  public CommentEdited {
    Objects.requireNonNull(channel, "channel");
    Checks.id(platformId, "platformId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  @Override
  public String dedupeKey() {
    return "edited:" + platformId + ":" + occurredAt.toEpochMilli();
  }
}
