package org.webcare4j.core.tone;

import org.webcare4j.core.error.WebcareException;

/** A tone profile file that cannot be used, with where and why. */
public final class InvalidToneProfileException extends WebcareException {

  /**
   * Creates the exception.
   *
   * @param message where in the file and what is wrong
   */
  public InvalidToneProfileException(String message) {
    super(message);
  }
}
