package org.webcare4j.core.outbox;

import java.util.Objects;
import java.util.Optional;

/**
 * What the platform answered when it carried out an operation.
 *
 * @param platformId the platform's id of what was created (a message id, a post id), if any
 * @param permalink the public address of what was created, where the platform gives one
 */
public record OperationResult(Optional<String> platformId, Optional<String> permalink) {

  public OperationResult {
    Objects.requireNonNull(platformId, "platformId");
    Objects.requireNonNull(permalink, "permalink");
  }

  /**
   * Returns a result with the platform's id of the created item.
   *
   * @param platformId the id
   * @return the result
   */
  public static OperationResult created(String platformId) {
    return new OperationResult(Optional.of(platformId), Optional.empty());
  }

  /**
   * Returns a result for an operation that creates nothing (mark read, hide).
   *
   * @return the result
   */
  public static OperationResult done() {
    return new OperationResult(Optional.empty(), Optional.empty());
  }
}
