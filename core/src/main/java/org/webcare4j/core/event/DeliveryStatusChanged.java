package org.webcare4j.core.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.DeliveryFailure;
import org.webcare4j.core.model.DeliveryStatus;

/**
 * The platform reports how far an outbound message got: sent, delivered, read, or failed.
 *
 * @param channel the channel
 * @param platformId the platform's id of the outbound message
 * @param status the reported status: {@code SENT}, {@code DELIVERED}, {@code READ} or {@code
 *     FAILED}
 * @param failure the platform's reason, present exactly when the status is {@code FAILED}
 * @param occurredAt the platform's timestamp
 */
public record DeliveryStatusChanged(
    ChannelId channel,
    String platformId,
    DeliveryStatus status,
    Optional<DeliveryFailure> failure,
    Instant occurredAt)
    implements InboundEvent {

  public DeliveryStatusChanged {
    Objects.requireNonNull(channel, "channel");
    Checks.id(platformId, "platformId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (status == DeliveryStatus.QUEUED || status == DeliveryStatus.RECEIVED) {
      throw new IllegalArgumentException("a platform does not report status " + status);
    }
    if (failure.isPresent() != (status == DeliveryStatus.FAILED)) {
      throw new IllegalArgumentException("a failure goes with status FAILED, and only there");
    }
  }

  @Override
  public String dedupeKey() {
    return "status:" + platformId + ":" + status;
  }
}
