package org.webcare4j.core.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.DeliveryFailure;

/**
 * One stored operation and how far it got.
 *
 * @param id webcare4j's id
 * @param idempotencyKey the caller's key: one key is carried out at most once
 * @param channel the channel it goes out on
 * @param operation what to carry out
 * @param state where it stands
 * @param attempts how many times it was handed to the platform
 * @param createdAt when it was stored
 * @param nextAttemptAt when it may next be tried (after a retry delay or a rate-limit pause)
 * @param updatedAt when it last changed
 * @param result the platform's answer, once sent
 * @param failure the reason, once failed, dead or possibly sent
 * @param claimedBy the instance carrying it out, while sending
 * @param version the store's optimistic-locking version
 */
public record OutboxEntry(
    OutboxId id,
    String idempotencyKey,
    ChannelId channel,
    OutboundOperation operation,
    OutboxState state,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    Instant updatedAt,
    Optional<OperationResult> result,
    Optional<DeliveryFailure> failure,
    Optional<String> claimedBy,
    long version) {

  public OutboxEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      throw new IllegalArgumentException("an idempotency key is 1 to 200 characters");
    }
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(operation, "operation");
    if (!operation.channel().equals(channel)) {
      throw new IllegalArgumentException("the operation is for another channel");
    }
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(claimedBy, "claimedBy");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative");
    }
    if (result.isPresent() != (state == OutboxState.SENT)) {
      throw new IllegalArgumentException("a result goes with SENT, and only there");
    }
  }

  /**
   * Returns a new, queued entry.
   *
   * @param id webcare4j's id
   * @param idempotencyKey the caller's key
   * @param operation what to carry out
   * @param now the time it is stored
   * @return the entry
   */
  public static OutboxEntry queued(OutboxId id, String idempotencyKey,
      OutboundOperation operation, Instant now) {
    return new OutboxEntry(id, idempotencyKey, operation.channel(), operation, OutboxState.QUEUED,
        0, now, now, now, Optional.empty(), Optional.empty(), Optional.empty(), 0);
  }

  /**
   * Returns the key within which entries go out in order.
   *
   * @return the operation's ordering key
   */
  public String orderingKey() {
    return operation.orderingKey();
  }

  /**
   * Returns a copy claimed by an instance for sending.
   *
   * @param owner the instance's id
   * @param now the time
   * @return the claimed entry
   */
  public OutboxEntry sending(String owner, Instant now) {
    return new OutboxEntry(id, idempotencyKey, channel, operation, OutboxState.SENDING, attempts,
        createdAt, nextAttemptAt, now, Optional.empty(), Optional.empty(), Optional.of(owner),
        version);
  }

  /**
   * Returns a copy queued again for a later attempt.
   *
   * @param at when to try again
   * @param attemptsSoFar the attempts counted so far
   * @param lastFailure why the last attempt did not succeed, if it failed
   * @param now the time
   * @return the re-queued entry
   */
  public OutboxEntry requeued(Instant at, int attemptsSoFar, Optional<DeliveryFailure> lastFailure,
      Instant now) {
    return new OutboxEntry(id, idempotencyKey, channel, operation, OutboxState.QUEUED,
        attemptsSoFar, createdAt, at, now, Optional.empty(), lastFailure, Optional.empty(),
        version);
  }

  /**
   * Returns a copy marked sent.
   *
   * @param result the platform's answer
   * @param attemptsSoFar the attempts counted
   * @param now the time
   * @return the sent entry
   */
  public OutboxEntry sent(OperationResult result, int attemptsSoFar, Instant now) {
    return new OutboxEntry(id, idempotencyKey, channel, operation, OutboxState.SENT,
        attemptsSoFar, createdAt, nextAttemptAt, now, Optional.of(result), Optional.empty(),
        Optional.empty(), version);
  }

  /**
   * Returns a copy ended in a state other than sent.
   *
   * @param end {@code FAILED}, {@code DEAD}, {@code POSSIBLY_SENT} or {@code CANCELLED}
   * @param why the reason
   * @param attemptsSoFar the attempts counted
   * @param now the time
   * @return the ended entry
   */
  public OutboxEntry ended(OutboxState end, DeliveryFailure why, int attemptsSoFar, Instant now) {
    if (!end.isTerminal() || end == OutboxState.SENT) {
      throw new IllegalArgumentException("not a failure state: " + end);
    }
    return new OutboxEntry(id, idempotencyKey, channel, operation, end, attemptsSoFar, createdAt,
        nextAttemptAt, now, Optional.empty(), Optional.of(why), Optional.empty(), version);
  }

  /**
   * Returns a copy with another version; stores set this.
   *
   * @param newVersion the version
   * @return the entry with that version
   */
  public OutboxEntry withVersion(long newVersion) {
    return new OutboxEntry(id, idempotencyKey, channel, operation, state, attempts, createdAt,
        nextAttemptAt, updatedAt, result, failure, claimedBy, newVersion);
  }
}
