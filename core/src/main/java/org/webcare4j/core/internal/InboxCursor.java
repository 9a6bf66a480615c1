package org.webcare4j.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.webcare4j.core.model.ConversationId;

/**
 * The opaque cursor of an inbox page: the last row's activity time and id, so the next page
 * starts strictly after it even when rows are added meanwhile.
 *
 * @param lastActivityAt the last row's activity time
 * @param id the last row's id
 */
public record InboxCursor(Instant lastActivityAt, ConversationId id) {

  /**
   * Encodes the cursor.
   *
   * @return the opaque text form
   */
  public String encode() {
    String raw =
        "v1|" + lastActivityAt.getEpochSecond() + "|" + lastActivityAt.getNano() + "|" + id.value();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes a cursor a caller passed back.
   *
   * @param cursor the opaque text form
   * @return the cursor
   * @throws IllegalArgumentException when it is not a cursor this library made
   */
  public static InboxCursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\|", 4);
      if (parts.length != 4 || !parts[0].equals("v1")) {
        throw new IllegalArgumentException("not an inbox cursor");
      }
      return new InboxCursor(
          Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
          ConversationId.of(parts[3]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an inbox cursor: " + cursor, e);
    }
  }

  /**
   * Tells whether a row comes after this cursor in newest-first order.
   *
   * @param at the row's activity time
   * @param rowId the row's id
   * @return true when the row belongs on a later page
   */
  public boolean precedes(Instant at, ConversationId rowId) {
    int c = at.compareTo(lastActivityAt);
    return c < 0 || (c == 0 && rowId.value().compareTo(id.value()) < 0);
  }
}
