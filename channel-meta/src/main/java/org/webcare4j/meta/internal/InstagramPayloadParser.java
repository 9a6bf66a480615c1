package org.webcare4j.meta.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.webcare4j.core.MalformedPayloadException;
import org.webcare4j.core.event.CommentReceived;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MentionReceived;
import org.webcare4j.core.graph.GraphJson;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;

/**
 * Reads {@code "object":"instagram"} webhooks: {@code comments} on the account's media (a thread
 * per top-level comment with its replies), {@code mentions} of the account in others' comments,
 * and direct {@code messages} (a thread per Instagram user).
 */
public final class InstagramPayloadParser {
  /** The thread-id prefix of an Instagram direct conversation. */
  public static final String DM_THREAD = "igsid:";

  private final ChannelId channel;
  private final String accountId;

  /**
   * Creates the parser for one account.
   *
   * @param channel the channel
   * @param accountId the Instagram professional account's id
   */
  public InstagramPayloadParser(ChannelId channel, String accountId) {
    this.channel = channel;
    this.accountId = accountId;
  }

  /**
   * Parses a webhook body.
   *
   * @param body the raw body
   * @return the events
   * @throws MalformedPayloadException when the body is not an Instagram webhook
   */
  public List<InboundEvent> parse(byte[] body) {
    JsonNode root = GraphJson.object(body);
    String object = GraphJson.text(root, "object", "the body");
    if (!object.equals("instagram")) {
      throw new MalformedPayloadException("not an Instagram webhook: object is " + object);
    }
    List<InboundEvent> events = new ArrayList<>();
    for (JsonNode entry : GraphJson.requiredArray(root, "entry", "the body")) {
      if (!accountId.equals(entry.path("id").asText())) {
        continue;
      }
      Instant at = Instant.ofEpochSecond(entry.path("time").asLong(Instant.now().getEpochSecond()));
      for (JsonNode change : GraphJson.array(entry, "changes", "entry")) {
        JsonNode v = change.path("value");
        switch (change.path("field").asText("")) {
          case "comments" -> events.add(comment(v, at));
          case "mentions" -> {
            String comment = GraphJson.text(v, "comment_id", "a mention");
            events.add(new MentionReceived(channel, comment, "mention:" + comment,
                Participant.inwoner("unknown", ""), "", List.of(),
                GraphJson.optionalText(v, "media_id"), at));
          }
          default -> {
            // other fields (story insights, live comments) are not conversations
          }
        }
      }
      for (JsonNode m : GraphJson.array(entry, "messaging", "entry")) {
        DirectMessages.parse(channel, accountId, DM_THREAD, m, events);
      }
    }
    return events;
  }

  private CommentReceived comment(JsonNode v, Instant at) {
    String id = GraphJson.text(v, "id", "an Instagram comment");
    String media = v.path("media").path("id").asText("");
    if (media.isBlank()) {
      throw new MalformedPayloadException("an Instagram comment without media.id");
    }
    Optional<String> parent = GraphJson.optionalText(v, "parent_id");
    JsonNode from = v.path("from");
    String fromId = GraphJson.text(from, "id", "an Instagram comment's from");
    Participant author = fromId.equals(accountId)
        ? Participant.organisation(fromId, from.path("username").asText(""))
        : Participant.inwoner(fromId, from.path("username").asText(""));
    return new CommentReceived(channel, id, PagePayloadParser.COMMENT_THREAD
        + parent.orElse(id), media, parent, author, v.path("text").asText(""), List.of(),
        Optional.empty(), at);
  }
}
