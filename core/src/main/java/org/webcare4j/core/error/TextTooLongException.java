package org.webcare4j.core.error;

import org.webcare4j.core.model.ChannelId;

/** A text longer than the channel allows, refused before anything was sent. */
public final class TextTooLongException extends WebcareException {
  private final int length;
  private final int maxLength;

  /**
   * Creates the exception.
   *
   * @param channel the channel
   * @param length the text's length, counted the platform's way
   * @param maxLength the channel's limit
   * @param counting how the platform counts, such as "UTF-16 code units"
   */
  public TextTooLongException(ChannelId channel, int length, int maxLength, String counting) {
    super("text of " + length + " " + counting + " exceeds the limit of " + maxLength
        + " on channel " + channel);
    this.length = length;
    this.maxLength = maxLength;
  }

  /**
   * Returns the text's length, counted the platform's way.
   *
   * @return the length
   */
  public int length() {
    return length;
  }

  /**
   * Returns the channel's limit.
   *
   * @return the limit
   */
  public int maxLength() {
    return maxLength;
  }
}
