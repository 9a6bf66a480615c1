package org.webcare4j.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a publication fared on one channel.
 *
 * @param channel the channel
 * @param status whether it is published there
 * @param platformPostId the platform's id of the post, once published
 * @param permalink the public address of the post, where the platform gives one
 * @param publishedAt when it was published
 * @param failure why it failed, when it did
 */
public record ChannelPublication(
    ChannelId channel,
    Status status,
    Optional<String> platformPostId,
    Optional<String> permalink,
    Optional<Instant> publishedAt,
    Optional<DeliveryFailure> failure) {

  /** The state of a publication on one channel. */
  public enum Status {
    /** Not yet published there. */
    PENDING,
    /** Published; the platform's post id is known. */
    PUBLISHED,
    /** Refused or failed; see the failure. */
    FAILED
  }

  public ChannelPublication {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(platformPostId, "platformPostId");
    Objects.requireNonNull(permalink, "permalink");
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(failure, "failure");
    if (status == Status.PUBLISHED && platformPostId.isEmpty()) {
      throw new IllegalArgumentException("a published result carries the platform's post id");
    }
    if (failure.isPresent() != (status == Status.FAILED)) {
      throw new IllegalArgumentException("a failure goes with status FAILED, and only there");
    }
  }

  /**
   * Returns a result for a channel not yet published to.
   *
   * @param channel the channel
   * @return the pending result
   */
  public static ChannelPublication pending(ChannelId channel) {
    return new ChannelPublication(
        channel,
        Status.PENDING,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
