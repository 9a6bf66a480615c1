package org.webcare4j.core.internal;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.StoreException;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.event.WebcareListener;
import org.webcare4j.core.store.WebcareStore;

/**
 * Hands stored events to the listeners, one event at a time in the order given, and marks each
 * dispatched afterwards. A listener that throws is logged and the rest still run. An event whose
 * dispatch did not complete stays undispatched in the store and is handed out again by {@link
 * #recover()} on the next start.
 */
final class EventDispatcher {
  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
  private static final int RECOVERY_BATCH = 200;

  private final WebcareStore store;
  private final List<WebcareListener> listeners;
  private final Executor executor;

  EventDispatcher(WebcareStore store, List<WebcareListener> listeners, Executor executor) {
    this.store = store;
    this.listeners = List.copyOf(listeners);
    this.executor = executor;
  }

  void dispatch(EventRecord record) {
    try {
      executor.execute(() -> deliver(record));
    } catch (RejectedExecutionException e) {
      log.warn("event {} not dispatched now (dispatcher stopped); it is dispatched on next start",
          record.sequence());
    }
  }

  /** Dispatches, on the calling thread, every event a previous run left undispatched. */
  int recover() {
    int count = 0;
    while (true) {
      List<EventRecord> batch = store.inTransaction(tx -> tx.undispatchedEvents(RECOVERY_BATCH));
      if (batch.isEmpty()) {
        return count;
      }
      for (EventRecord record : batch) {
        deliver(record);
        count++;
      }
    }
  }

  private void deliver(EventRecord record) {
    for (WebcareListener listener : listeners) {
      try {
        listener.onEvent(record);
      } catch (RuntimeException e) {
        log.warn("listener {} failed on event {} ({}); the other listeners still get it",
            listener.getClass().getName(), record.sequence(),
            record.event().getClass().getSimpleName(), e);
      }
    }
    try {
      store.inTransaction(tx -> {
        tx.markDispatched(record.sequence());
        return null;
      });
    } catch (StoreException e) {
      log.warn("event {} dispatched but not marked; it is dispatched again on next start",
          record.sequence(), e);
    }
  }
}
