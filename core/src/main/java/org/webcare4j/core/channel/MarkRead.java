package org.webcare4j.core.channel;

import java.util.Objects;
import org.webcare4j.core.model.ChannelId;

/**
 * Tell the platform that the organisation read an inbound message (the blue ticks on WhatsApp).
 *
 * @param channel the channel
 * @param platformThreadId the thread the message is in
 * @param platformMessageId the platform's id of the inbound message
 */
public record MarkRead(ChannelId channel, String platformThreadId, String platformMessageId)
    implements OutboundOperation {

  public MarkRead {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(platformThreadId, "platformThreadId");
    Objects.requireNonNull(platformMessageId, "platformMessageId");
  }

  @Override
  public Capability requires() {
    return Capability.READ_RECEIPTS;
  }

  @Override
  public String orderingKey() {
    return "thread:" + platformThreadId;
  }
}
