package org.webcare4j.core.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.model.ChannelId;

/**
 * Group commit on a real H2 file: the transactions that queue while one commit is written go into
 * the next commit together, each caller gets its own outcome, and one that fails takes nothing
 * else with it. The committer is held on a latch so a batch is known, not hoped for.
 */
class GroupCommitTest {
  private static final ChannelId CHANNEL = ChannelId.of("whatsapp-main");

  @TempDir Path dir;
  private JdbcConnectionPool pool;
  private JdbcStore store;
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @BeforeEach
  void open() {
    pool = JdbcConnectionPool.create(
        "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0", "", "");
    store = new JdbcStore(pool, Clock.systemUTC());
    store.useGroupCommit();
  }

  @AfterEach
  void close() {
    callers.shutdownNow();
    store.close();
    pool.dispose();
  }

  /** Holds the committer inside a transaction until the gate opens. */
  private Future<Object> holdTheCommitter(CountDownLatch gate) throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    Future<Object> held = callers.submit(() -> store.inTransaction(tx -> {
      inside.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return null;
    }));
    assertTrue(inside.await(10, TimeUnit.SECONDS));
    return held;
  }

  private void awaitWaiting(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (store.groupCommit().waiting() < n) {
      assertTrue(System.nanoTime() < deadline, "only " + store.groupCommit().waiting()
          + " of " + n + " transactions queued");
      Thread.onSpinWait();
    }
  }

  private Optional<String> cursor(String name) {
    return store.inTransaction(tx -> tx.cursor(CHANNEL, name));
  }

  @Test
  void transactionsQueuedDuringACommitAreCommittedTogetherAndEachCallerSeesItsOwn()
      throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Future<Object> held = holdTheCommitter(gate);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String name = "c" + i;
      results.add(callers.submit(() -> store.inTransaction(tx -> {
        tx.saveCursor(CHANNEL, name, "v-" + name);
        return name;
      })));
    }
    awaitWaiting(20);
    long before = store.groupCommit().commits();
    gate.countDown();
    held.get(10, TimeUnit.SECONDS);
    for (int i = 0; i < 20; i++) {
      assertEquals("c" + i, results.get(i).get(10, TimeUnit.SECONDS));
    }
    assertEquals(before + 2, store.groupCommit().commits(),
        "the held transaction, then the twenty queued behind it in one commit");
    for (int i = 0; i < 20; i++) {
      assertEquals(Optional.of("v-c" + i), cursor("c" + i));
    }
  }

  @Test
  void aTransactionThatFailsIsRolledBackAloneAndItsCallerGetsItsException() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Future<Object> held = holdTheCommitter(gate);
    IllegalStateException boom = new IllegalStateException("the work failed");
    Future<Object> failing = callers.submit(() -> store.inTransaction(tx -> {
      tx.saveCursor(CHANNEL, "a", "half-done");
      throw boom;
    }));
    awaitWaiting(1);
    Future<Object> fine = callers.submit(() -> store.inTransaction(tx -> {
      tx.saveCursor(CHANNEL, "b", "done");
      return "ok";
    }));
    awaitWaiting(2);
    gate.countDown();
    held.get(10, TimeUnit.SECONDS);
    java.util.concurrent.ExecutionException e = assertThrows(
        java.util.concurrent.ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
    assertSame(boom, e.getCause());
    assertEquals("ok", fine.get(10, TimeUnit.SECONDS));
    assertEquals(Optional.empty(), cursor("a"), "rolled back to its savepoint");
    assertEquals(Optional.of("done"), cursor("b"));
  }

  @Test
  void transactionsDoNotNestOnTheCommitterEither() {
    assertThrows(IllegalStateException.class,
        () -> store.inTransaction(tx -> store.inTransaction(inner -> inner.cursor(CHANNEL, "x"))));
    assertEquals(Optional.empty(), cursor("x"), "and the store still works");
  }

  @Test
  void closingCommitsWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Future<Object> held = holdTheCommitter(gate);
    Future<Object> queued = callers.submit(() -> store.inTransaction(tx -> {
      tx.saveCursor(CHANNEL, "last", "in");
      return "ok";
    }));
    awaitWaiting(1);
    Future<?> closing = callers.submit(store::close);
    awaitWaiting(2); // the queued work and the close behind it
    gate.countDown();
    held.get(10, TimeUnit.SECONDS);
    closing.get(10, TimeUnit.SECONDS);
    assertEquals("ok", queued.get(10, TimeUnit.SECONDS));
    assertThrows(StoreException.class, () -> cursor("last"));
    JdbcStore reopened = new JdbcStore(pool, Clock.systemUTC());
    assertEquals(Optional.of("in"),
        reopened.inTransaction(tx -> tx.cursor(CHANNEL, "last")));
  }
}
