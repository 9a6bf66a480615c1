package org.webcare4j.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;

/**
 * A public post that mentions the organisation's account (an X post, an Instagram caption).
 *
 * @param channel the channel
 * @param platformId the platform's id of the post
 * @param threadId the id of the public thread it belongs to (an X conversation id)
 * @param author who wrote it
 * @param text its text
 * @param attachments media attached to it
 * @param inReplyTo the platform id of the post it answers, if any
 * @param occurredAt the platform's timestamp
 */
public record MentionReceived(
    ChannelId channel,
    String platformId,
    String threadId,
    Participant author,
    String text,
    List<Attachment> attachments,
    Optional<String> inReplyTo,
    Instant occurredAt)
    implements InboundEvent {

  public MentionReceived {
    Objects.requireNonNull(channel, "channel");
    Checks.id(platformId, "platformId");
    Checks.id(threadId, "threadId");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(text, "text");
    attachments = List.copyOf(attachments);
    Checks.optionalId(inReplyTo, "inReplyTo");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  @Override
  public String dedupeKey() {
    return "mention:" + platformId;
  }
}
