package org.webcare4j.core.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;

/**
 * An inwoner reacted to a message with an emoji, or took a reaction back.
 *
 * @param channel the channel
 * @param platformId the platform's id of the reaction event
 * @param targetPlatformId the platform id of the message reacted to
 * @param author who reacted
 * @param emoji the emoji; empty when the reaction was removed
 * @param occurredAt the platform's timestamp
 */
public record ReactionReceived(
    ChannelId channel,
    String platformId,
    String targetPlatformId,
    Participant author,
    Optional<String> emoji,
    Instant occurredAt)
    implements InboundEvent {

  public ReactionReceived {
    Objects.requireNonNull(channel, "channel");
    Checks.id(platformId, "platformId");
    Checks.id(targetPlatformId, "targetPlatformId");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(emoji, "emoji");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  @Override
  public String dedupeKey() {
    return "reaction:" + platformId;
  }
}
