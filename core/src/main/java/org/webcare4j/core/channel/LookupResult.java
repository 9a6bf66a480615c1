package org.webcare4j.core.channel;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a platform holds the result of an operation whose attempt was cut off, so the outbox can
 * finish it without sending it twice.
 *
 * @param outcome what the lookup found
 * @param result the platform's result, present when found
 */
public record LookupResult(Outcome outcome, Optional<OperationResult> result) {

  /** What a lookup found. */
  public enum Outcome {
    /** The platform has it: the operation is marked sent with this result. */
    FOUND,
    /** The platform certainly does not have it: the operation is carried out again. */
    NOT_FOUND,
    /** The platform cannot tell: the entry is marked possibly sent for a person to check. */
    UNKNOWN
  }

  public LookupResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(result, "result");
    if (result.isPresent() != (outcome == Outcome.FOUND)) {
      throw new IllegalArgumentException("a result goes with FOUND, and only there");
    }
  }

  /**
   * Returns a lookup that found the operation's result.
   *
   * @param result what the platform holds
   * @return the lookup result
   */
  public static LookupResult found(OperationResult result) {
    return new LookupResult(Outcome.FOUND, Optional.of(result));
  }

  /**
   * Returns a lookup that established the operation never arrived.
   *
   * @return the lookup result
   */
  public static LookupResult notFound() {
    return new LookupResult(Outcome.NOT_FOUND, Optional.empty());
  }

  /**
   * Returns a lookup that could not tell.
   *
   * @return the lookup result
   */
  public static LookupResult unknown() {
    return new LookupResult(Outcome.UNKNOWN, Optional.empty());
  }
}
