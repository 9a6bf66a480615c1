package org.webcare4j.core.error;

import org.webcare4j.core.model.ChannelId;

/**
 * A platform refusal that will not change on retry (a policy violation, an invalid recipient, a
 * bad parameter); the message ends as failed with this reason.
 */
public class PermanentPlatformException extends PlatformException {

  /**
   * Creates a permanent refusal.
   *
   * @param channel the channel whose platform refused
   * @param code the platform's error code
   * @param subcode the platform's sub-code, or empty
   * @param message the platform's message
   * @param traceId the platform's trace id, or empty
   */
  public PermanentPlatformException(
      ChannelId channel, String code, String subcode, String message, String traceId) {
    super(channel, code, subcode, message, traceId, null);
  }

  @Override
  public final boolean isRetryable() {
    return false;
  }
}
