package org.webcare4j.core.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.webcare4j.core.model.ChannelId;

/**
 * How much a channel may still send, as the platform last reported it.
 *
 * @param channel the channel
 * @param pausedUntil when sending resumes after the platform refused with a rate limit, if paused
 * @param buckets the platform's limits the channel has seen, per endpoint or kind of call
 */
public record RateBudget(ChannelId channel, Optional<Instant> pausedUntil, List<Bucket> buckets) {

  public RateBudget {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(pausedUntil, "pausedUntil");
    buckets = List.copyOf(buckets);
  }

  /**
   * One limit of the platform's.
   *
   * @param name the bucket's name, such as {@code POST /2/tweets} or {@code app}
   * @param remaining requests left in the current window, where the platform says
   * @param limit requests allowed per window, where the platform says
   * @param resetsAt when the window resets, where the platform says
   * @param usagePercent how much of the limit is used, where the platform reports a percentage
   * @param pausedUntil when this bucket may be used again after a refusal, if paused
   */
  public record Bucket(
      String name,
      OptionalLong remaining,
      OptionalLong limit,
      Optional<Instant> resetsAt,
      OptionalDouble usagePercent,
      Optional<Instant> pausedUntil) {

    public Bucket {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(remaining, "remaining");
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(resetsAt, "resetsAt");
      Objects.requireNonNull(usagePercent, "usagePercent");
      Objects.requireNonNull(pausedUntil, "pausedUntil");
    }
  }

  /**
   * Returns a bucket by name.
   *
   * @param name the bucket's name
   * @return the bucket, if the channel has seen it
   */
  public Optional<Bucket> bucket(String name) {
    return buckets.stream().filter(b -> b.name().equals(name)).findFirst();
  }
}
