package org.webcare4j.core.error;

/**
 * The root of every exception webcare4j throws; catch a subclass to act on a specific failure.
 *
 * <p>All webcare4j exceptions are unchecked. Their messages never contain secrets, tokens or the
 * text of an inwoner's message, so they are safe to log.
 */
public class WebcareException extends RuntimeException {

  /**
   * Creates an exception with a message that is safe to log.
   *
   * @param message what went wrong, without secrets or personal data
   */
  public WebcareException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message that is safe to log and its cause.
   *
   * @param message what went wrong, without secrets or personal data
   * @param cause the underlying failure
   */
  public WebcareException(String message, Throwable cause) {
    super(message, cause);
  }
}
