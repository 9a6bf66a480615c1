package org.webcare4j.meta.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.event.CommentReceived;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.event.MentionReceived;
import org.webcare4j.core.json.PayloadJson;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;

/**
 * Reads {@code "object":"instagram"} webhooks: {@code comments} and {@code live_comments} on the
 * account's media (a thread per top-level comment with its replies), {@code mentions} of the
 * account in others' comments, and direct {@code messaging} items (a thread per Instagram user,
 * see {@link DirectMessages}). Each entry, change and messaging item is read on its own.
 */
public final class InstagramPayloadParser {
  /** The thread-id prefix of an Instagram direct conversation. */
  public static final String DM_THREAD = "igsid:";

  private final ChannelId channel;
  private final String accountId;
  private final Clock clock;

  /**
   * Creates the parser for one account.
   *
   * @param channel the channel
   * @param accountId the Instagram professional account's id
   * @param clock the clock for items without a time of their own
   */
  public InstagramPayloadParser(ChannelId channel, String accountId, Clock clock) {
    this.channel = channel;
    this.accountId = accountId;
    this.clock = clock;
  }

  /**
   * Creates the parser for one account on the system clock.
   *
   * @param channel the channel
   * @param accountId the Instagram professional account's id
   */
  public InstagramPayloadParser(ChannelId channel, String accountId) {
    this(channel, accountId, Clock.systemUTC());
  }

  /**
   * Parses a webhook body.
   *
   * @param body the raw body
   * @return the events, and the items that could not be read
   * @throws MalformedPayloadException when the body is not an Instagram webhook
   */
  public InboundBatch parse(byte[] body) {
    return GraphEntries.read(body, "instagram", channel, accountId, DM_THREAD, clock.instant(),
        this::change);
  }


  private void change(JsonNode change, Instant at, InboundBatch.Builder batch) {
    JsonNode v = change.path("value");
    switch (change.path("field").asText("")) {
      case "comments", "live_comments" -> batch.add(comment(v, at));
      case "mentions" -> {
        String comment = PayloadJson.text(v, "comment_id", "a mention");
        batch.add(new MentionReceived(channel, comment, "mention:" + comment,
            Participant.inwoner("unknown", ""), "", List.of(),
            PayloadJson.optionalText(v, "media_id"), at));
      }
      default -> {
        // other fields (story insights, message reactions on comments) are not conversations
      }
    }
  }

  private CommentReceived comment(JsonNode v, Instant at) {
    String id = PayloadJson.text(v, "id", "an Instagram comment");
    String media = PayloadJson.text(v.path("media"), "id", "an Instagram comment's media");
    Optional<String> parent = PayloadJson.optionalText(v, "parent_id");
    JsonNode from = v.path("from");
    String fromId = PayloadJson.text(from, "id", "an Instagram comment's from");
    String username = from.path("username").asText("");
    Participant author = fromId.equals(accountId)
        ? Participant.organisation(fromId, username)
        : Participant.inwoner(fromId, username);
    return new CommentReceived(channel, id, PagePayloadParser.COMMENT_THREAD
        + parent.orElse(id), media, parent, author, v.path("text").asText(""), List.of(),
        Optional.empty(), at);
  }
}
