package org.webcare4j.core.store;

import java.util.function.Function;
import org.webcare4j.core.error.StoreException;

/**
 * Where webcare4j keeps its state. All access goes through {@link #inTransaction}: the work sees a
 * consistent view, and either all its writes happen or none.
 *
 * <p>Implementations must make the unique keys hold under concurrency, across processes where the
 * store is shared: (channel, dedupe key) of inbound events, (channel, platform thread id) of
 * conversations, (channel, platform id) of messages, (channel, handle) of contacts.
 */
public interface WebcareStore extends AutoCloseable {

  /**
   * Runs work in one transaction and commits it; if the work throws, nothing it wrote remains.
   * Transactions do not nest.
   *
   * @param work what to do with the transaction; must not keep it beyond the call
   * @param <T> the work's result
   * @return the work's result
   * @throws StoreException when the store fails; {@link org.webcare4j.core.error.StoreConflictException}
   *     when the work lost a race and may be retried
   */
  <T> T inTransaction(Function<StoreTransaction, T> work);

  /** Releases the store's resources; the store's owner calls this, not the {@code Webcare}. */
  @Override
  default void close() {}
}
