package org.webcare4j.core.channel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.PublicationId;

/**
 * Publish a post on a channel: one channel's variant of a publication. The result carries the
 * platform's post id and, where the platform gives one, its permalink.
 *
 * @param channel the channel
 * @param publication the publication it is a variant of
 * @param text the post's text
 * @param link a link to share with it, if any
 * @param media images or video to post, if any
 */
public record PublishPost(ChannelId channel, PublicationId publication, String text,
    Optional<String> link, List<Attachment> media) implements OutboundOperation {

  public PublishPost {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(publication, "publication");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(link, "link");
    media = List.copyOf(media);
    if (text.isBlank() && link.isEmpty() && media.isEmpty()) {
      throw new IllegalArgumentException("a post has text, a link or media");
    }
  }

  @Override
  public Capability requires() {
    return Capability.PUBLISHING;
  }

  @Override
  public String orderingKey() {
    return "publication:" + publication.value();
  }
}
