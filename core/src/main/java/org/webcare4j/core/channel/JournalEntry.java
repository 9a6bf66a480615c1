package org.webcare4j.core.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * One record in a channel's journal: state a channel keeps in the store beyond cursors, such as
 * a live chat's sessions and what was said in them, so that it survives a restart and is shared
 * by every instance on one store.
 *
 * @param journal the journal's name
 * @param seq its number in the journal: 1 for the first, one more for each after it
 * @param at when it was written
 * @param payload what the channel wrote
 */
public record JournalEntry(String journal, long seq, Instant at, String payload) {

  public JournalEntry {
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(payload, "payload");
    if (seq < 1) {
      throw new IllegalArgumentException("a journal's records are numbered from 1");
    }
  }
}
