package org.webcare4j.core.store.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.internal.jdbc.JdbcStore;
import org.webcare4j.core.store.StoreTransaction;
import org.webcare4j.core.store.WebcareStore;

/**
 * The store on a relational database: an embedded H2 file by default, PostgreSQL for production
 * and for several instances sharing one database. The schema is created and migrated on start.
 *
 * <pre>{@code
 * WebcareStore store = JdbcWebcareStore.embedded(Path.of("data"));       // zero set-up
 * WebcareStore store = JdbcWebcareStore.create(pooledPostgresDataSource);  // a cluster
 * }</pre>
 *
 * <p>On PostgreSQL, instances coordinate through the database alone: outbox entries are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, each channel's outbox is drained by one instance at a time
 * under a lease, and unique keys make inbound deduplication hold across instances. Give it a
 * pooled data source (HikariCP, the application server's pool): it takes a connection per
 * transaction.
 */
public final class JdbcWebcareStore implements WebcareStore {
  private final JdbcStore store;
  private final AutoCloseable onClose;

  private JdbcWebcareStore(JdbcStore store, AutoCloseable onClose) {
    this.store = store;
    this.onClose = onClose;
  }

  /**
   * Opens the store on a data source and migrates its schema.
   *
   * @param dataSource a pooled H2 or PostgreSQL data source; its owner closes it
   * @return the store
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static JdbcWebcareStore create(DataSource dataSource) {
    return new JdbcWebcareStore(
        new JdbcStore(Objects.requireNonNull(dataSource, "dataSource"), Clock.systemUTC()),
        () -> { });
  }

  /**
   * Opens (or creates) the embedded H2 database {@code webcare4j} in a directory: the zero set-up
   * default for one instance. Needs {@code com.h2database:h2} on the class path.
   *
   * <p>Durable: a transaction is written to the database file before its commit returns ({@code
   * WRITE_DELAY=0}; H2's own default keeps commits in memory for up to half a second), so a
   * webhook answered 200 or a reply whose {@code send()} returned survives the process being
   * killed. To win back the throughput one write per commit costs, transactions that arrive while
   * a commit is being written are committed together (group commit): each caller still returns
   * only once its own work is on disk, and a lone caller waits for nothing. For several instances,
   * or more throughput than one database file gives, use PostgreSQL.
   *
   * @param directory where the database files live; created if missing
   * @return the store; close it to close the database
   * @throws StoreException when the directory or database cannot be opened
   */
  public static JdbcWebcareStore embedded(Path directory) {
    Objects.requireNonNull(directory, "directory");
    try {
      Files.createDirectories(directory);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create the database directory " + directory, e);
    }
    String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("webcare4j")
        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    DataSource h2 = h2Pool(url);
    Connection keepOpen;
    try {
      keepOpen = h2.getConnection();
    } catch (SQLException e) {
      throw new StoreException("cannot open the embedded database in " + directory, e);
    }
    // One connection stays open so the database is not closed and reopened between transactions.
    JdbcStore jdbc;
    try {
      jdbc = new JdbcStore(h2, Clock.systemUTC());
    } catch (RuntimeException e) {
      try {
        keepOpen.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    jdbc.useGroupCommit();
    return new JdbcWebcareStore(jdbc, () -> {
      jdbc.close();
      keepOpen.close();
      h2.getClass().getMethod("dispose").invoke(h2);
    });
  }

  /**
   * Returns the database the store runs on.
   *
   * @return {@code H2} or {@code POSTGRESQL}
   */
  public String dialect() {
    return store.dialect();
  }

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    Objects.requireNonNull(work, "work");
    return store.inTransaction(work);
  }

  @Override
  public void close() {
    try {
      onClose.close();
    } catch (Exception e) {
      throw new StoreException("closing the store failed", e);
    }
  }

  @Override
  public String toString() {
    return "JdbcWebcareStore{" + store.dialect() + "}";
  }

  /** H2's own connection pool, found by reflection so that core does not depend on H2. */
  private static DataSource h2Pool(String url) {
    try {
      Class<?> pool = Class.forName("org.h2.jdbcx.JdbcConnectionPool");
      return (DataSource) pool.getMethod("create", String.class, String.class, String.class)
          .invoke(null, url, "", "");
    } catch (ClassNotFoundException e) {
      throw new StoreException("the embedded store needs com.h2database:h2 on the class path", e);
    } catch (ReflectiveOperationException e) {
      throw new StoreException("cannot create the embedded database's connection pool", e);
    }
  }
}
