package org.webcare4j.core.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher retries, throttles and protects platforms; the defaults suit production.
 *
 * @param maxAttempts attempts before an entry with transient failures ends dead
 * @param immediateRetries quick retries within one attempt for a transient failure, before the
 *     entry is queued again with a longer delay
 * @param retryDelay the first delay before a queued retry; doubled each time, with jitter
 * @param maxRetryDelay the longest delay between queued retries
 * @param breakerFailures consecutive failures that open a channel's circuit breaker
 * @param breakerDelay how long an open breaker waits before letting one attempt through
 * @param operationTimeout the longest one operation may take on the platform
 * @param pollInterval how often the dispatcher looks for due entries without being woken
 * @param leaseDuration how long one instance may drain a channel's outbox without renewing
 * @param concurrencyPerChannel how many operations run at once on one channel
 */
public record OutboxPolicy(
    int maxAttempts,
    int immediateRetries,
    Duration retryDelay,
    Duration maxRetryDelay,
    int breakerFailures,
    Duration breakerDelay,
    Duration operationTimeout,
    Duration pollInterval,
    Duration leaseDuration,
    int concurrencyPerChannel) {

  public OutboxPolicy {
    if (maxAttempts < 1 || immediateRetries < 0 || breakerFailures < 1
        || concurrencyPerChannel < 1) {
      throw new IllegalArgumentException("counts must be positive");
    }
    for (Duration d : new Duration[] {retryDelay, maxRetryDelay, breakerDelay, operationTimeout,
        pollInterval, leaseDuration}) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive");
      }
    }
    if (maxRetryDelay.compareTo(retryDelay) < 0) {
      throw new IllegalArgumentException("maxRetryDelay must not be below retryDelay");
    }
    if (leaseDuration.compareTo(pollInterval.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException("a lease must outlive three poll intervals");
    }
  }

  /**
   * Returns the production defaults: 8 attempts, 2 quick retries, queued retries from 5 seconds
   * up to 10 minutes, a breaker opening after 5 failures for 30 seconds, a 60-second operation
   * timeout, polling every second, 30-second leases, 4 operations at once per channel.
   *
   * @return the defaults
   */
  public static OutboxPolicy defaults() {
    return new OutboxPolicy(8, 2, Duration.ofSeconds(5), Duration.ofMinutes(10), 5,
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(1),
        Duration.ofSeconds(30), 4);
  }
}
