package org.webcare4j.core.outbox;

import java.util.Objects;

/**
 * webcare4j's id of one outbox entry.
 *
 * @param value an opaque, non-blank string
 */
public record OutboxId(String value) {

  public OutboxId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("an outbox id must not be blank");
    }
  }

  /**
   * Creates an id from its stored form.
   *
   * @param value the id
   * @return the id
   */
  public static OutboxId of(String value) {
    return new OutboxId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
