package org.webcare4j.core.outbox;

/** Where an outbox entry stands. */
public enum OutboxState {
  /** Stored, waiting for its turn (possibly after a retry delay or a rate-limit pause). */
  QUEUED(false),
  /** Being carried out right now by one instance. */
  SENDING(false),
  /** Carried out; the platform's id is recorded. */
  SENT(true),
  /** Refused by the platform for good; the platform's code and reason are recorded. */
  FAILED(true),
  /** Failed transiently more often than the retry budget allows. */
  DEAD(true),
  /**
   * An attempt was cut off (a crash, a timeout after the request left) and the platform offers no
   * way to look up whether it arrived: webcare4j will not guess. A person checks the platform and
   * resends if needed.
   */
  POSSIBLY_SENT(true),
  /**
   * Withdrawn before it was carried out: a publication's post whose publication was paused or
   * taken back meanwhile. Releasing the publication queues a new entry.
   */
  CANCELLED(true);

  private final boolean terminal;

  OutboxState(boolean terminal) {
    this.terminal = terminal;
  }

  /**
   * Tells whether the dispatcher is done with an entry in this state.
   *
   * @return true for sent, failed, dead, possibly sent and cancelled
   */
  public boolean isTerminal() {
    return terminal;
  }
}
