package org.webcare4j.core.error;

import java.util.Optional;
import org.webcare4j.core.model.ChannelId;

/**
 * A refusal or failure reported by a platform's API, carrying the platform's own error code so a
 * caller can act on it. The subclass says whether trying again can help.
 */
public abstract class PlatformException extends WebcareException {
  private final ChannelId channel;
  private final String code;
  private final String subcode;
  private final String traceId;

  /**
   * Creates a platform failure.
   *
   * @param channel the channel whose platform answered
   * @param code the platform's error code, or an HTTP status as text when it gave none
   * @param subcode the platform's sub-code, or empty
   * @param message the platform's message, which must not contain secrets
   * @param traceId the platform's trace id for support requests, or empty
   * @param cause the underlying failure, or {@code null}
   */
  protected PlatformException(
      ChannelId channel,
      String code,
      String subcode,
      String message,
      String traceId,
      Throwable cause) {
    super(channel.value() + ": " + message + " (code " + code
        + (subcode.isEmpty() ? "" : ", subcode " + subcode) + ")", cause);
    this.channel = channel;
    this.code = code;
    this.subcode = subcode;
    this.traceId = traceId;
  }

  /**
   * Returns the channel whose platform answered.
   *
   * @return the channel id
   */
  public ChannelId channel() {
    return channel;
  }

  /**
   * Returns the platform's error code.
   *
   * @return the code as the platform gave it, or the HTTP status as text
   */
  public String code() {
    return code;
  }

  /**
   * Returns the platform's sub-code, where it gives one.
   *
   * @return the sub-code, or empty
   */
  public Optional<String> subcode() {
    return subcode.isEmpty() ? Optional.empty() : Optional.of(subcode);
  }

  /**
   * Returns the platform's trace id for support requests, where it gives one.
   *
   * @return the trace id, or empty
   */
  public Optional<String> traceId() {
    return traceId.isEmpty() ? Optional.empty() : Optional.of(traceId);
  }

  /**
   * Tells whether the same request may succeed later.
   *
   * @return true when retrying can help
   */
  public abstract boolean isRetryable();
}
