package org.webcare4j.core.model;

/**
 * webcare4j's own stable id of one contact (an inwoner known on one or more channels), independent of any platform's id.
 *
 * @param value an opaque, non-blank string of at most 200 characters
 */
public record ContactId(String value) {

  public ContactId {
    Ids.requireValid(value, "contactId");
  }

  /**
   * Creates an id from its stored form.
   *
   * @param value the id
   * @return the id
   */
  public static ContactId of(String value) {
    return new ContactId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
