package org.webcare4j.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;

/**
 * A private message: a WhatsApp or Messenger message, an Instagram or X DM, an e-mail, a chat
 * line. A message whose sender has role {@code ORGANISATION} is an echo of one the organisation
 * sent outside webcare4j and is stored as outbound.
 *
 * @param channel the channel
 * @param platformId the platform's id of the message
 * @param threadId the platform's id of the private thread it belongs to
 * @param sender who sent it
 * @param text its text; empty when it has only attachments
 * @param attachments media, locations or cards
 * @param inReplyTo the platform id of the message it answers, if any
 * @param subject an e-mail subject, if any
 * @param occurredAt the platform's timestamp
 */
public record MessageReceived(
    ChannelId channel,
    String platformId,
    String threadId,
    Participant sender,
    String text,
    List<Attachment> attachments,
    Optional<String> inReplyTo,
    Optional<String> subject,
    Instant occurredAt)
    implements InboundEvent {

  public MessageReceived {
    Objects.requireNonNull(channel, "channel");
    Checks.id(platformId, "platformId");
    Checks.id(threadId, "threadId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(text, "text");
    attachments = List.copyOf(attachments);
    Checks.optionalId(inReplyTo, "inReplyTo");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  /**
   * Creates a plain text message without attachments, reply context or subject.
   *
   * @param channel the channel
   * @param platformId the platform's id of the message
   * @param threadId the platform's id of the thread
   * @param sender who sent it
   * @param text the text
   * @param occurredAt the platform's timestamp
   * @return the event
   */
  public static MessageReceived text(
      ChannelId channel,
      String platformId,
      String threadId,
      Participant sender,
      String text,
      Instant occurredAt) {
    return new MessageReceived(
        channel,
        platformId,
        threadId,
        sender,
        text,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        occurredAt);
  }

  @Override
  public String dedupeKey() {
    return "message:" + platformId;
  }
}
