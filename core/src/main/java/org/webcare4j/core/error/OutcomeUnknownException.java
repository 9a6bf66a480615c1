package org.webcare4j.core.error;

import org.webcare4j.core.model.ChannelId;

/**
 * A call broke off after the request had left (a read timeout, a reset connection): the platform
 * may or may not have carried it out. The outbox never repeats such a call blindly; it looks the
 * result up where the platform allows, and otherwise marks the entry possibly sent.
 */
public final class OutcomeUnknownException extends TransientPlatformException {

  /**
   * Creates the exception.
   *
   * @param channel the channel whose call broke off
   * @param message what happened
   * @param cause the I/O failure
   */
  public OutcomeUnknownException(ChannelId channel, String message, Throwable cause) {
    super(channel, "OUTCOME_UNKNOWN", message, cause);
  }
}
