package org.webcare4j.core.channel;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.webcare4j.core.model.AttachmentKind;

/**
 * What a channel accepts in a post: the rules a publication's variant is validated against before
 * it can be scheduled.
 *
 * @param maxTextLength the longest post text, as {@code lengthCounter} counts it (a link placed in
 *     the text counts too)
 * @param lengthCounter how the platform counts text length
 * @param maxMedia the most media items one post carries
 * @param mediaTypes the media types accepted, per kind (such as {@code image/jpeg}); a kind
 *     missing here is not accepted at all; an empty set accepts any type of that kind
 * @param maxMediaBytes the largest accepted item per kind, where the platform documents one
 * @param mediaRequired whether a post needs at least one media item
 * @param mediaByUrl whether the platform fetches media from a public URL (rather than an id)
 * @param links how a link travels with a post
 */
public record PostRules(
    int maxTextLength,
    LengthCounter lengthCounter,
    int maxMedia,
    Map<AttachmentKind, Set<String>> mediaTypes,
    Map<AttachmentKind, Long> maxMediaBytes,
    boolean mediaRequired,
    boolean mediaByUrl,
    LinkPlacement links) {

  /** How a link is carried by a post. */
  public enum LinkPlacement {
    /** In a field of its own, shown as a link preview; it does not count in the text. */
    SEPARATE,
    /** Added to the text, where it counts in the length and is clickable. */
    IN_TEXT,
    /** Added to the text but not clickable there (Instagram captions). */
    IN_TEXT_NOT_CLICKABLE,
    /** Not supported. */
    NONE
  }

  public PostRules {
    if (maxTextLength < 1 || maxMedia < 0) {
      throw new IllegalArgumentException("maxTextLength must be positive, maxMedia not negative");
    }
    Objects.requireNonNull(lengthCounter, "lengthCounter");
    Map<AttachmentKind, Set<String>> types = new EnumMap<>(AttachmentKind.class);
    mediaTypes.forEach((k, v) -> types.put(k, Set.copyOf(v)));
    mediaTypes = java.util.Collections.unmodifiableMap(types);
    maxMediaBytes = Map.copyOf(maxMediaBytes);
    maxMediaBytes.values().forEach(v -> {
      if (v < 1) {
        throw new IllegalArgumentException("a size limit must be positive");
      }
    });
    Objects.requireNonNull(links, "links");
    if (mediaRequired && maxMedia == 0) {
      throw new IllegalArgumentException("media cannot be required where none is accepted");
    }
  }

  /**
   * Starts rules for text posts of at most this length; add media and links on the builder.
   *
   * @param maxTextLength the longest text
   * @param lengthCounter how it is counted
   * @return a builder
   */
  public static Builder builder(int maxTextLength, LengthCounter lengthCounter) {
    return new Builder(maxTextLength, lengthCounter);
  }

  /**
   * Tells whether a kind of media is accepted.
   *
   * @param kind the kind
   * @return true when posts may carry it
   */
  public boolean accepts(AttachmentKind kind) {
    return maxMedia > 0 && mediaTypes.containsKey(kind);
  }

  /**
   * Returns the size limit of a kind of media.
   *
   * @param kind the kind
   * @return the largest accepted item in bytes, if the platform documents one
   */
  public OptionalLong maxBytes(AttachmentKind kind) {
    Long max = maxMediaBytes.get(kind);
    return max == null ? OptionalLong.empty() : OptionalLong.of(max);
  }

  /** Builds {@link PostRules}; by default no media, links in a field of their own. */
  public static final class Builder {
    private final int maxTextLength;
    private final LengthCounter lengthCounter;
    private int maxMedia;
    private final Map<AttachmentKind, Set<String>> mediaTypes = new EnumMap<>(AttachmentKind.class);
    private final Map<AttachmentKind, Long> maxBytes = new EnumMap<>(AttachmentKind.class);
    private boolean mediaRequired;
    private boolean mediaByUrl;
    private LinkPlacement links = LinkPlacement.SEPARATE;

    private Builder(int maxTextLength, LengthCounter lengthCounter) {
      this.maxTextLength = maxTextLength;
      this.lengthCounter = lengthCounter;
    }

    /**
     * Sets the most media items per post.
     *
     * @param max the count
     * @return this builder
     */
    public Builder maxMedia(int max) {
      this.maxMedia = max;
      return this;
    }

    /**
     * Accepts a kind of media in some types, up to a size.
     *
     * @param kind the kind
     * @param maxBytes the largest item in bytes
     * @param types the accepted media types; none given accepts any type of the kind
     * @return this builder
     */
    public Builder media(AttachmentKind kind, long maxBytes, String... types) {
      mediaTypes.put(kind, Set.of(types));
      this.maxBytes.put(kind, maxBytes);
      return this;
    }

    /**
     * Requires at least one media item per post.
     *
     * @return this builder
     */
    public Builder mediaRequired() {
      this.mediaRequired = true;
      return this;
    }

    /**
     * Says the platform fetches media from their public URL.
     *
     * @return this builder
     */
    public Builder mediaByUrl() {
      this.mediaByUrl = true;
      return this;
    }

    /**
     * Sets how links travel.
     *
     * @param placement the placement
     * @return this builder
     */
    public Builder links(LinkPlacement placement) {
      this.links = Objects.requireNonNull(placement, "placement");
      return this;
    }

    /**
     * Builds the rules.
     *
     * @return the rules
     */
    public PostRules build() {
      return new PostRules(maxTextLength, lengthCounter, maxMedia, mediaTypes, maxBytes,
          mediaRequired, mediaByUrl, links);
    }
  }
}
