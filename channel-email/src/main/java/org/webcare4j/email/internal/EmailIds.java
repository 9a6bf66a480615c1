package org.webcare4j.email.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Message-IDs as platform ids: as they are, or hashed when longer than ids may be. */
public final class EmailIds {
  private static final int MAX = 200;

  private EmailIds() {}

  /**
   * Returns the platform id of a Message-ID (without angle brackets).
   *
   * @param messageId the Message-ID
   * @return the id, at most 200 characters
   */
  public static String platformId(String messageId) {
    if (messageId.length() <= MAX) {
      return messageId;
    }
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(messageId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
