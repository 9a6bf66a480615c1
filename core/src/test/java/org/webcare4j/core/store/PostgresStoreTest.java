package org.webcare4j.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.testing.Postgres;

class PostgresStoreTest extends WebcareStoreContract {
  private HikariDataSource pool;

  @Override
  protected WebcareStore newStore() {
    pool = Postgres.pool(Postgres.newDatabase(), 10);
    return JdbcWebcareStore.create(pool);
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  @Test
  void runsOnPostgres() {
    assertEquals("POSTGRESQL", ((JdbcWebcareStore) store).dialect());
  }

  @Test
  void aSecondInstanceOnTheSameDatabaseFindsItMigrated() {
    WebcareStore second = JdbcWebcareStore.create(pool);
    var c = conversation(WA, "t1", T0);
    tx(tx -> {
      tx.insertConversation(c);
      return null;
    });
    assertEquals(c, second.inTransaction(tx -> tx.conversation(c.id())).orElseThrow());
  }
}
