package org.webcare4j.core.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a channel reports what the platform says about its limits on every answer, so the
 * dispatcher slows down before the platform refuses.
 */
public interface RateLimitFeedback {

  /**
   * Reports a count-based limit, as in X's {@code x-rate-limit-*} headers.
   *
   * @param bucket the limit's name (an endpoint, "user", "app")
   * @param remaining requests left in the window
   * @param limit requests per window
   * @param resetAt when the window resets
   */
  void remaining(String bucket, long remaining, long limit, Instant resetAt);

  /**
   * Reports a percentage-based limit, as in Meta's {@code X-App-Usage} headers.
   *
   * @param bucket the limit's name
   * @param percentUsed the highest of the reported percentages, 0 to 100 (or more)
   * @param regainIn when access is regained, where the platform says
   */
  void usage(String bucket, double percentUsed, Optional<Duration> regainIn);
}
