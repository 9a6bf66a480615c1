package org.webcare4j.core.internal;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import java.time.Duration;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.error.OutcomeUnknownException;
import org.webcare4j.core.error.RateLimitedException;
import org.webcare4j.core.error.TransientPlatformException;
import org.webcare4j.core.outbox.OutboxPolicy;

/**
 * The one place where a channel's resilience is composed, the same for every channel: quick
 * retries with backoff and jitter for failures that certainly did not reach the platform, a
 * circuit breaker that stops hammering a platform that is down, and a timeout on every operation.
 *
 * <p>Rate-limit refusals and calls that broke off after the request left are not retried here:
 * the dispatcher waits out the first durably and looks up or flags the second.
 */
final class ResiliencePolicies {
  private final CircuitBreaker<OperationResult> breaker;
  private final FailsafeExecutor<OperationResult> executor;

  ResiliencePolicies(OutboxPolicy policy) {
    RetryPolicy<OperationResult> retry = RetryPolicy.<OperationResult>builder()
        .handleIf(ResiliencePolicies::safeToRepeat)
        .withMaxRetries(policy.immediateRetries())
        .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
        .withJitter(0.25)
        .build();
    this.breaker = CircuitBreaker.<OperationResult>builder()
        .handleIf(ResiliencePolicies::platformTrouble)
        .withFailureThreshold(policy.breakerFailures())
        .withDelay(policy.breakerDelay())
        .withSuccessThreshold(1)
        .build();
    Timeout<OperationResult> timeout =
        Timeout.<OperationResult>builder(policy.operationTimeout()).withInterrupt().build();
    this.executor = Failsafe.with(retry).compose(breaker).compose(timeout);
  }

  /** A transient failure of a request that never reached the platform. */
  private static boolean safeToRepeat(Throwable failure) {
    return failure instanceof TransientPlatformException
        && !(failure instanceof RateLimitedException)
        && !(failure instanceof OutcomeUnknownException);
  }

  /** A sign the platform is in trouble: anything transient except its rate limiting. */
  private static boolean platformTrouble(Throwable failure) {
    return failure instanceof TimeoutExceededException
        || failure instanceof TransientPlatformException
        && !(failure instanceof RateLimitedException);
  }

  FailsafeExecutor<OperationResult> executor() {
    return executor;
  }

  CircuitBreaker<OperationResult> breaker() {
    return breaker;
  }
}
