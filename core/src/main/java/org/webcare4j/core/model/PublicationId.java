package org.webcare4j.core.model;

/**
 * webcare4j's own stable id of one publication, independent of any platform's id.
 *
 * @param value an opaque, non-blank string of at most 200 characters
 */
public record PublicationId(String value) {

  public PublicationId {
    Ids.requireValid(value, "publicationId");
  }

  /**
   * Creates an id from its stored form.
   *
   * @param value the id
   * @return the id
   */
  public static PublicationId of(String value) {
    return new PublicationId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
