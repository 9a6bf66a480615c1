package org.webcare4j.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file, location or card sent with a message or publication. Platforms refer to media by their
 * own id or by a URL; either may be absent.
 *
 * @param kind what the attachment holds
 * @param mediaId the platform's media id, if it gave one
 * @param url where the media can be fetched, if known
 * @param mimeType the media type, if known
 * @param fileName the file's name, if known
 * @param sizeBytes the size in bytes, if known
 * @param caption a caption, if given
 * @param properties kind-specific details: {@code latitude}, {@code longitude}, {@code name},
 *     {@code phone}, …
 */
public record Attachment(
    AttachmentKind kind,
    Optional<String> mediaId,
    Optional<String> url,
    Optional<String> mimeType,
    Optional<String> fileName,
    OptionalLong sizeBytes,
    Optional<String> caption,
    Map<String, String> properties) {

  public Attachment {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(mediaId, "mediaId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(sizeBytes, "sizeBytes");
    Objects.requireNonNull(caption, "caption");
    properties = Map.copyOf(properties);
  }

  /**
   * Starts building an attachment of the given kind.
   *
   * @param kind what the attachment holds
   * @return a builder
   */
  public static Builder builder(AttachmentKind kind) {
    return new Builder(kind);
  }

  /** Builds an {@link Attachment}; every field but the kind is optional. */
  public static final class Builder {
    private final AttachmentKind kind;
    private String mediaId;
    private String url;
    private String mimeType;
    private String fileName;
    private Long sizeBytes;
    private String caption;
    private final Map<String, String> properties = new java.util.LinkedHashMap<>();

    private Builder(AttachmentKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * Sets the platform's media id.
     *
     * @param mediaId the id
     * @return this builder
     */
    public Builder mediaId(String mediaId) {
      this.mediaId = mediaId;
      return this;
    }

    /**
     * Sets where the media can be fetched.
     *
     * @param url the address
     * @return this builder
     */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /**
     * Sets the media type.
     *
     * @param mimeType for example {@code image/jpeg}
     * @return this builder
     */
    public Builder mimeType(String mimeType) {
      this.mimeType = mimeType;
      return this;
    }

    /**
     * Sets the file name.
     *
     * @param fileName the name
     * @return this builder
     */
    public Builder fileName(String fileName) {
      this.fileName = fileName;
      return this;
    }

    /**
     * Sets the size.
     *
     * @param sizeBytes the size in bytes, not negative
     * @return this builder
     */
    public Builder sizeBytes(long sizeBytes) {
      if (sizeBytes < 0) {
        throw new IllegalArgumentException("sizeBytes must not be negative");
      }
      this.sizeBytes = sizeBytes;
      return this;
    }

    /**
     * Sets the caption.
     *
     * @param caption the caption
     * @return this builder
     */
    public Builder caption(String caption) {
      this.caption = caption;
      return this;
    }

    /**
     * Adds a kind-specific property; ignored when the value is null.
     *
     * @param name the property's name
     * @param value its value
     * @return this builder
     */
    public Builder property(String name, String value) {
      if (value != null) {
        properties.put(Objects.requireNonNull(name, "name"), value);
      }
      return this;
    }

    /**
     * Builds the attachment.
     *
     * @return the attachment
     */
    public Attachment build() {
      return new Attachment(
          kind,
          Optional.ofNullable(mediaId),
          Optional.ofNullable(url),
          Optional.ofNullable(mimeType),
          Optional.ofNullable(fileName),
          sizeBytes == null ? OptionalLong.empty() : OptionalLong.of(sizeBytes),
          Optional.ofNullable(caption),
          properties);
    }
  }
}
