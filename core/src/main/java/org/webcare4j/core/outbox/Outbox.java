package org.webcare4j.core.outbox;

import java.util.List;
import java.util.Optional;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.ConversationId;

/**
 * Sends through the durable outbox and tells what became of it.
 *
 * <p>{@link #send} stores the message and the outbox entry in one transaction and returns at once;
 * a dispatcher then carries the entry out under the channel's rate limits, retries and circuit
 * breaker, on whichever instance holds the channel's lease.
 */
public interface Outbox {

  /**
   * Sends a message into a conversation.
   *
   * @param conversation the conversation
   * @param message what to send
   * @return a handle to the entry; the same entry's handle when the idempotency key was used
   *     before for the same message
   * @throws org.webcare4j.core.error.NotFoundException when the conversation is not stored
   * @throws org.webcare4j.core.channel.CapabilityNotSupportedException when the channel cannot send it
   * @throws org.webcare4j.core.error.ReplyWindowClosedException when free text is sent after the reply
   *     window closed
   * @throws org.webcare4j.core.error.TextTooLongException when the text exceeds the channel's limit
   * @throws IllegalArgumentException when the idempotency key was used for a different message
   */
  OutboxHandle send(ConversationId conversation, OutboundMessage message);

  /**
   * Queues an operation that is not a message, such as marking a message read.
   *
   * @param operation the operation
   * @param idempotencyKey the caller's key; a second call with it returns the first one's handle
   * @return a handle to the entry
   * @throws org.webcare4j.core.channel.CapabilityNotSupportedException when the channel cannot do it
   */
  OutboxHandle enqueue(OutboundOperation operation, String idempotencyKey);

  /**
   * Returns the handle of a stored entry.
   *
   * @param id the entry's id
   * @return the handle
   * @throws org.webcare4j.core.error.NotFoundException when no such entry is stored
   */
  OutboxHandle handle(OutboxId id);

  /**
   * Reads a stored entry.
   *
   * @param id the entry's id
   * @return the entry, if stored
   */
  Optional<OutboxEntry> entry(OutboxId id);

  /**
   * Lists entries in a state, oldest first: for example everything {@code POSSIBLY_SENT} for a
   * person to check.
   *
   * @param state the state
   * @param limit the most to return
   * @return the entries
   */
  List<OutboxEntry> entries(OutboxState state, int limit);

  /**
   * Queues a dead or possibly-sent entry once more, on a person's say-so after they checked the
   * platform.
   *
   * @param id the entry's id
   * @param person who decided, for the log
   * @return the handle
   * @throws IllegalStateException when the entry is not dead or possibly sent
   */
  OutboxHandle resend(OutboxId id, String person);

  /**
   * Reads a channel's rate-limit budget as the platform last reported it.
   *
   * @param channel the channel
   * @return the budget
   */
  RateBudget budget(ChannelId channel);
}
