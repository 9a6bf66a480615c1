package org.webcare4j.core.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.PublicationVariant;

/**
 * The content of a publication as its author writes it: a base text, media and link, the
 * channels to publish on, and per channel a variant that replaces any of those.
 *
 * @param text the base text
 * @param media the base media
 * @param link the base link, if any
 * @param channels the channels to publish on, in the order given
 * @param variants per-channel replacements; only for channels in {@code channels}
 */
public record PublicationDraft(
    String text,
    List<Attachment> media,
    Optional<String> link,
    Set<ChannelId> channels,
    Map<ChannelId, PublicationVariant> variants) {

  public PublicationDraft {
    Objects.requireNonNull(text, "text");
    media = List.copyOf(media);
    Objects.requireNonNull(link, "link");
    channels = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(channels));
    variants = Map.copyOf(variants);
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("a publication goes to at least one channel");
    }
    for (ChannelId c : variants.keySet()) {
      if (!channels.contains(c)) {
        throw new IllegalArgumentException("a variant for " + c + ", which is not a target");
      }
    }
  }

  /**
   * Starts a draft with a base text.
   *
   * @param text the base text
   * @return a builder
   */
  public static Builder text(String text) {
    return new Builder(text);
  }

  /** Builds a {@link PublicationDraft}. */
  public static final class Builder {
    private final String text;
    private final List<Attachment> media = new ArrayList<>();
    private String link;
    private final Set<ChannelId> channels = new LinkedHashSet<>();
    private final Map<ChannelId, PublicationVariant> variants = new LinkedHashMap<>();

    private Builder(String text) {
      this.text = Objects.requireNonNull(text, "text");
    }

    /**
     * Adds a base media item.
     *
     * @param attachment the item
     * @return this builder
     */
    public Builder media(Attachment attachment) {
      media.add(Objects.requireNonNull(attachment, "attachment"));
      return this;
    }

    /**
     * Sets the base link.
     *
     * @param link an absolute http(s) address
     * @return this builder
     */
    public Builder link(String link) {
      this.link = Objects.requireNonNull(link, "link");
      return this;
    }

    /**
     * Adds channels to publish on.
     *
     * @param ids the channels
     * @return this builder
     */
    public Builder channels(ChannelId... ids) {
      for (ChannelId id : ids) {
        channels.add(Objects.requireNonNull(id, "channel"));
      }
      return this;
    }

    /**
     * Sets a channel's variant, adding the channel as a target.
     *
     * @param channel the channel
     * @param variant what it publishes instead of the base
     * @return this builder
     */
    public Builder variant(ChannelId channel, PublicationVariant variant) {
      channels.add(Objects.requireNonNull(channel, "channel"));
      variants.put(channel, Objects.requireNonNull(variant, "variant"));
      return this;
    }

    /**
     * Builds the draft.
     *
     * @return the draft
     */
    public PublicationDraft build() {
      return new PublicationDraft(text, media, Optional.ofNullable(link), channels, variants);
    }
  }
}
