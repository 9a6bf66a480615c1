package org.webcare4j.core.error;

/**
 * A correctly signed webhook or API answer whose body could not be read as the platform's
 * documented format; answered with 400 when it arrived as a webhook.
 */
public final class MalformedPayloadException extends WebhookException {

  /**
   * Creates a refusal with a reason that is sent back to the caller.
   *
   * @param message what is wrong with the body, without quoting personal data from it
   */
  public MalformedPayloadException(String message) {
    super(400, message);
  }

  /**
   * Creates a refusal with a reason that is sent back to the caller.
   *
   * @param message what is wrong with the body, without quoting personal data from it
   * @param cause the parser's failure
   */
  public MalformedPayloadException(String message, Throwable cause) {
    super(400, message, cause);
  }
}
