package org.webcare4j.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;

class H2StoreTest extends WebcareStoreContract {
  @TempDir
  Path directory;

  @Override
  protected WebcareStore newStore() {
    return JdbcWebcareStore.embedded(directory);
  }

  @Test
  void keepsItsDataAcrossARestart() {
    var c = conversation(WA, "t1", T0);
    tx(tx -> {
      tx.insertConversation(c);
      tx.insertMessage(inbound(c, "wamid.1", "Hallo", T0));
      return null;
    });
    store.close();
    store = JdbcWebcareStore.embedded(directory);
    assertEquals(c, tx(tx -> tx.conversation(c.id())).orElseThrow());
    assertEquals(1, tx(tx -> tx.messages(c.id())).size());
    assertEquals("H2", ((JdbcWebcareStore) store).dialect());
  }

  @Test
  void migratesOnceAndOpensAnUpToDateDatabaseAgain() {
    store.close();
    store = JdbcWebcareStore.embedded(directory);
    store.close();
    store = JdbcWebcareStore.embedded(directory);
    List<Integer> versions = tx(tx -> List.of(1));
    assertTrue(versions.contains(1));
  }
}
