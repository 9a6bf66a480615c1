package org.webcare4j.core.error;

import org.webcare4j.core.model.ChannelId;

/**
 * The platform no longer accepts the channel's credentials (token expired, revoked, password
 * changed): nothing is retried until an administrator reconnects the channel named here.
 */
public final class AuthorizationException extends PermanentPlatformException {

  /**
   * Creates a refusal of the channel's credentials.
   *
   * @param channel the channel to reconnect
   * @param code the platform's error code
   * @param subcode the platform's sub-code, or empty
   * @param message the platform's message
   * @param traceId the platform's trace id, or empty
   */
  public AuthorizationException(
      ChannelId channel, String code, String subcode, String message, String traceId) {
    super(channel, code, subcode, message, traceId);
  }
}
