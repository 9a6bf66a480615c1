package org.webcare4j.core.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * A platform's documented request quota for one channel account, which the dispatcher keeps to
 * before the platform says anything.
 *
 * @param requests how many requests are allowed
 * @param per in what period
 */
public record RateQuota(long requests, Duration per) {

  public RateQuota {
    Objects.requireNonNull(per, "per");
    if (requests < 1 || per.isZero() || per.isNegative()) {
      throw new IllegalArgumentException("a quota is a positive number per positive period");
    }
  }

  /**
   * Returns a quota of requests per second.
   *
   * @param requests requests per second
   * @return the quota
   */
  public static RateQuota perSecond(long requests) {
    return new RateQuota(requests, Duration.ofSeconds(1));
  }
}
