package org.webcare4j.core.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.event.InboundEvent;

/**
 * What the library offers a started channel: the inbound pipeline for events a channel fetched
 * itself (IMAP, polled timelines), durable cursors so polling resumes where it stopped, and
 * journals for state of its own.
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
  default IngestResult ingest(List<? extends InboundEvent> events,
      Map<String, String> cursorUpdates) {
    return ingest(InboundBatch.of(events), cursorUpdates);
  }

  /**
   * Stores and dispatches what a polled page held, keeps the items the channel could not read
   * (see {@link org.webcare4j.core.event.UnreadableItem}), and then advances this channel's
   * cursors: an unreadable item never holds up the items after it.
   *
   * @param batch the page's events and unreadable items
   * @param cursorUpdates cursor names and their new values, saved after the events
   * @return what was stored, skipped and kept as unreadable
   */
  IngestResult ingest(InboundBatch batch, Map<String, String> cursorUpdates);

  /**
   * Reads one of this channel's cursors, such as an X {@code since_id} or an IMAP UID.
   *
   * @param name the cursor's name
   * @return its last saved value, if any
   */
  Optional<String> cursor(String name);

  /**
   * Appends a record to one of this channel's journals: state a channel keeps in the store
   * beyond cursors, such as a live chat's sessions, that survives a restart and is shared by
   * every instance on one store.
   *
   * @param journal the journal's name, 1 to 200 characters
   * @param payload the record
   * @return its number in the journal: 1 for the first, one more than the last after that
   */
  long appendJournal(String journal, String payload);

  /**
   * Reads one of this channel's journals after a number.
   *
   * @param journal the journal's name
   * @param after the number to read after; 0 for all
   * @return the records, in order
   */
  List<JournalEntry> readJournal(String journal, long after);

  /**
   * Tells which of this channel's journals were written to at or after a moment, with the
   * number of each one's newest record, for following what other instances write.
   *
   * @param since the moment
   * @return the journals' names and newest numbers
   */
  Map<String, Long> journalHeadsSince(Instant since);

  /**
   * Deletes this channel's journals that nothing was written to since a moment.
   *
   * @param idleBefore the moment
   * @return how many records were deleted
   */
  int pruneJournals(Instant idleBefore);
}
