package org.webcare4j.core.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.channel.IngestResult;
import org.webcare4j.core.error.StoreConflictException;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.UnreadableItem;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.store.WebcareStore;

/**
 * The pipeline after parsing: dedupe, store and dispatch, one transaction per event. Webhooks and
 * pollers both end here.
 */
public final class Ingestor {
  private static final Logger log = LoggerFactory.getLogger(Ingestor.class);
  private static final int MAX_ATTEMPTS = 5;

  private final WebcareStore store;
  private final Set<ChannelId> channels;
  private final Normaliser normaliser;
  private final EventDispatcher dispatcher;
  private final Clock clock;

  Ingestor(WebcareStore store, Set<ChannelId> channels, Normaliser normaliser,
      EventDispatcher dispatcher, Clock clock) {
    this.store = store;
    this.channels = Set.copyOf(channels);
    this.normaliser = normaliser;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /**
   * Stores and dispatches events, then saves the cursors of one channel.
   *
   * @param batch the events in the platform's order, and the items that could not be read
   * @param cursorChannel the channel the cursors belong to, or null when there are none
   * @param cursorUpdates cursor names and values to save after the events
   * @return what was stored and skipped
   */
  public IngestResult ingest(InboundBatch batch, ChannelId cursorChannel,
      Map<String, String> cursorUpdates) {
    int stored = 0;
    int duplicates = 0;
    int ignored = 0;
    int unreadable = 0;
    List<UnreadableItem> unreadableItems = new ArrayList<>(batch.unreadable());
    for (InboundEvent event : batch.events()) {
      if (!channels.contains(event.channel())) {
        log.warn("event for unknown channel {} ignored", event.channel());
        ignored++;
        continue;
      }
      Optional<EventRecord> record;
      try {
        record = fileWithRetry(event);
      } catch (StoreException e) {
        throw e; // the store is down or busy: answer so that the platform delivers again
      } catch (RuntimeException e) {
        // The event holds something the store cannot (a limit its parser did not check):
        // kept, with what the event says, rather than failing every other event with it.
        UnreadableItem item = new UnreadableItem(event.channel(),
            "event " + event.getClass().getSimpleName(), "the store cannot file it: "
            + e.getClass().getSimpleName() + ": " + e.getMessage(), event.toString(),
            clock.instant());
        unreadableItems.add(item);
        continue;
      }
      if (record.isPresent()) {
        stored++;
        dispatcher.dispatch(record.get());
      } else {
        duplicates++;
        log.debug("duplicate event {} on channel {} skipped",
            event.getClass().getSimpleName(), event.channel());
      }
    }
    for (UnreadableItem item : unreadableItems) {
      if (!channels.contains(item.channel())) {
        log.warn("unreadable item for unknown channel {} ignored", item.channel());
        ignored++;
        continue;
      }
      if (store.inTransaction(tx -> tx.keepUnreadable(item))) {
        unreadable++;
        // Once per item: a delivery sent again finds it kept and logs nothing.
        log.warn("{}: an item at {} could not be read ({}); kept with its raw JSON as an"
            + " unreadable item, the rest of the delivery is filed", item.channel(),
            item.location(), item.reason());
      }
    }
    if (!cursorUpdates.isEmpty()) {
      store.inTransaction(tx -> {
        cursorUpdates.forEach((name, value) -> tx.saveCursor(cursorChannel, name, value));
        return null;
      });
    }
    return new IngestResult(stored, duplicates, ignored, unreadable);
  }

  private Optional<EventRecord> fileWithRetry(InboundEvent event) {
    for (int attempt = 1; ; attempt++) {
      try {
        return store.inTransaction(tx -> {
          Optional<EventRecord> record = normaliser.apply(tx, event, clock.instant());
          record.ifPresent(r -> dispatcher.claim(tx, r));
          return record;
        });
      } catch (StoreConflictException e) {
        // Another delivery created the same conversation or message first: file again on top.
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        log.debug("conflict filing {} (attempt {}), retrying", event.dedupeKey(), attempt);
      }
    }
  }
}
