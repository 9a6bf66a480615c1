package org.webcare4j.meta.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.webcare4j.core.MalformedPayloadException;
import org.webcare4j.core.event.CommentDeleted;
import org.webcare4j.core.event.CommentEdited;
import org.webcare4j.core.event.CommentHidden;
import org.webcare4j.core.event.CommentReceived;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.graph.GraphJson;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;

/**
 * Reads {@code "object":"page"} webhooks: {@code feed} changes (comments added, edited, removed,
 * hidden, unhidden) and Messenger {@code messaging} events (messages, echoes, deliveries). Each
 * top-level comment with its replies is one public thread ({@code comment:<id>}); each Messenger
 * user one private thread ({@code psid:<id>}). Entries for other pages are left alone.
 */
public final class PagePayloadParser {
  /** The thread-id prefix of a public comment thread. */
  public static final String COMMENT_THREAD = "comment:";
  /** The thread-id prefix of a Messenger conversation. */
  public static final String MESSENGER_THREAD = "psid:";

  private final ChannelId channel;
  private final String pageId;

  /**
   * Creates the parser for one page.
   *
   * @param channel the channel
   * @param pageId the page's id
   */
  public PagePayloadParser(ChannelId channel, String pageId) {
    this.channel = channel;
    this.pageId = pageId;
  }

  /**
   * Parses a webhook body.
   *
   * @param body the raw body
   * @return the events, in order
   * @throws MalformedPayloadException when the body is not a page webhook
   */
  public List<InboundEvent> parse(byte[] body) {
    JsonNode root = GraphJson.object(body);
    String object = GraphJson.text(root, "object", "the body");
    if (!object.equals("page")) {
      throw new MalformedPayloadException("not a page webhook: object is " + object);
    }
    List<InboundEvent> events = new ArrayList<>();
    for (JsonNode entry : GraphJson.requiredArray(root, "entry", "the body")) {
      if (!pageId.equals(entry.path("id").asText())) {
        continue;
      }
      for (JsonNode change : GraphJson.array(entry, "changes", "entry")) {
        if ("feed".equals(change.path("field").asText())) {
          feed(change.path("value"), events);
        }
      }
      for (JsonNode m : GraphJson.array(entry, "messaging", "entry")) {
        DirectMessages.parse(channel, pageId, MESSENGER_THREAD, m, events);
      }
    }
    return events;
  }

  private Participant author(JsonNode from) {
    String id = from.path("id").asText("");
    if (id.isBlank()) {
      throw new MalformedPayloadException("a comment without from.id");
    }
    String name = from.path("name").asText("");
    return id.equals(pageId) ? Participant.organisation(id, name) : Participant.inwoner(id, name);
  }

  private void feed(JsonNode v, List<InboundEvent> events) {
    if (!"comment".equals(v.path("item").asText())) {
      return; // posts, reactions, likes and shares are not conversations
    }
    String comment = GraphJson.text(v, "comment_id", "a feed comment");
    String verb = v.path("verb").asText("");
    Instant at = v.has("created_time") ? GraphJson.epochSeconds(v, "created_time", "a comment")
        : Instant.now();
    switch (verb) {
      case "add" -> {
        String post = GraphJson.text(v, "post_id", "a feed comment");
        String parent = v.path("parent_id").asText(post);
        boolean topLevel = parent.equals(post);
        String thread = COMMENT_THREAD + (topLevel ? comment : parent);
        events.add(new CommentReceived(channel, comment, thread, post,
            topLevel ? Optional.empty() : Optional.of(parent), author(v.path("from")),
            v.path("message").asText(""), photo(v), Optional.empty(), at));
      }
      case "edited" -> events.add(new CommentEdited(channel, comment,
          v.path("message").asText(""), at));
      case "remove" -> events.add(new CommentDeleted(channel, comment, at));
      case "hide" -> events.add(new CommentHidden(channel, comment, true, at));
      case "unhide" -> events.add(new CommentHidden(channel, comment, false, at));
      default -> {
        // other verbs (block, mute) do not change the conversation
      }
    }
  }

  private static List<Attachment> photo(JsonNode v) {
    if (v.hasNonNull("photo")) {
      return List.of(Attachment.builder(AttachmentKind.IMAGE).url(v.get("photo").asText())
          .build());
    }
    return List.of();
  }
}
