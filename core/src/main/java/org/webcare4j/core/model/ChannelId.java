package org.webcare4j.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id a host gives one connected account on one platform, such as {@code whatsapp-main} or
 * {@code facebook-gemeente}; it names the channel in URLs, logs and the store.
 *
 * @param value letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64
 */
public record ChannelId(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public ChannelId {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a channel id is 1-64 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit: '" + value + "'");
    }
  }

  /**
   * Creates a channel id.
   *
   * @param value the id
   * @return the channel id
   */
  public static ChannelId of(String value) {
    return new ChannelId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
