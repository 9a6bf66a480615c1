package org.webcare4j.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Media downloaded from a platform or fetched for an upload, the same type on every channel:
 * the bytes and what is known of them.
 *
 * @param bytes the content; the array is the caller's to keep
 * @param mimeType the media type, such as {@code image/jpeg}
 * @param sha256 the SHA-256 the platform gave, in hex, which the bytes were checked against;
 *     empty where the platform gives none
 */
public record MediaContent(byte[] bytes, String mimeType, Optional<String> sha256) {

  public MediaContent {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(sha256, "sha256");
  }

  @Override
  public String toString() {
    return "MediaContent{" + bytes.length + " bytes, " + mimeType + "}";
  }
}
