package org.webcare4j.core.channel;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webcare4j.core.event.InboundEvent;

/**
 * What the library offers a started channel: the inbound pipeline for events a channel fetched
 * itself (IMAP, polled timelines), and durable cursors so polling resumes where it stopped.
 */
public interface ChannelContext {

  /**
   * Returns the clock the library runs on.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * Stores and dispatches events, skipping those already stored.
   *
   * @param events the events, in the platform's order
   * @return what was stored and skipped
   */
  default IngestResult ingest(List<? extends InboundEvent> events) {
    return ingest(events, Map.of());
  }

  /**
   * Stores and dispatches events and then advances this channel's cursors, so that a restart
   * resumes after the last event stored; a crash in between repeats events, which are then
   * skipped as duplicates.
   *
   * @param events the events, in the platform's order
   * @param cursorUpdates cursor names and their new values, saved after the events
   * @return what was stored and skipped
   */
  IngestResult ingest(List<? extends InboundEvent> events, Map<String, String> cursorUpdates);

  /**
   * Reads one of this channel's cursors, such as an X {@code since_id} or an IMAP UID.
   *
   * @param name the cursor's name
   * @return its last saved value, if any
   */
  Optional<String> cursor(String name);
}
