package org.webcare4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.message;
import static org.webcare4j.core.testing.Deliveries.signed;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.testing.TestChannel;

class DispatchRecoveryTest {
  private final TestChannel channel =
      new TestChannel("whatsapp-main", Secret.of("app-secret"), Secret.of("verify-me"));

  @Test
  void eventsStoredButNotDispatchedBeforeACrashAreDispatchedOnNextStart() {
    WebcareStore store = InMemoryWebcareStore.create();
    List<EventRecord> firstRun = new CopyOnWriteArrayList<>();
    Executor crashesBeforeRunning = task -> { };  // the process dies before the listener runs
    Webcare crashing = Webcare.builder().store(store).channel(channel).instanceId("host-1")
        .listener(firstRun::add).dispatchExecutor(crashesBeforeRunning).build();
    assertEquals(200, crashing.webhooks().handle(signed(channel, body(
        message("wamid.1", "31611111111", "een", 1_700_000_000L),
        message("wamid.2", "31611111111", "twee", 1_700_000_001L)))).status());
    assertTrue(firstRun.isEmpty());

    List<EventRecord> secondRun = new CopyOnWriteArrayList<>();
    Webcare restarted = Webcare.builder().store(store).channel(channel).instanceId("host-1")
        .listener(secondRun::add).dispatchExecutor(Runnable::run).build();
    assertEquals(2, secondRun.size());
    assertTrue(secondRun.get(0).sequence() < secondRun.get(1).sequence());
    assertTrue(store.inTransaction(tx -> tx.undispatchedEvents(10)).isEmpty());

    List<EventRecord> thirdRun = new CopyOnWriteArrayList<>();
    Webcare.builder().store(store).channel(channel).instanceId("host-1").listener(thirdRun::add)
        .dispatchExecutor(Runnable::run).build().close();
    assertTrue(thirdRun.isEmpty(), "dispatched events are not dispatched again");
    restarted.close();
    crashing.close();
  }

  @Test
  void anotherInstanceTakesOverADeadInstancesEventsOnlyAfterItsLeaseAndNeverTwice()
      throws Exception {
    WebcareStore store = InMemoryWebcareStore.create();
    Executor crashesBeforeRunning = task -> { };
    Webcare dying = Webcare.builder().store(store).channel(channel).instanceId("host-1")
        .dispatchExecutor(crashesBeforeRunning).build();
    for (int i = 0; i < 30; i++) {
      dying.webhooks().handle(signed(channel, body(
          message("wamid.t" + i, "316" + (10_000_000 + i), "vraag " + i, 1_700_000_000L + i))));
    }

    List<EventRecord> tooSoon = new CopyOnWriteArrayList<>();
    Webcare.builder().store(store).channel(channel).instanceId("host-2")
        .listener(tooSoon::add).dispatchExecutor(Runnable::run).build().close();
    assertTrue(tooSoon.isEmpty(), "host-1's events are still its own");

    // Two instances start together after host-1's leases ran out: each event once in all.
    java.time.Clock later = java.time.Clock.offset(java.time.Clock.systemUTC(),
        java.time.Duration.ofMinutes(2));
    List<EventRecord> delivered = new CopyOnWriteArrayList<>();
    java.util.concurrent.ExecutorService starters = java.util.concurrent.Executors
        .newFixedThreadPool(2);
    List<java.util.concurrent.Future<Webcare>> both = new java.util.ArrayList<>();
    for (String host : List.of("host-2", "host-3")) {
      both.add(starters.submit(() -> Webcare.builder().store(store).channel(channel)
          .instanceId(host).clock(later).listener(delivered::add)
          .dispatchExecutor(Runnable::run).build()));
    }
    for (var f : both) {
      f.get().close();
    }
    starters.shutdown();
    assertEquals(30, delivered.size());
    assertEquals(30, delivered.stream().map(EventRecord::sequence).distinct().count());
    assertTrue(store.inTransaction(tx -> tx.undispatchedEvents(100)).isEmpty());
    dying.close();
  }

  @Test
  void theDefaultDispatcherRunsListenersOffTheWebhookThreadInOrder() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    Webcare webcare = Webcare.builder().store(InMemoryWebcareStore.create()).channel(channel)
        .listener(r -> {
          threads.add(Thread.currentThread().getName());
          seen.add(((org.webcare4j.core.event.MessageReceived) r.event()).text());
        })
        .build();
    for (int i = 0; i < 20; i++) {
      webcare.webhooks().handle(signed(channel,
          body(message("wamid." + i, "31611111111", "m" + i, 1_700_000_000L + i))));
    }
    webcare.close();  // waits for the dispatcher to finish
    assertEquals(20, seen.size());
    for (int i = 0; i < 20; i++) {
      assertEquals("m" + i, seen.get(i));
    }
    assertTrue(threads.stream().allMatch("webcare4j-dispatch"::equals));
  }
}
