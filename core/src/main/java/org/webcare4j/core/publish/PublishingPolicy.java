package org.webcare4j.core.publish;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How an organisation publishes.
 *
 * @param approvalRequired whether a second person approves every publication before it is
 *     scheduled (four eyes); editing a scheduled publication then returns it to draft
 * @param zone the zone planners think in: schedules given as a local date and time are in it, and
 *     the calendar's days are its days
 * @param gracePeriod how late a publication may still go out when it was missed (the host was
 *     down at its time); later than this, it waits for a person
 * @param pollInterval how often the scheduler looks for due publications
 */
public record PublishingPolicy(
    boolean approvalRequired, ZoneId zone, Duration gracePeriod, Duration pollInterval) {

  /** The Netherlands' zone, the default. */
  public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

  public PublishingPolicy {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("the grace period must not be negative");
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive");
    }
  }

  /**
   * Returns the defaults: approval by a second person required, Europe/Amsterdam, missed
   * publications still published up to 30 minutes late, due publications looked for every 5
   * seconds.
   *
   * @return the defaults
   */
  public static PublishingPolicy defaults() {
    return new PublishingPolicy(true, AMSTERDAM, Duration.ofMinutes(30), Duration.ofSeconds(5));
  }

  /**
   * Returns a copy with approval required or not.
   *
   * @param required whether a second person approves
   * @return the copy
   */
  public PublishingPolicy withApprovalRequired(boolean required) {
    return new PublishingPolicy(required, zone, gracePeriod, pollInterval);
  }

  /**
   * Returns a copy in another zone.
   *
   * @param zone the planners' zone
   * @return the copy
   */
  public PublishingPolicy withZone(ZoneId zone) {
    return new PublishingPolicy(approvalRequired, zone, gracePeriod, pollInterval);
  }

  /**
   * Returns a copy with another grace period.
   *
   * @param grace how late a missed publication may still go out
   * @return the copy
   */
  public PublishingPolicy withGracePeriod(Duration grace) {
    return new PublishingPolicy(approvalRequired, zone, grace, pollInterval);
  }

  /**
   * Returns a copy with another poll interval.
   *
   * @param interval how often the scheduler looks
   * @return the copy
   */
  public PublishingPolicy withPollInterval(Duration interval) {
    return new PublishingPolicy(approvalRequired, zone, gracePeriod, interval);
  }
}
