package org.webcare4j.core.error;

/** A webhook body larger than the configured limit, refused before it was read whole (413). */
public final class PayloadTooLargeException extends WebhookException {
  private final long limitBytes;

  /**
   * Creates a refusal for a body over the limit.
   *
   * @param limitBytes the configured maximum body size in bytes
   */
  public PayloadTooLargeException(long limitBytes) {
    super(413, "request body exceeds the limit of " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  /**
   * Returns the limit the body exceeded.
   *
   * @return the maximum body size in bytes
   */
  public long limitBytes() {
    return limitBytes;
  }
}
