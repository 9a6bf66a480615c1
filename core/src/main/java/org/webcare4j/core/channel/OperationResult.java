package org.webcare4j.core.channel;

import java.util.Objects;
import java.util.Optional;

/**
 * What the platform answered when it carried out an operation.
 *
 * @param platformId the platform's id of what was created (a message id, a post id), if any
 * @param permalink the public address of what was created, where the platform gives one
 * @param thread the platform thread what was created is in, where that is a thread of its own
 *     (the private conversation a private reply opens)
 */
public record OperationResult(Optional<String> platformId, Optional<String> permalink,
    Optional<String> thread) {

  public OperationResult {
    Objects.requireNonNull(platformId, "platformId");
    Objects.requireNonNull(permalink, "permalink");
    thread = thread == null ? Optional.empty() : thread; // results stored before it existed
  }

  /**
   * Returns this result, placed in a thread of its own.
   *
   * @param platformThreadId the thread's platform id
   * @return the result with the thread
   */
  public OperationResult inThread(String platformThreadId) {
    return new OperationResult(platformId, permalink, Optional.of(platformThreadId));
  }

  /**
   * Returns a result with the platform's id of the created item.
   *
   * @param platformId the id
   * @return the result
   */
  public static OperationResult created(String platformId) {
    return new OperationResult(Optional.of(platformId), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a result for an operation that creates nothing (mark read, hide).
   *
   * @return the result
   */
  public static OperationResult done() {
    return new OperationResult(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
