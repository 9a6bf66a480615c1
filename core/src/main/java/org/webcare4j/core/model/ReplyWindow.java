package org.webcare4j.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The period in which a platform lets the organisation answer freely, such as WhatsApp's 24-hour
 * customer-service window. A conversation on a channel without such a rule has {@link #none()}.
 *
 * @param closesAt when free-form replies stop being allowed; empty when no window applies
 */
public record ReplyWindow(Optional<Instant> closesAt) {
  private static final ReplyWindow NONE = new ReplyWindow(Optional.empty());

  public ReplyWindow {
    Objects.requireNonNull(closesAt, "closesAt");
  }

  /**
   * Returns the window of a channel without a reply-window rule: always open.
   *
   * @return the unlimited window
   */
  public static ReplyWindow none() {
    return NONE;
  }

  /**
   * Returns a window that closes at the given time.
   *
   * @param closesAt when it closes ({@link Instant#EPOCH} for a window that never opened)
   * @return the window
   */
  public static ReplyWindow closingAt(Instant closesAt) {
    return new ReplyWindow(Optional.of(closesAt));
  }

  /**
   * Tells whether free-form replies are allowed at the given time.
   *
   * @param now the time to check
   * @return true when no window applies or it has not closed yet
   */
  public boolean isOpen(Instant now) {
    return closesAt.map(now::isBefore).orElse(true);
  }

  /**
   * Returns how long the window stays open after the given time.
   *
   * @param now the time to check
   * @return the time left (zero when closed); empty when no window applies
   */
  public Optional<Duration> remaining(Instant now) {
    return closesAt.map(c -> now.isBefore(c) ? Duration.between(now, c) : Duration.ZERO);
  }
}
