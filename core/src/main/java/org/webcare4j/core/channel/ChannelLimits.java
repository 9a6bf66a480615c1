package org.webcare4j.core.channel;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform rules a channel's messages must keep.
 *
 * @param maxTextLength the longest text the platform accepts, as {@code lengthCounter} counts
 * @param lengthCounter how the platform counts text length
 * @param replyWindow how long after an inwoner's last message free-form replies are allowed;
 *     empty when the platform has no such rule
 */
public record ChannelLimits(
    int maxTextLength, LengthCounter lengthCounter, Optional<Duration> replyWindow) {

  public ChannelLimits {
    if (maxTextLength < 1) {
      throw new IllegalArgumentException("maxTextLength must be positive: " + maxTextLength);
    }
    Objects.requireNonNull(lengthCounter, "lengthCounter");
    Objects.requireNonNull(replyWindow, "replyWindow");
    replyWindow.ifPresent(
        w -> {
          if (w.isNegative() || w.isZero()) {
            throw new IllegalArgumentException("a reply window must be positive: " + w);
          }
        });
  }

  /**
   * Returns limits without a reply window.
   *
   * @param maxTextLength the longest accepted text
   * @param lengthCounter how length is counted
   * @return the limits
   */
  public static ChannelLimits of(int maxTextLength, LengthCounter lengthCounter) {
    return new ChannelLimits(maxTextLength, lengthCounter, Optional.empty());
  }

  /**
   * Returns a copy with a reply window.
   *
   * @param window how long after the inwoner's last message replies are free-form
   * @return the limits with the window
   */
  public ChannelLimits withReplyWindow(Duration window) {
    return new ChannelLimits(maxTextLength, lengthCounter, Optional.of(window));
  }

  /**
   * Tells by how much a text exceeds the limit.
   *
   * @param text the text
   * @return the excess in the platform's units, zero when it fits
   */
  public int excess(CharSequence text) {
    return Math.max(0, lengthCounter.count(text) - maxTextLength);
  }
}
