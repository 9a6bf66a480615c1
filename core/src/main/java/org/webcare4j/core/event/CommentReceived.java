package org.webcare4j.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;

/**
 * A public comment or reply on a post. Comments are grouped into one public conversation per
 * {@code threadId} (typically the post plus the top-level comment). A comment whose author has
 * role {@code ORGANISATION} was written by the organisation outside webcare4j.
 *
 * @param channel the channel
 * @param platformId the platform's id of the comment
 * @param threadId the id of the public thread it belongs to
 * @param postId the platform's id of the post it hangs under
 * @param parentId the platform id of the comment it replies to, if any
 * @param author who wrote it
 * @param text its text
 * @param attachments media attached to it
 * @param context a short description of the post, for the inbox, if known
 * @param occurredAt the platform's timestamp
 */
public record CommentReceived(
    ChannelId channel,
    String platformId,
    String threadId,
    String postId,
    Optional<String> parentId,
    Participant author,
    String text,
    List<Attachment> attachments,
    Optional<String> context,
    Instant occurredAt)
    implements InboundEvent {

  public CommentReceived {
    Objects.requireNonNull(channel, "channel");
    Checks.id(platformId, "platformId");
    Checks.id(threadId, "threadId");
    Checks.id(postId, "postId");
    Checks.optionalId(parentId, "parentId");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(text, "text");
    attachments = List.copyOf(attachments);
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  @Override
  public String dedupeKey() {
    return "comment:" + platformId;
  }
}
