package org.webcare4j.core.channel;

/**
 * What happened to a batch of inbound events handed to the library.
 *
 * @param stored events stored and dispatched for the first time
 * @param duplicates events already stored earlier, skipped
 * @param ignored events for a channel this {@code Webcare} does not know, skipped and logged
 */
public record IngestResult(int stored, int duplicates, int ignored) {

  public IngestResult {
    if (stored < 0 || duplicates < 0 || ignored < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
