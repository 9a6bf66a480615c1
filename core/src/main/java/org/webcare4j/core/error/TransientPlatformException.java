package org.webcare4j.core.error;

import org.webcare4j.core.model.ChannelId;

/**
 * A platform failure that may pass (a 5xx, a timeout, a reset connection); the outbox retries it
 * with backoff.
 */
public class TransientPlatformException extends PlatformException {

  /**
   * Creates a transient failure.
   *
   * @param channel the channel whose platform failed
   * @param code the platform's error code or HTTP status
   * @param message what happened
   * @param cause the underlying failure, or {@code null}
   */
  public TransientPlatformException(
      ChannelId channel, String code, String message, Throwable cause) {
    super(channel, code, "", message, "", cause);
  }

  /**
   * Creates a transient failure with the platform's sub-code and trace id.
   *
   * @param channel the channel whose platform failed
   * @param code the platform's error code or HTTP status
   * @param subcode the platform's sub-code, or empty
   * @param message what happened
   * @param traceId the platform's trace id, or empty
   */
  public TransientPlatformException(
      ChannelId channel, String code, String subcode, String message, String traceId) {
    super(channel, code, subcode, message, traceId, null);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
