package org.webcare4j.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a query's results and the cursor for the next.
 *
 * @param items the results on this page
 * @param nextCursor pass to the query to get the next page; empty on the last page
 * @param <T> the type of result
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }
}
