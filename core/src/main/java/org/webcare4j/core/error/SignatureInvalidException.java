package org.webcare4j.core.error;

import java.util.Objects;

/**
 * A webhook call whose signature is missing, malformed or does not match the body; the body was
 * not parsed.
 */
public final class SignatureInvalidException extends WebhookException {

  /** Why a signature was refused. */
  public enum Reason {
    /** The request carries no signature header: answered with 401. */
    MISSING(401),
    /** The header is present but not in the platform's format: answered with 403. */
    MALFORMED(403),
    /** The signature does not match the body under the configured secret: answered with 403. */
    MISMATCH(403);

    private final int httpStatus;

    Reason(int httpStatus) {
      this.httpStatus = httpStatus;
    }
  }

  private final Reason reason;

  /**
   * Creates a refusal for the given reason.
   *
   * @param reason why the signature was refused
   * @param message a description naming the header, never its value or the secret
   */
  public SignatureInvalidException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason").httpStatus, message);
    this.reason = reason;
  }

  /**
   * Returns why the signature was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
