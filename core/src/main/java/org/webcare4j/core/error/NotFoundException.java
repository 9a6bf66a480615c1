package org.webcare4j.core.error;

/** A conversation, message or publication that the store does not hold. */
public final class NotFoundException extends WebcareException {
  private final String id;

  /**
   * Creates the exception.
   *
   * @param what the kind of thing, such as "conversation"
   * @param id the id that was asked for
   */
  public NotFoundException(String what, String id) {
    super("no " + what + " with id " + id);
    this.id = id;
  }

  /**
   * Returns the id that was asked for.
   *
   * @return the id
   */
  public String id() {
    return id;
  }
}
