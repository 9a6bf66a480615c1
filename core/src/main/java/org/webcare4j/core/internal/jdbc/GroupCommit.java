package org.webcare4j.core.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import javax.sql.DataSource;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.store.StoreTransaction;

/**
 * Group commit for a database that writes its file on every commit (the embedded H2 store): the
 * transactions callers hand in while one commit is being written are run one after another on one
 * connection, each under a savepoint of its own, and committed together. A caller's call returns
 * only once the commit that holds its work is written, so durability is the same as one commit
 * per transaction, at a fraction of the writes. A batch is whatever queued up while the last
 * commit ran: one caller alone waits for nothing.
 *
 * <p>Work that throws is rolled back to its savepoint and the caller gets its exception; the
 * other work in the batch is committed. A failed commit fails every caller in its batch.
 */
final class GroupCommit implements AutoCloseable {
  /** The most transactions in one commit, so that one commit never grows without bound. */
  static final int MAX_BATCH = 64;

  private final DataSource dataSource;
  private final Function<Connection, JdbcTransaction> transactions;
  private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Thread committer;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicLong commits =
      new java.util.concurrent.atomic.AtomicLong();

  GroupCommit(DataSource dataSource, Function<Connection, JdbcTransaction> transactions,
      Runnable onCommitterThread) {
    this.dataSource = dataSource;
    this.transactions = transactions;
    this.committer = new Thread(() -> {
      onCommitterThread.run();
      run();
    }, "webcare4j-store-commit");
    committer.setDaemon(true);
    committer.start();
  }

  /** Hands work to the committer and waits until the commit that holds it is written. */
  <T> T submit(Function<StoreTransaction, T> work) {
    if (closed) {
      throw new StoreException("the store is closed");
    }
    Pending<T> pending = new Pending<>(work);
    queue.add(pending);
    if (closed && queue.remove(pending)) {
      throw new StoreException("the store is closed");
    }
    return pending.await();
  }

  private void run() {
    List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        Pending<?> first = queue.take();
        if (first == CLOSE) {
          break;
        }
        batch.add(first);
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stop = batch.remove(CLOSE);
      commit(batch);
      batch.clear();
      if (stop) {
        break;
      }
    }
    List<Pending<?>> left = new ArrayList<>();
    queue.drainTo(left);
    for (Pending<?> p : left) {
      if (p != CLOSE) {
        p.fail(new StoreException("the store is closed"));
      }
    }
  }

  private void commit(List<Pending<?>> batch) {
    List<Pending<?>> done = new ArrayList<>(batch.size());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      try {
        for (Pending<?> p : batch) {
          Savepoint savepoint = c.setSavepoint();
          JdbcTransaction tx = transactions.apply(c);
          try {
            p.run(tx);
            c.releaseSavepoint(savepoint);
            done.add(p);
          } catch (RuntimeException | Error e) {
            try {
              c.rollback(savepoint);
            } catch (SQLException rollback) {
              e.addSuppressed(rollback);
              throw rollback; // the connection is unusable: the batch fails as a whole
            }
            p.fail(e);
          } finally {
            tx.end();
          }
        }
        c.commit();
        commits.incrementAndGet();
      } catch (SQLException e) {
        try {
          c.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
      done.forEach(Pending::complete);
    } catch (SQLException e) {
      StoreException failure = JdbcStore.translate("commit", e);
      for (Pending<?> p : batch) {
        if (!p.finished()) {
          p.fail(failure);
        }
      }
    } catch (RuntimeException | Error e) {
      for (Pending<?> p : batch) {
        if (!p.finished()) {
          p.fail(e);
        }
      }
    }
  }

  /** Commits written so far, for tests. */
  long commits() {
    return commits.get();
  }

  /** Transactions waiting for the committer, for tests. */
  int waiting() {
    return queue.size();
  }

  /** Commits what is queued, then stops the committer; later calls fail. */
  @Override
  public void close() {
    closed = true;
    queue.add(CLOSE);
    try {
      committer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final Pending<Void> CLOSE = new Pending<>(tx -> null);

  /** One caller's work and, once its batch is committed, its outcome. */
  private static final class Pending<T> {
    private final Function<StoreTransaction, T> work;
    private final CountDownLatch finished = new CountDownLatch(1);
    private T result;
    private boolean ran;
    private Throwable failure;

    Pending(Function<StoreTransaction, T> work) {
      this.work = work;
    }

    void run(StoreTransaction tx) {
      result = work.apply(tx);
      ran = true;
    }

    void complete() {
      finished.countDown();
    }

    void fail(Throwable e) {
      failure = e;
      finished.countDown();
    }

    boolean finished() {
      return finished.getCount() == 0;
    }

    T await() {
      boolean interrupted = false;
      while (true) {
        try {
          finished.await();
          break;
        } catch (InterruptedException e) {
          // The work is in a commit already; its outcome must reach the caller.
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      if (!ran) {
        throw new IllegalStateException("the commit ended without running the work");
      }
      return result;
    }
  }
}
