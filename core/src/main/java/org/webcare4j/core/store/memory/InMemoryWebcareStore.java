package org.webcare4j.core.store.memory;

import org.webcare4j.core.internal.memory.InMemoryStore;
import org.webcare4j.core.store.WebcareStore;

/**
 * The store that lives in this JVM's memory only, for tests, demos and tiny hosts: nothing
 * survives the process. {@code WebcareStore store = InMemoryWebcareStore.create();}
 */
public final class InMemoryWebcareStore {
  private InMemoryWebcareStore() {}

  /**
   * Returns a new, empty store.
   *
   * @return the store; thread-safe
   */
  public static WebcareStore create() {
    return new InMemoryStore();
  }
}
