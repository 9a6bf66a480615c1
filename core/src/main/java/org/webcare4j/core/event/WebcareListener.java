package org.webcare4j.core.event;

/**
 * Receives inbound events after they are stored. Each event reaches each listener once in normal
 * operation; after a crash between storing and dispatching, an event is dispatched again on the
 * next start, so a listener that must act exactly once should keep the {@link
 * EventRecord#sequence()} it last handled.
 *
 * <p>A listener that throws is logged and skipped; the other listeners still get the event.
 */
@FunctionalInterface
public interface WebcareListener {

  /**
   * Handles one stored event.
   *
   * @param record the event and what it touched in the store
   */
  void onEvent(EventRecord record);
}
