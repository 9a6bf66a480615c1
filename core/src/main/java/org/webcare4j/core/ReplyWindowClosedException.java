package org.webcare4j.core;

import java.time.Instant;
import java.util.Optional;
import org.webcare4j.core.model.ChannelId;

/**
 * A free-text message to a conversation whose platform reply window has closed. Where the
 * platform offers a way around it (an approved template on WhatsApp, a message tag on Messenger),
 * {@link #alternative()} names it.
 */
public final class ReplyWindowClosedException extends WebcareException {
  private final ChannelId channel;
  private final Instant closedAt;
  private final String alternative;

  /**
   * Creates a refusal for a closed reply window.
   *
   * @param channel the channel whose window closed
   * @param closedAt when the window closed ({@link Instant#EPOCH} if it never opened)
   * @param alternative how to reach the inwoner anyway, for example "send an approved template";
   *     empty if the platform offers nothing
   */
  public ReplyWindowClosedException(ChannelId channel, Instant closedAt, String alternative) {
    super(
        "the reply window of channel "
            + channel.value()
            + " closed at "
            + closedAt
            + (alternative.isEmpty() ? "" : "; " + alternative));
    this.channel = channel;
    this.closedAt = closedAt;
    this.alternative = alternative;
  }

  /**
   * Returns the channel whose reply window closed.
   *
   * @return the channel id
   */
  public ChannelId channel() {
    return channel;
  }

  /**
   * Returns when the window closed.
   *
   * @return the closing instant, {@link Instant#EPOCH} if the window never opened
   */
  public Instant closedAt() {
    return closedAt;
  }

  /**
   * Returns how the platform still lets the organisation reach the inwoner, if at all.
   *
   * @return for example "send an approved template message", or empty
   */
  public Optional<String> alternative() {
    return alternative.isEmpty() ? Optional.empty() : Optional.of(alternative);
  }
}
