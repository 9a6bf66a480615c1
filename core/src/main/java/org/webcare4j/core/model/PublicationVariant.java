package org.webcare4j.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one channel publishes instead of the publication's base content; each absent field falls
 * back to the base.
 *
 * @param text the channel's own text, if any
 * @param media the channel's own media, if any
 * @param link the channel's own link, if any
 */
public record PublicationVariant(
    Optional<String> text, Optional<List<Attachment>> media, Optional<String> link) {

  public PublicationVariant {
    Objects.requireNonNull(text, "text");
    media = Objects.requireNonNull(media, "media").map(List::copyOf);
    Objects.requireNonNull(link, "link");
  }

  /**
   * Returns a variant that only replaces the text.
   *
   * @param text the channel's text
   * @return the variant
   */
  public static PublicationVariant text(String text) {
    return new PublicationVariant(Optional.of(text), Optional.empty(), Optional.empty());
  }
}
