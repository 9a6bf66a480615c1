package org.webcare4j.core.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.MessageId;

/**
 * An inbound event as stored: its place in the store's event log and what it touched.
 *
 * @param sequence the event's position in the log, increasing
 * @param event the event
 * @param conversation the conversation it was filed under, if any
 * @param message the message it created or changed, if any
 * @param recordedAt when it was stored
 */
public record EventRecord(
    long sequence,
    InboundEvent event,
    Optional<ConversationId> conversation,
    Optional<MessageId> message,
    Instant recordedAt) {

  public EventRecord {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(recordedAt, "recordedAt");
  }
}
