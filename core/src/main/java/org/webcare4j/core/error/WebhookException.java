package org.webcare4j.core.error;

/**
 * An inbound webhook call that the library refused; {@link #httpStatus()} is the answer the
 * platform gets.
 */
public abstract class WebhookException extends WebcareException {
  private final int httpStatus;

  /**
   * Creates a refusal answered with the given HTTP status.
   *
   * @param httpStatus the status code sent back to the caller
   * @param message why the call was refused, safe to log and to send back
   */
  protected WebhookException(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
  }

  /**
   * Creates a refusal answered with the given HTTP status.
   *
   * @param httpStatus the status code sent back to the caller
   * @param message why the call was refused, safe to log and to send back
   * @param cause the underlying failure
   */
  protected WebhookException(int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /**
   * Returns the HTTP status that answers the refused call.
   *
   * @return an HTTP status code in the 4xx range
   */
  public int httpStatus() {
    return httpStatus;
  }
}
