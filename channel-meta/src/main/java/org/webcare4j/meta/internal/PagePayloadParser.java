package org.webcare4j.meta.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.event.CommentDeleted;
import org.webcare4j.core.event.CommentEdited;
import org.webcare4j.core.event.CommentHidden;
import org.webcare4j.core.event.CommentReceived;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.json.PayloadJson;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;

/**
 * Reads {@code "object":"page"} webhooks: {@code feed} changes (comments added, edited, removed,
 * hidden, unhidden) and Messenger {@code messaging} events (see {@link DirectMessages}). Each
 * top-level comment with its replies is one public thread ({@code comment:<id>}); each Messenger
 * user one private thread ({@code psid:<id>}). Entries for other pages are left alone; each entry,
 * change and messaging item is read on its own, so one that cannot be read costs only itself.
 */
public final class PagePayloadParser {
  /** The thread-id prefix of a public comment thread. */
  public static final String COMMENT_THREAD = "comment:";
  /** The thread-id prefix of a Messenger conversation. */
  public static final String MESSENGER_THREAD = "psid:";

  private final ChannelId channel;
  private final String pageId;
  private final Clock clock;

  /**
   * Creates the parser for one page.
   *
   * @param channel the channel
   * @param pageId the page's id
   * @param clock the clock for items without a time of their own
   */
  public PagePayloadParser(ChannelId channel, String pageId, Clock clock) {
    this.channel = channel;
    this.pageId = pageId;
    this.clock = clock;
  }

  /**
   * Creates the parser for one page on the system clock.
   *
   * @param channel the channel
   * @param pageId the page's id
   */
  public PagePayloadParser(ChannelId channel, String pageId) {
    this(channel, pageId, Clock.systemUTC());
  }

  /**
   * Parses a webhook body.
   *
   * @param body the raw body
   * @return the events, in order, and the items that could not be read
   * @throws MalformedPayloadException when the body is not a page webhook
   */
  public InboundBatch parse(byte[] body) {
    return GraphEntries.read(body, "page", channel, pageId, MESSENGER_THREAD, clock.instant(),
        (change, time, batch) -> {
          if ("feed".equals(change.path("field").asText())) {
            feed(change.path("value"), time, batch);
          }
        });
  }


  /**
   * The comment's author: {@code from{id,name}}, or on older deliveries {@code sender_id} (a
   * number or a string) and {@code sender_name}.
   */
  private Participant author(JsonNode v) {
    JsonNode from = v.path("from");
    String id = from.path("id").asText("");
    String name = from.path("name").asText("");
    if (id.isBlank()) {
      id = v.path("sender_id").asText("");
      name = v.path("sender_name").asText("");
    }
    if (id.isBlank()) {
      throw new MalformedPayloadException("a comment without from.id or sender_id");
    }
    return id.equals(pageId) ? Participant.organisation(id, name) : Participant.inwoner(id, name);
  }

  private void feed(JsonNode v, Instant entryTime, InboundBatch.Builder batch) {
    if (!"comment".equals(v.path("item").asText())) {
      return; // posts, reactions, likes and shares are not conversations
    }
    String comment = PayloadJson.text(v, "comment_id", "a feed comment");
    String verb = v.path("verb").asText("");
    Instant at = v.has("created_time") ? PayloadJson.epochSeconds(v, "created_time", "a comment")
        : entryTime;
    switch (verb) {
      case "add" -> {
        String post = PayloadJson.text(v, "post_id", "a feed comment");
        String parent = PayloadJson.optionalText(v, "parent_id").orElse(post);
        boolean topLevel = parent.equals(post);
        String thread = COMMENT_THREAD + (topLevel ? comment : parent);
        batch.add(new CommentReceived(channel, comment, thread, post,
            topLevel ? Optional.empty() : Optional.of(parent), author(v),
            v.path("message").asText(""), photo(v), Optional.empty(), at));
      }
      case "edited" -> batch.add(new CommentEdited(channel, comment,
          v.path("message").asText(""), at));
      case "remove" -> batch.add(new CommentDeleted(channel, comment, at));
      case "hide" -> batch.add(new CommentHidden(channel, comment, true, at));
      case "unhide" -> batch.add(new CommentHidden(channel, comment, false, at));
      default -> {
        // other verbs (block, mute) do not change the conversation
      }
    }
  }

  private static List<Attachment> photo(JsonNode v) {
    return PayloadJson.optionalText(v, "photo")
        .map(url -> List.of(Attachment.builder(AttachmentKind.IMAGE).url(url).build()))
        .orElse(List.of());
  }
}
