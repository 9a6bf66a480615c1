package org.webcare4j.core.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher retries, throttles and protects platforms. Immutable; {@link #defaults()}
 * suits production, and {@link #builder()} starts from those defaults:
 *
 * <pre>{@code
 * OutboxPolicy policy = OutboxPolicy.builder()
 *     .maxAttempts(4)
 *     .retryDelay(Duration.ofSeconds(2))
 *     .build();
 * }</pre>
 */
public final class OutboxPolicy {
  private static final OutboxPolicy DEFAULTS = new Builder().build();

  private final int maxAttempts;
  private final int immediateRetries;
  private final Duration retryDelay;
  private final Duration maxRetryDelay;
  private final int breakerFailures;
  private final Duration breakerDelay;
  private final Duration operationTimeout;
  private final Duration pollInterval;
  private final Duration leaseDuration;
  private final int concurrencyPerChannel;

  private OutboxPolicy(Builder b) {
    if (b.maxAttempts < 1 || b.immediateRetries < 0 || b.breakerFailures < 1
        || b.concurrencyPerChannel < 1) {
      throw new IllegalArgumentException("maxAttempts, breakerFailures and concurrencyPerChannel"
          + " must be positive, immediateRetries at least 0");
    }
    if (b.maxRetryDelay.compareTo(b.retryDelay) < 0) {
      throw new IllegalArgumentException("maxRetryDelay must not be below retryDelay");
    }
    if (b.leaseDuration.compareTo(b.pollInterval.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException("a lease must outlive three poll intervals");
    }
    maxAttempts = b.maxAttempts;
    immediateRetries = b.immediateRetries;
    retryDelay = b.retryDelay;
    maxRetryDelay = b.maxRetryDelay;
    breakerFailures = b.breakerFailures;
    breakerDelay = b.breakerDelay;
    operationTimeout = b.operationTimeout;
    pollInterval = b.pollInterval;
    leaseDuration = b.leaseDuration;
    concurrencyPerChannel = b.concurrencyPerChannel;
  }

  /**
   * Returns the production defaults: 8 attempts, 2 quick retries, queued retries from 5 seconds
   * up to 10 minutes, a breaker opening after 5 failures for 30 seconds, a 60-second operation
   * timeout, polling every second, 30-second leases, 4 operations at once per channel.
   *
   * @return the defaults
   */
  public static OutboxPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a policy from the {@linkplain #defaults() defaults}.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this policy's settings.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.immediateRetries = immediateRetries;
    b.retryDelay = retryDelay;
    b.maxRetryDelay = maxRetryDelay;
    b.breakerFailures = breakerFailures;
    b.breakerDelay = breakerDelay;
    b.operationTimeout = operationTimeout;
    b.pollInterval = pollInterval;
    b.leaseDuration = leaseDuration;
    b.concurrencyPerChannel = concurrencyPerChannel;
    return b;
  }

  /**
   * Returns the attempts before an entry with transient failures ends dead.
   *
   * @return the attempts
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Returns the quick retries within one attempt for a transient failure, before the entry is
   * queued again with a longer delay.
   *
   * @return the retries
   */
  public int immediateRetries() {
    return immediateRetries;
  }

  /**
   * Returns the first delay before a queued retry; it doubles each time, with jitter.
   *
   * @return the delay
   */
  public Duration retryDelay() {
    return retryDelay;
  }

  /**
   * Returns the longest delay between queued retries.
   *
   * @return the delay
   */
  public Duration maxRetryDelay() {
    return maxRetryDelay;
  }

  /**
   * Returns the consecutive failures that open a channel's circuit breaker.
   *
   * @return the failures
   */
  public int breakerFailures() {
    return breakerFailures;
  }

  /**
   * Returns how long an open breaker waits before letting one attempt through.
   *
   * @return the delay
   */
  public Duration breakerDelay() {
    return breakerDelay;
  }

  /**
   * Returns the longest one operation may take on the platform.
   *
   * @return the timeout
   */
  public Duration operationTimeout() {
    return operationTimeout;
  }

  /**
   * Returns how often the dispatcher looks for due entries without being woken.
   *
   * @return the interval
   */
  public Duration pollInterval() {
    return pollInterval;
  }

  /**
   * Returns how long one instance may drain a channel's outbox without renewing its lease.
   *
   * @return the lease
   */
  public Duration leaseDuration() {
    return leaseDuration;
  }

  /**
   * Returns how many operations run at once on one channel.
   *
   * @return the concurrency
   */
  public int concurrencyPerChannel() {
    return concurrencyPerChannel;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutboxPolicy p && p.maxAttempts == maxAttempts
        && p.immediateRetries == immediateRetries && p.retryDelay.equals(retryDelay)
        && p.maxRetryDelay.equals(maxRetryDelay) && p.breakerFailures == breakerFailures
        && p.breakerDelay.equals(breakerDelay) && p.operationTimeout.equals(operationTimeout)
        && p.pollInterval.equals(pollInterval) && p.leaseDuration.equals(leaseDuration)
        && p.concurrencyPerChannel == concurrencyPerChannel;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, immediateRetries, retryDelay, maxRetryDelay,
        breakerFailures, breakerDelay, operationTimeout, pollInterval, leaseDuration,
        concurrencyPerChannel);
  }

  @Override
  public String toString() {
    return "OutboxPolicy{maxAttempts=" + maxAttempts + ", immediateRetries=" + immediateRetries
        + ", retryDelay=" + retryDelay + ", maxRetryDelay=" + maxRetryDelay
        + ", breakerFailures=" + breakerFailures + ", breakerDelay=" + breakerDelay
        + ", operationTimeout=" + operationTimeout + ", pollInterval=" + pollInterval
        + ", leaseDuration=" + leaseDuration + ", concurrencyPerChannel="
        + concurrencyPerChannel + "}";
  }

  /** Builds an {@link OutboxPolicy}; every setting starts at its default. */
  public static final class Builder {
    private int maxAttempts = 8;
    private int immediateRetries = 2;
    private Duration retryDelay = Duration.ofSeconds(5);
    private Duration maxRetryDelay = Duration.ofMinutes(10);
    private int breakerFailures = 5;
    private Duration breakerDelay = Duration.ofSeconds(30);
    private Duration operationTimeout = Duration.ofSeconds(60);
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration leaseDuration = Duration.ofSeconds(30);
    private int concurrencyPerChannel = 4;

    private Builder() {}

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    /**
     * Sets the attempts before an entry with transient failures ends dead (default 8).
     *
     * @param attempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Sets the quick retries within one attempt (default 2).
     *
     * @param retries at least 0
     * @return this builder
     */
    public Builder immediateRetries(int retries) {
      this.immediateRetries = retries;
      return this;
    }

    /**
     * Sets the first delay before a queued retry (default 5 seconds).
     *
     * @param delay positive, not above the longest delay
     * @return this builder
     */
    public Builder retryDelay(Duration delay) {
      this.retryDelay = positive(delay, "retryDelay");
      return this;
    }

    /**
     * Sets the longest delay between queued retries (default 10 minutes).
     *
     * @param delay positive
     * @return this builder
     */
    public Builder maxRetryDelay(Duration delay) {
      this.maxRetryDelay = positive(delay, "maxRetryDelay");
      return this;
    }

    /**
     * Sets the consecutive failures that open a channel's circuit breaker (default 5).
     *
     * @param failures at least 1
     * @return this builder
     */
    public Builder breakerFailures(int failures) {
      this.breakerFailures = failures;
      return this;
    }

    /**
     * Sets how long an open breaker waits (default 30 seconds).
     *
     * @param delay positive
     * @return this builder
     */
    public Builder breakerDelay(Duration delay) {
      this.breakerDelay = positive(delay, "breakerDelay");
      return this;
    }

    /**
     * Sets the longest one operation may take on the platform (default 60 seconds).
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder operationTimeout(Duration timeout) {
      this.operationTimeout = positive(timeout, "operationTimeout");
      return this;
    }

    /**
     * Sets how often the dispatcher looks for due entries (default 1 second).
     *
     * @param interval positive
     * @return this builder
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive(interval, "pollInterval");
      return this;
    }

    /**
     * Sets how long an instance may drain a channel's outbox without renewing (default 30
     * seconds).
     *
     * @param lease positive, at least three poll intervals
     * @return this builder
     */
    public Builder leaseDuration(Duration lease) {
      this.leaseDuration = positive(lease, "leaseDuration");
      return this;
    }

    /**
     * Sets how many operations run at once on one channel (default 4).
     *
     * @param concurrency at least 1
     * @return this builder
     */
    public Builder concurrencyPerChannel(int concurrency) {
      this.concurrencyPerChannel = concurrency;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException when a count is out of range, the longest retry delay is
     *     below the first, or the lease is shorter than three poll intervals
     */
    public OutboxPolicy build() {
      return new OutboxPolicy(this);
    }
  }
}
