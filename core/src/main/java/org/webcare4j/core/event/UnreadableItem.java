package org.webcare4j.core.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.webcare4j.core.model.ChannelId;

/**
 * One item of a verified delivery or a polled page that its channel could not read: a message
 * without a sender, a comment without its post, a field of the wrong type. The delivery is still
 * answered 200 and its other items are filed; this item is kept with its raw JSON, where a person
 * can look at it and a later version can read it again. It is never dropped and never dispatched
 * to listeners as an event.
 *
 * <p>{@link #toString()} leaves out the raw JSON: it holds what an inwoner wrote.
 *
 * @param channel the channel the delivery came in on
 * @param location where in the delivery the item was, such as {@code entry[0].changes[1]
 *     .value.messages[2]}
 * @param reason why it could not be read, naming the field, never its content
 * @param json the item's JSON as received
 * @param receivedAt when the library received it
 */
public record UnreadableItem(
    ChannelId channel, String location, String reason, String json, Instant receivedAt) {

  public UnreadableItem {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(receivedAt, "receivedAt");
    // kept in every store: no U+0000 (PostgreSQL refuses it), no lone surrogates
    json = Checks.storable(json);
    reason = Checks.storable(reason);
    location = Checks.storable(location);
  }

  /**
   * Returns the key under which this item is kept once per channel: the SHA-256 of its JSON, so
   * that a delivery the platform sends again does not store it twice.
   *
   * @return {@code unreadable:} and the hex digest
   */
  public String dedupeKey() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(json.getBytes(StandardCharsets.UTF_8));
      return "unreadable:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "UnreadableItem[channel=" + channel + ", location=" + location + ", reason=" + reason
        + ", json=(" + json.length() + " chars), receivedAt=" + receivedAt + "]";
  }
}
