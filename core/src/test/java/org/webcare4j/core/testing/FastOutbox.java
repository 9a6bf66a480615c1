package org.webcare4j.core.testing;

import java.time.Duration;
import org.webcare4j.core.outbox.OutboxPolicy;

/** Outbox policies shortened so that retries, breakers and leases play out in seconds. */
public final class FastOutbox {
  private FastOutbox() {}

  /**
   * Four attempts, one quick retry, retries from 200 ms to 1 s, a breaker after 3 failures for
   * 1 s, 5 s per operation, polling every 100 ms, 1 s leases, 4 operations at once.
   *
   * @return the policy
   */
  public static OutboxPolicy policy() {
    return OutboxPolicy.builder()
        .maxAttempts(4)
        .immediateRetries(1)
        .retryDelay(Duration.ofMillis(200))
        .maxRetryDelay(Duration.ofSeconds(1))
        .breakerFailures(3)
        .breakerDelay(Duration.ofSeconds(1))
        .operationTimeout(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .leaseDuration(Duration.ofSeconds(1))
        .concurrencyPerChannel(4)
        .build();
  }

  /**
   * For a channel test against a simulator: three attempts, no quick retry, a breaker that
   * opens only after 20 failures, polling every 50 ms, one operation at a time.
   *
   * @return the policy
   */
  public static OutboxPolicy oneAtATime() {
    return policy().toBuilder()
        .maxAttempts(3)
        .immediateRetries(0)
        .breakerFailures(20)
        .pollInterval(Duration.ofMillis(50))
        .concurrencyPerChannel(1)
        .build();
  }
}
