package org.webcare4j.core.model;

/**
 * How far a message got. Outbound messages move {@code QUEUED → SENT → DELIVERED → READ}, or end
 * {@code FAILED}; inbound messages are {@code RECEIVED}.
 */
public enum DeliveryStatus {
  /** Stored in the outbox, not yet accepted by the platform. */
  QUEUED(0),
  /** Accepted by the platform. */
  SENT(1),
  /** Delivered to the inwoner's device or inbox. */
  DELIVERED(2),
  /** Read by the inwoner. */
  READ(3),
  /** Refused or undeliverable; the message carries the platform's reason. */
  FAILED(1),
  /** An inbound message, received from the platform. */
  RECEIVED(0);

  private final int rank;

  DeliveryStatus(int rank) {
    this.rank = rank;
  }

  /**
   * Tells whether a status report may replace this status. Reports arrive out of order, so a
   * message never moves back: a late "delivered" does not undo "read", and a failure after
   * delivery is ignored.
   *
   * @param next the reported status
   * @return true when the message should take the reported status
   */
  public boolean canAdvanceTo(DeliveryStatus next) {
    if (this == RECEIVED || next == RECEIVED || next == QUEUED || this == FAILED) {
      return false;
    }
    if (next == FAILED) {
      return this == QUEUED || this == SENT;
    }
    return next.rank > rank;
  }
}
