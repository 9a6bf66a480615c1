package org.webcare4j.core.internal;

import dev.failsafe.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.webcare4j.core.channel.RateLimitFeedback;
import org.webcare4j.core.channel.RateQuota;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.outbox.RateBudget;

/**
 * One channel account's rate limiting: the platform's documented quota (a Failsafe rate limiter)
 * and, per bucket, what the platform reports in its answers. It slows down before the platform
 * refuses: when fewer than a quarter of a window's requests remain they are spread over the time
 * left, and above 75 % reported usage calls are spaced out further the closer usage gets to 100.
 * A refusal pauses the bucket exactly as long as the platform asked.
 */
final class ChannelThrottle implements RateLimitFeedback {
  private static final Duration FULL_USAGE_WAIT = Duration.ofMinutes(1);
  private static final Duration MAX_USAGE_SPACING = Duration.ofSeconds(5);

  private final ChannelId channel;
  private final Clock clock;
  private final RateLimiter<Object> quota;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  ChannelThrottle(ChannelId channel, Optional<RateQuota> quota, Clock clock) {
    this.channel = channel;
    this.clock = clock;
    this.quota = quota.map(q -> RateLimiter.smoothBuilder(q.requests(), q.per()).build())
        .orElse(null);
  }

  /**
   * Takes one request's worth of budget from a bucket, or says how long to wait first.
   *
   * @param bucket the bucket the operation counts against
   * @param maxQuotaWait how long to block at most for the documented quota
   * @return zero when the request may go now (and budget was taken), else the wait
   */
  Duration tryTake(String bucket, Duration maxQuotaWait) {
    Bucket b = buckets.computeIfAbsent(bucket, Bucket::new);
    Duration wait = b.peek(clock.instant());
    if (!wait.isZero()) {
      return wait;
    }
    if (quota != null) {
      try {
        if (!quota.tryAcquirePermit(maxQuotaWait)) {
          return maxQuotaWait.isZero() ? Duration.ofMillis(10) : maxQuotaWait;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Duration.ofMillis(10);
      }
    }
    return b.take(clock.instant());
  }

  /**
   * Pauses a bucket after the platform refused with a rate limit.
   *
   * @param bucket the bucket
   * @param retryAfter how long the platform asked to wait
   * @return when the bucket opens again
   */
  Instant pause(String bucket, Duration retryAfter) {
    return buckets.computeIfAbsent(bucket, Bucket::new).pause(clock.instant().plus(retryAfter));
  }

  @Override
  public void remaining(String bucket, long remaining, long limit, Instant resetAt) {
    buckets.computeIfAbsent(bucket, Bucket::new).report(remaining, limit, resetAt);
  }

  @Override
  public void usage(String bucket, double percentUsed, Optional<Duration> regainIn) {
    Instant now = clock.instant();
    buckets.computeIfAbsent(bucket, Bucket::new)
        .reportUsage(percentUsed, regainIn.map(now::plus).orElse(null));
  }

  RateBudget budget() {
    Instant now = clock.instant();
    List<RateBudget.Bucket> all = new ArrayList<>();
    Instant paused = null;
    for (Bucket b : buckets.values()) {
      RateBudget.Bucket view = b.view(now);
      all.add(view);
      if (view.pausedUntil().isPresent()
          && (paused == null || view.pausedUntil().get().isAfter(paused))) {
        paused = view.pausedUntil().get();
      }
    }
    all.sort(java.util.Comparator.comparing(RateBudget.Bucket::name));
    return new RateBudget(channel, Optional.ofNullable(paused), all);
  }

  /** The state of one bucket; every method is atomic. */
  private static final class Bucket {
    private final String name;
    private Long remaining;
    private Long limit;
    private Instant resetAt;
    private Double usage;
    private Instant regainAt;
    private Instant pausedUntil;
    private Instant nextAllowedAt;

    Bucket(String name) {
      this.name = name;
    }

    private void expire(Instant now) {
      if (resetAt != null && !resetAt.isAfter(now)) {
        remaining = null;
        resetAt = null;
      }
      if (regainAt != null && !regainAt.isAfter(now)) {
        usage = null;
        regainAt = null;
      }
      if (pausedUntil != null && !pausedUntil.isAfter(now)) {
        pausedUntil = null;
      }
    }

    synchronized Duration peek(Instant now) {
      expire(now);
      Instant until = null;
      if (pausedUntil != null) {
        until = pausedUntil;
      }
      if (nextAllowedAt != null && nextAllowedAt.isAfter(now)) {
        until = later(until, nextAllowedAt);
      }
      if (remaining != null && remaining <= 0) {
        until = later(until, resetAt != null ? resetAt : now.plusSeconds(1));
      }
      if (usage != null && usage >= 100) {
        if (regainAt == null) {
          regainAt = now.plus(FULL_USAGE_WAIT);
        }
        until = later(until, regainAt);
      }
      return until == null ? Duration.ZERO : Duration.between(now, until);
    }

    synchronized Duration take(Instant now) {
      Duration wait = peek(now);
      if (!wait.isZero()) {
        return wait;
      }
      Duration spacing = Duration.ZERO;
      if (remaining != null && limit != null && resetAt != null && remaining * 4 < limit) {
        spacing = Duration.between(now, resetAt).dividedBy(remaining + 1);
      }
      if (usage != null && usage >= 75) {
        Duration usageSpacing = Duration.ofMillis(
            (long) (MAX_USAGE_SPACING.toMillis() * Math.min(1.0, (usage - 75) / 25)));
        spacing = usageSpacing.compareTo(spacing) > 0 ? usageSpacing : spacing;
      }
      if (remaining != null) {
        remaining--;
      }
      nextAllowedAt = spacing.isZero() ? null : now.plus(spacing);
      return Duration.ZERO;
    }

    synchronized Instant pause(Instant until) {
      pausedUntil = later(pausedUntil, until);
      return pausedUntil;
    }

    synchronized void report(long newRemaining, long newLimit, Instant newResetAt) {
      // Answers arrive out of order under concurrency: within one window keep the lowest count.
      if (resetAt != null && resetAt.equals(newResetAt) && remaining != null) {
        remaining = Math.min(remaining, newRemaining);
      } else if (resetAt == null || !newResetAt.isBefore(resetAt)) {
        remaining = newRemaining;
        resetAt = newResetAt;
      }
      limit = newLimit;
    }

    synchronized void reportUsage(double percent, Instant regain) {
      usage = percent;
      regainAt = regain;
    }

    synchronized RateBudget.Bucket view(Instant now) {
      expire(now);
      return new RateBudget.Bucket(name,
          remaining == null ? OptionalLong.empty() : OptionalLong.of(Math.max(0, remaining)),
          limit == null ? OptionalLong.empty() : OptionalLong.of(limit),
          Optional.ofNullable(resetAt),
          usage == null ? OptionalDouble.empty() : OptionalDouble.of(usage),
          Optional.ofNullable(pausedUntil));
    }

    private static Instant later(Instant a, Instant b) {
      return a == null || b.isAfter(a) ? b : a;
    }
  }
}
