package org.webcare4j.core.error;

/** The store failed to read or write; the operation had no effect. */
public class StoreException extends WebcareException {

  /**
   * Creates a store failure.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates a store failure.
   *
   * @param message what failed
   */
  public StoreException(String message) {
    super(message);
  }
}
