package org.webcare4j.core.channel;

import org.webcare4j.core.model.ChannelId;

/**
 * Something to carry out on a platform through the outbox. Channels implement what they support
 * in {@link org.webcare4j.core.channel.Channel#execute}.
 */
public sealed interface OutboundOperation
    permits SendMessage, MarkRead, HideComment, DeleteComment, PrivateReply, PublishPost {

  /**
   * Returns the channel the operation is for.
   *
   * @return the channel id
   */
  ChannelId channel();

  /**
   * Returns what the channel must be able to do for this operation.
   *
   * @return the capability
   */
  Capability requires();

  /**
   * Returns the key within which operations are carried out in the order they were stored, such
   * as a conversation's thread; operations with different keys may overtake each other.
   *
   * @return the ordering key
   */
  String orderingKey();
}
