package org.webcare4j.core.store;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;

class InMemoryStoreTest extends WebcareStoreContract {

  @Override
  protected WebcareStore newStore() {
    return InMemoryWebcareStore.create();
  }

  @Test
  void refusesNestedTransactions() {
    assertThrows(IllegalStateException.class,
        () -> store.inTransaction(outer -> store.inTransaction(inner -> null)));
  }

  @Test
  void refusesUseOfATransactionAfterItEnded() {
    StoreTransaction leaked = store.inTransaction(tx -> tx);
    assertThrows(IllegalStateException.class, () -> leaked.cursor(WA, "x"));
  }
}
