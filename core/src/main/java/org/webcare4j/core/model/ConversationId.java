package org.webcare4j.core.model;

/**
 * webcare4j's own stable id of one conversation, independent of any platform's id.
 *
 * @param value an opaque, non-blank string of at most 200 characters
 */
public record ConversationId(String value) {

  public ConversationId {
    Ids.requireValid(value, "conversationId");
  }

  /**
   * Creates an id from its stored form.
   *
   * @param value the id
   * @return the id
   */
  public static ConversationId of(String value) {
    return new ConversationId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
