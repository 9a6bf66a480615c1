package org.webcare4j.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.channel.ChannelContext;
import org.webcare4j.core.channel.IngestResult;
import org.webcare4j.core.channel.JournalEntry;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.store.WebcareStore;

/** The {@link ChannelContext} handed to one channel. */
final class DefaultChannelContext implements ChannelContext {
  private final ChannelId channel;
  private final Ingestor ingestor;
  private final WebcareStore store;
  private final Clock clock;

  DefaultChannelContext(ChannelId channel, Ingestor ingestor, WebcareStore store, Clock clock) {
    this.channel = channel;
    this.ingestor = ingestor;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public IngestResult ingest(InboundBatch batch, Map<String, String> cursors) {
    return ingestor.ingest(batch, channel, cursors);
  }

  @Override
  public Optional<String> cursor(String name) {
    return store.inTransaction(tx -> tx.cursor(channel, name));
  }

  private static String journalName(String journal) {
    Objects.requireNonNull(journal, "journal");
    if (journal.isEmpty() || journal.length() > 200) {
      throw new IllegalArgumentException("a journal's name is 1 to 200 characters");
    }
    return journal;
  }

  @Override
  public long appendJournal(String journal, String payload) {
    String name = journalName(journal);
    Objects.requireNonNull(payload, "payload");
    return store.inTransaction(tx -> tx.appendJournal(channel, name, clock.instant(), payload));
  }

  @Override
  public List<JournalEntry> readJournal(String journal, long after) {
    String name = journalName(journal);
    return store.inTransaction(tx -> tx.journal(channel, name, after, Integer.MAX_VALUE));
  }

  @Override
  public Map<String, Long> journalHeadsSince(Instant since) {
    Objects.requireNonNull(since, "since");
    return store.inTransaction(tx -> tx.journalHeads(channel, since));
  }

  @Override
  public int pruneJournals(Instant idleBefore) {
    Objects.requireNonNull(idleBefore, "idleBefore");
    return store.inTransaction(tx -> tx.pruneJournals(channel, idleBefore));
  }
}
