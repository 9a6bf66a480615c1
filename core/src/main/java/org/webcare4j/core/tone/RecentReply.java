package org.webcare4j.core.tone;

import java.time.Instant;
import java.util.Objects;
import org.webcare4j.core.model.ConversationId;

/**
 * A reply the team sent recently, which the canned-answer check compares a new reply with.
 *
 * @param conversation the conversation it went to
 * @param text its text
 * @param sentAt when it was written
 */
public record RecentReply(ConversationId conversation, String text, Instant sentAt) {

  public RecentReply {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sentAt, "sentAt");
  }
}
