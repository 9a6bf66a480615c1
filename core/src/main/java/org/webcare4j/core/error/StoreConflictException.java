package org.webcare4j.core.error;

/**
 * A write lost a race: the row was changed by someone else since it was read, or a row with the
 * same unique key was written first. Reading again and retrying is safe.
 */
public final class StoreConflictException extends StoreException {

  /**
   * Creates a conflict.
   *
   * @param message which row conflicted
   */
  public StoreConflictException(String message) {
    super(message);
  }

  /**
   * Creates a conflict.
   *
   * @param message which row conflicted
   * @param cause the database's failure
   */
  public StoreConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
