package org.webcare4j.core.error;

import java.time.Instant;
import java.util.Optional;
import org.webcare4j.core.model.ChannelId;

/**
 * A free-text message to a conversation whose platform reply window has closed: refused before
 * anything was sent when webcare4j knows the window closed, or by the platform itself (WhatsApp
 * error 131047) when it knew better. Where the platform offers a way around it (an approved
 * template on WhatsApp, a message tag on Messenger), {@link #alternative()} names it. Trying
 * again does not help.
 */
public final class ReplyWindowClosedException extends PermanentPlatformException {
  /** The code of a refusal made by webcare4j before calling the platform. */
  public static final String CODE = "WINDOW_CLOSED";

  private final Optional<Instant> closedAt;
  private final String alternative;

  /**
   * Creates a refusal made before calling the platform.
   *
   * @param channel the channel whose window closed
   * @param closedAt when the window closed ({@link Instant#EPOCH} if it never opened)
   * @param alternative how to reach the inwoner anyway, for example "send an approved template";
   *     empty if the platform offers nothing
   */
  public ReplyWindowClosedException(ChannelId channel, Instant closedAt, String alternative) {
    super(channel, CODE, "", "the reply window closed at " + closedAt
        + (alternative.isEmpty() ? "" : "; " + alternative), "");
    this.closedAt = Optional.of(closedAt);
    this.alternative = alternative;
  }

  /**
   * Creates the platform's own refusal.
   *
   * @param channel the channel
   * @param code the platform's error code, such as 131047
   * @param message the platform's message
   * @param traceId the platform's trace id, or empty
   * @param alternative how to reach the inwoner anyway, or empty
   */
  public ReplyWindowClosedException(ChannelId channel, String code, String message,
      String traceId, String alternative) {
    super(channel, code, "", message + (alternative.isEmpty() ? "" : "; " + alternative),
        traceId);
    this.closedAt = Optional.empty();
    this.alternative = alternative;
  }

  /**
   * Returns when the window closed, when webcare4j knew it.
   *
   * @return the closing instant ({@link Instant#EPOCH} if the window never opened), or empty
   *     for the platform's own refusal
   */
  public Optional<Instant> closedAt() {
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
