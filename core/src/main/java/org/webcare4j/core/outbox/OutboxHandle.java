package org.webcare4j.core.outbox;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.webcare4j.core.model.MessageId;

/**
 * A caller's view of one outbox entry: its current state, and a way to wait for its outcome.
 */
public interface OutboxHandle {

  /**
   * Returns the entry's id.
   *
   * @return the id
   */
  OutboxId id();

  /**
   * Returns the stored message this entry sends, if it sends one.
   *
   * @return the message id, or empty for operations that are not messages
   */
  java.util.Optional<MessageId> message();

  /**
   * Reads the entry as stored now.
   *
   * @return the entry
   */
  OutboxEntry current();

  /**
   * Returns a future completed with the entry once it reaches a terminal state, whichever
   * instance carried it out.
   *
   * @return the future; it never completes exceptionally for a platform failure, which is a
   *     terminal state like any other
   */
  CompletableFuture<OutboxEntry> completion();

  /**
   * Waits for a terminal state.
   *
   * @param timeout how long to wait at most
   * @return the entry in its terminal state
   * @throws java.util.concurrent.TimeoutException when it is still under way after the timeout
   * @throws InterruptedException when the waiting thread is interrupted
   */
  OutboxEntry await(Duration timeout)
      throws java.util.concurrent.TimeoutException, InterruptedException;
}
