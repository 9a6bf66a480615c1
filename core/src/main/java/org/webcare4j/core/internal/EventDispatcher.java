package org.webcare4j.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.event.WebcareListener;
import org.webcare4j.core.store.StoreTransaction;
import org.webcare4j.core.store.WebcareStore;

/**
 * Hands stored events to the listeners, one event at a time in the order given, and marks each
 * dispatched afterwards. A listener that throws is logged and the rest still run. An event whose
 * dispatch did not complete stays undispatched in the store and is handed out again by {@link
 * #recover()}, on start and every lease period.
 *
 * <p>With several instances on one store, the instance that stores an event holds a lease on it
 * ({@code event:<seq>}) until it has dispatched it; recovery only takes events whose lease it can
 * take, so an event in flight on a live instance is not dispatched a second time elsewhere, and
 * the events of an instance that died are taken over once its leases expire.
 */
final class EventDispatcher {
  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
  private static final int RECOVERY_BATCH = 200;

  /** How long an instance holds the events it stored before others may dispatch them. */
  static final Duration LEASE = Duration.ofSeconds(60);

  private final WebcareStore store;
  private final List<WebcareListener> listeners;
  private final Executor executor;
  private final String owner;
  private final Clock clock;

  EventDispatcher(WebcareStore store, List<WebcareListener> listeners, Executor executor,
      String owner, Clock clock) {
    this.store = store;
    this.listeners = List.copyOf(listeners);
    this.executor = executor;
    this.owner = owner;
    this.clock = clock;
  }

  private static String lease(long sequence) {
    return "event:" + sequence;
  }

  /** Takes the lease on an event just stored, in the transaction that stored it. */
  void claim(StoreTransaction tx, EventRecord record) {
    tx.tryLease(lease(record.sequence()), owner, clock.instant(), LEASE);
  }

  void dispatch(EventRecord record) {
    try {
      executor.execute(() -> deliver(record));
    } catch (RejectedExecutionException e) {
      log.warn("event {} not dispatched now (dispatcher stopped); it is dispatched on next start",
          record.sequence());
    }
  }

  /** Runs {@link #recover()} where listeners run, so it keeps their order with new events. */
  void recoverLater() {
    try {
      executor.execute(this::recover);
    } catch (RejectedExecutionException e) {
      log.debug("dispatcher stopped; recovery skipped");
    }
  }

  /**
   * Dispatches, on the calling thread, the undispatched events no live instance holds: those a
   * previous run of this instance left, and those of instances whose leases expired.
   */
  int recover() {
    int count = 0;
    while (true) {
      List<EventRecord> batch = store.inTransaction(tx -> tx.undispatchedEvents(RECOVERY_BATCH));
      int claimed = 0;
      for (EventRecord record : batch) {
        boolean mine = store.inTransaction(tx -> {
          if (!tx.tryLease(lease(record.sequence()), owner, clock.instant(), LEASE)) {
            return false; // a live instance is dispatching it
          }
          if (tx.isDispatched(record.sequence())) {
            // dispatched (and its lease released) since this batch was read
            tx.releaseLease(lease(record.sequence()), owner);
            return false;
          }
          return true;
        });
        if (mine) {
          deliver(record);
          claimed++;
        }
      }
      count += claimed;
      if (claimed == 0 || batch.size() < RECOVERY_BATCH) {
        return count; // nothing left, or only events other live instances are dispatching
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
        tx.releaseLease(lease(record.sequence()), owner);
        return null;
      });
    } catch (StoreException e) {
      log.warn("event {} dispatched but not marked; it is dispatched again on next start",
          record.sequence(), e);
    }
  }
}
