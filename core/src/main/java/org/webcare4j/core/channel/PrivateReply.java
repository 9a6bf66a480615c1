package org.webcare4j.core.channel;

import java.util.Objects;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.Participant;

/**
 * Answer a public comment with a private message, moving the inwoner from the public thread to a
 * private one; the platform allows one such reply per comment.
 *
 * @param channel the channel
 * @param publicConversation the public thread the comment is in
 * @param platformThreadId that thread's platform id
 * @param platformCommentId the comment answered
 * @param author who writes it
 * @param text the private message
 */
public record PrivateReply(ChannelId channel, ConversationId publicConversation,
    String platformThreadId, String platformCommentId, Participant author, String text)
    implements OutboundOperation {

  public PrivateReply {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(publicConversation, "publicConversation");
    Objects.requireNonNull(platformThreadId, "platformThreadId");
    Objects.requireNonNull(platformCommentId, "platformCommentId");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a private reply has text");
    }
  }

  @Override
  public Capability requires() {
    return Capability.PRIVATE_REPLY_TO_COMMENT;
  }

  @Override
  public String orderingKey() {
    return "thread:" + platformThreadId;
  }
}
