package org.webcare4j.core.channel;

import java.util.Objects;
import org.webcare4j.core.model.ChannelId;

/**
 * Hide a public comment from everyone but its author and their friends, or show it again: what
 * a webcare team does with cursing or with personal data posted in public.
 *
 * @param channel the channel
 * @param platformThreadId the comment thread it is in
 * @param platformCommentId the platform's id of the comment
 * @param hidden true to hide, false to show again
 */
public record HideComment(ChannelId channel, String platformThreadId, String platformCommentId,
    boolean hidden) implements OutboundOperation {

  public HideComment {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(platformThreadId, "platformThreadId");
    Objects.requireNonNull(platformCommentId, "platformCommentId");
  }

  @Override
  public Capability requires() {
    return Capability.HIDE_COMMENTS;
  }

  @Override
  public String orderingKey() {
    return "thread:" + platformThreadId;
  }
}
