package org.webcare4j.core.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.webcare4j.core.error.StoreConflictException;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.store.StoreTransaction;

/** Runs store transactions on connections from a data source. */
public final class JdbcStore {
  private static final ThreadLocal<Boolean> IN_TRANSACTION = ThreadLocal.withInitial(() -> false);

  private final DataSource dataSource;
  private final Dialect dialect;
  private final JsonCodec json = new JsonCodec();
  private volatile GroupCommit groupCommit;

  /**
   * Connects, finds the dialect and migrates the schema.
   *
   * @param dataSource where connections come from
   * @param clock the clock for the migration log
   */
  public JdbcStore(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    try (Connection c = dataSource.getConnection()) {
      this.dialect = Dialect.of(c);
    } catch (SQLException e) {
      throw new StoreException("cannot connect to the database", e);
    }
    Migrations.migrate(dataSource, dialect, clock);
  }

  /**
   * Returns the name of the database product the store runs on.
   *
   * @return {@code H2} or {@code POSTGRESQL}
   */
  public String dialect() {
    return dialect.name();
  }

  /**
   * Runs work in one transaction.
   *
   * @param work the work
   * @param <T> its result
   * @return its result
   */
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    if (IN_TRANSACTION.get()) {
      throw new IllegalStateException("store transactions do not nest");
    }
    GroupCommit group = groupCommit;
    if (group != null) {
      return group.submit(work);
    }
    IN_TRANSACTION.set(true);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      JdbcTransaction tx = new JdbcTransaction(c, dialect, json);
      try {
        T result = work.apply(tx);
        c.commit();
        return result;
      } catch (RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } catch (SQLException e) {
        rollbackQuietly(c, e);
        throw translate("commit", e);
      } finally {
        tx.end();
      }
    } catch (SQLException e) {
      throw translate("open a connection", e);
    } finally {
      IN_TRANSACTION.set(false);
    }
  }

  /**
   * From now on, runs the transactions of concurrent callers together under one commit (see
   * {@link GroupCommit}): for a database that writes its file on every commit.
   */
  public synchronized void useGroupCommit() {
    if (groupCommit == null) {
      groupCommit = new GroupCommit(dataSource, c -> new JdbcTransaction(c, dialect, json),
          () -> IN_TRANSACTION.set(true));
    }
  }

  /** The group commit in use, for tests. */
  GroupCommit groupCommit() {
    return groupCommit;
  }

  /** Commits what is queued for a group commit and stops its thread; a no-op without one. */
  public synchronized void close() {
    if (groupCommit != null) {
      groupCommit.close();
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** Turns a database failure into the store's exceptions: races into conflicts. */
  static StoreException translate(String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals(JdbcTransaction.UNIQUE_VIOLATION)) {
      return new StoreConflictException("could not " + what + ": a unique key is taken", e);
    }
    if (state.equals("40001") || state.equals("40P01") || state.equals("HYT00")) {
      return new StoreConflictException("could not " + what + ": lost a race", e);
    }
    return new StoreException("could not " + what + " (SQL state " + state + ")", e);
  }
}
