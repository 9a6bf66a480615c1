package org.webcare4j.core.event;

import java.time.Instant;
import org.webcare4j.core.model.ChannelId;

/**
 * Something a channel reported, normalised across platforms. Each event has a {@link
 * #dedupeKey()} that is the same every time the platform delivers the same happening, so that a
 * retried or duplicated delivery is stored and dispatched once.
 */
public sealed interface InboundEvent
    permits MessageReceived,
        CommentReceived,
        MentionReceived,
        ReactionReceived,
        DeliveryStatusChanged,
        CommentEdited,
        CommentDeleted,
        CommentHidden {

  /**
   * Returns the channel that reported the event.
   *
   * @return the channel id
   */
  ChannelId channel();

  /**
   * Returns when it happened, by the platform's clock.
   *
   * @return the platform's timestamp
   */
  Instant occurredAt();

  /**
   * Returns the key under which this happening is recorded once per channel.
   *
   * @return a key unique per channel for this happening
   */
  String dedupeKey();
}
