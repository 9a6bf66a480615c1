package org.webcare4j.core.model;

/**
 * webcare4j's own stable id of one message, independent of any platform's id.
 *
 * @param value an opaque, non-blank string of at most 200 characters
 */
public record MessageId(String value) {

  public MessageId {
    Ids.requireValid(value, "messageId");
  }

  /**
   * Creates an id from its stored form.
   *
   * @param value the id
   * @return the id
   */
  public static MessageId of(String value) {
    return new MessageId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
