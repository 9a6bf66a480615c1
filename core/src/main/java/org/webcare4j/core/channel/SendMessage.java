package org.webcare4j.core.channel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.MessageId;
import org.webcare4j.core.model.Visibility;

/**
 * Send one message into a conversation: a private message, or a public reply in a comment thread.
 *
 * @param channel the channel
 * @param conversation the conversation it belongs to
 * @param message the stored outbound message this sends
 * @param platformThreadId the platform's id of the thread: the recipient for private messages
 * @param visibility whether the thread is public
 * @param text the text; empty for a template or media-only message
 * @param attachments media to send
 * @param inReplyTo the platform id of the message or comment this answers, if any
 * @param template the approved template to send instead of free text, if any
 * @param recipient the platform id of the inwoner the conversation is with, where it differs
 *     from the thread (an e-mail address), if known
 * @param subject the thread's subject, for channels that carry one (e-mail), if any
 * @param authorName the name of who writes, for channels that show it (an e-mail's display
 *     name), if known
 */
public record SendMessage(
    ChannelId channel,
    ConversationId conversation,
    MessageId message,
    String platformThreadId,
    Visibility visibility,
    String text,
    List<Attachment> attachments,
    Optional<String> inReplyTo,
    Optional<MessageTemplate> template,
    Optional<String> recipient,
    Optional<String> subject,
    Optional<String> authorName)
    implements OutboundOperation {

  public SendMessage {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(platformThreadId, "platformThreadId");
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(text, "text");
    attachments = List.copyOf(attachments);
    Objects.requireNonNull(inReplyTo, "inReplyTo");
    Objects.requireNonNull(template, "template");
    // entries stored before these fields existed read them as null
    recipient = recipient == null ? Optional.empty() : recipient;
    subject = subject == null ? Optional.empty() : subject;
    authorName = authorName == null ? Optional.empty() : authorName;
    if (text.isEmpty() && attachments.isEmpty() && template.isEmpty()) {
      throw new IllegalArgumentException("a message has text, attachments or a template");
    }
  }

  @Override
  public Capability requires() {
    if (template.isPresent()) {
      return Capability.TEMPLATES;
    }
    return visibility == Visibility.PUBLIC ? Capability.PUBLIC_REPLIES
        : Capability.PRIVATE_MESSAGES;
  }

  @Override
  public String orderingKey() {
    return "thread:" + platformThreadId;
  }
}
