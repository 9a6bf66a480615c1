package org.webcare4j.core.channel;

import java.util.Objects;
import org.webcare4j.core.model.ChannelId;

/**
 * Delete one of the organisation's own comments or posts.
 *
 * @param channel the channel
 * @param platformThreadId the thread it is in
 * @param platformId the platform's id of the comment or post
 */
public record DeleteComment(ChannelId channel, String platformThreadId, String platformId)
    implements OutboundOperation {

  public DeleteComment {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(platformThreadId, "platformThreadId");
    Objects.requireNonNull(platformId, "platformId");
  }

  @Override
  public Capability requires() {
    return Capability.DELETE_OWN;
  }

  @Override
  public String orderingKey() {
    return "thread:" + platformThreadId;
  }
}
