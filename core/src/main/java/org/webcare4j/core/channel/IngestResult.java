package org.webcare4j.core.channel;

/**
 * What happened to a batch of inbound events handed to the library.
 *
 * @param stored events stored and dispatched for the first time
 * @param duplicates events already stored earlier, skipped
 * @param ignored events and items for a channel this {@code Webcare} does not know, skipped and
 *     logged
 * @param unreadable items the channel could not read, kept for the first time with their raw
 *     JSON (see {@link org.webcare4j.core.event.UnreadableItem})
 */
public record IngestResult(int stored, int duplicates, int ignored, int unreadable) {

  public IngestResult {
    if (stored < 0 || duplicates < 0 || ignored < 0 || unreadable < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
