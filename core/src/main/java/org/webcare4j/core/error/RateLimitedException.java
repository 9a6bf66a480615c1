package org.webcare4j.core.error;

import java.time.Duration;
import org.webcare4j.core.model.ChannelId;

/**
 * The platform refused a call because a rate limit is exhausted; retry after {@link
 * #retryAfter()}, never sooner.
 */
public final class RateLimitedException extends TransientPlatformException {
  private final Duration retryAfter;

  /**
   * Creates a rate-limit refusal.
   *
   * @param channel the channel whose platform refused
   * @param code the platform's error code (or "429")
   * @param subcode the platform's sub-code, or empty
   * @param message the platform's message
   * @param traceId the platform's trace id, or empty
   * @param retryAfter how long the platform asked the caller to wait
   */
  public RateLimitedException(
      ChannelId channel,
      String code,
      String subcode,
      String message,
      String traceId,
      Duration retryAfter) {
    super(channel, code, subcode, message + "; retry after " + retryAfter, traceId);
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
    }
    this.retryAfter = retryAfter;
  }

  /**
   * Returns how long to wait before the next call to this platform endpoint.
   *
   * @return the wait the platform asked for
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
