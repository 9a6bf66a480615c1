package org.webcare4j.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.event.CommentDeleted;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MentionReceived;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.json.Json;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;

/**
 * Reads what X sends: Account Activity webhook payloads (v1.1 objects) and the v2 answers of the
 * mentions timeline and the DM events list, into the same events either way. A public thread is
 * the post's conversation (its root post's id); a private one is the DM conversation ({@code
 * dm:<lower user id>-<higher user id>}).
 */
public final class XPayloadParser {
  private static final ObjectMapper JSON = Json.mapper();
  private static final DateTimeFormatter V1_DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);

  private final ChannelId channel;
  private final String userId;
  private final Clock clock;

  /**
   * Creates a parser for one account.
   *
   * @param channel the channel
   * @param userId the account's numeric user id
   * @param clock the clock for items without a time of their own
   */
  public XPayloadParser(ChannelId channel, String userId, Clock clock) {
    this.channel = channel;
    this.userId = userId;
    this.clock = clock;
  }

  /**
   * Creates a parser for one account on the system clock.
   *
   * @param channel the channel
   * @param userId the account's numeric user id
   */
  public XPayloadParser(ChannelId channel, String userId) {
    this(channel, userId, Clock.systemUTC());
  }

  /**
   * Returns the thread id of a one-to-one DM conversation between two users.
   *
   * @param a one user's id
   * @param b the other's
   * @return {@code dm:} and the two ids, lower first
   */
  public static String dmThread(String a, String b) {
    boolean aFirst = new BigInteger(a).compareTo(new BigInteger(b)) <= 0;
    return "dm:" + (aFirst ? a + "-" + b : b + "-" + a);
  }

  private static JsonNode read(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) {
        throw new MalformedPayloadException("the body is not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new MalformedPayloadException("the body is not JSON");
    }
  }

  // ---- Account Activity webhooks ----

  /**
   * Reads an Account Activity payload: posts (mentions and replies), DMs and deleted posts; other
   * activities (likes, follows) are left out.
   *
   * @param body the raw body
   * @return the events
   */
  public InboundBatch parseActivity(byte[] body) {
    JsonNode root = read(body);
    InboundBatch.Builder batch = InboundBatch.builder(channel, clock.instant());
    String forUser = root.path("for_user_id").asText("");
    if (!forUser.isEmpty() && !forUser.equals(userId)) {
      return batch.build(); // another subscribed account's activity
    }
    items(root, "tweet_create_events", batch, t -> tweetV1(t).ifPresent(batch::add));
    items(root, "direct_message_events", batch,
        dm -> dmV1(dm, root.path("users"), batch.receivedAt()).ifPresent(batch::add));
    items(root, "tweet_delete_events", batch, deleted -> {
      String id = deleted.path("status").path("id_str")
          .asText(deleted.path("status").path("id").asText(""));
      if (id.isEmpty()) {
        throw new MalformedPayloadException("a deleted post without status.id");
      }
      batch.add(new CommentDeleted(channel, id, millis(deleted.path("timestamp_ms"))
          .orElse(batch.receivedAt())));
    });
    return batch.build();
  }

  /** Reads each element of an array field on its own, so one that fails costs only itself. */
  private static void items(JsonNode root, String field, InboundBatch.Builder batch,
      java.util.function.Consumer<JsonNode> read) {
    JsonNode array = root.path(field);
    if (array.isMissingNode() || array.isNull()) {
      return;
    }
    if (!array.isArray()) {
      batch.unreadable(field, field + " is not an array", array.toString());
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      batch.item(field + "[" + i + "]", item::toString, () -> read.accept(item));
    }
  }

  /**
   * Undoes the HTML escaping X applies to post and DM texts ({@code &amp;}, {@code &lt;},
   * {@code &gt;}, nothing else), once: what the person typed as {@code &amp;} arrives as {@code
   * &amp;amp;} and is kept as {@code &amp;}.
   *
   * @param text the text as X sent it
   * @return the text as the person wrote it
   */
  public static String unescape(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '&') {
        if (text.startsWith("&amp;", i)) {
          out.append('&');
          i += 5;
          continue;
        } else if (text.startsWith("&lt;", i)) {
          out.append('<');
          i += 4;
          continue;
        } else if (text.startsWith("&gt;", i)) {
          out.append('>');
          i += 4;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private Optional<InboundEvent> tweetV1(JsonNode t) {
    String id = t.path("id_str").asText("");
    JsonNode user = t.path("user");
    String authorId = user.path("id_str").asText("");
    if (id.isEmpty() || authorId.isEmpty()) {
      throw new MalformedPayloadException("a post without id_str or user.id_str");
    }
    if (t.has("retweeted_status")) {
      return Optional.empty(); // a repost says nothing new to answer
    }
    String text = unescape(t.path("truncated").asBoolean(false)
        ? t.path("extended_tweet").path("full_text").asText(t.path("text").asText(""))
        : t.path("full_text").asText(t.path("text").asText("")));
    Optional<String> inReplyTo = Optional.ofNullable(t.get("in_reply_to_status_id_str"))
        .filter(JsonNode::isTextual).map(JsonNode::asText);
    Instant at = millis(t.path("timestamp_ms")).orElseGet(() -> v1Date(t.path("created_at")));
    List<Attachment> media = new ArrayList<>();
    JsonNode entities = t.path("truncated").asBoolean(false)
        ? t.path("extended_tweet").path("extended_entities") : t.path("extended_entities");
    for (JsonNode m : entities.path("media")) {
      media.add(media(m.path("type").asText("photo"), m.path("media_url_https").asText(null),
          m.path("id_str").asText(null)));
    }
    Participant author = authorId.equals(userId)
        ? Participant.organisation(authorId, display(user.path("name"), user.path("screen_name")))
        : Participant.inwoner(authorId, display(user.path("name"), user.path("screen_name")));
    return Optional.of(new MentionReceived(channel, id, inReplyTo.orElse(id), author, text, media,
        inReplyTo, at));
  }

  private Optional<InboundEvent> dmV1(JsonNode e, JsonNode users, Instant receivedAt) {
    if (!e.path("type").asText("").equals("message_create")) {
      return Optional.empty();
    }
    String id = e.path("id").asText("");
    JsonNode create = e.path("message_create");
    String sender = create.path("sender_id").asText("");
    String recipient = create.path("target").path("recipient_id").asText("");
    if (id.isEmpty() || sender.isEmpty() || recipient.isEmpty()) {
      throw new MalformedPayloadException("a DM without id, sender_id or recipient_id");
    }
    JsonNode data = create.path("message_data");
    List<Attachment> media = new ArrayList<>();
    JsonNode attached = data.path("attachment").path("media");
    if (!attached.isMissingNode()) {
      media.add(media(attached.path("type").asText("photo"),
          attached.path("media_url_https").asText(null), attached.path("id_str").asText(null)));
    }
    JsonNode user = users.path(sender);
    String name = display(user.path("name"), user.path("screen_name"));
    Participant author = sender.equals(userId) ? Participant.organisation(sender, name)
        : Participant.inwoner(sender, name);
    return Optional.of(new MessageReceived(channel, id, dmThread(sender, recipient), author,
        unescape(data.path("text").asText("")), media, Optional.empty(), Optional.empty(),
        millis(e.path("created_timestamp")).orElse(receivedAt)));
  }

  // ---- v2 answers, for polling ----

  /**
   * Reads a page of the mentions timeline ({@code GET /2/users/:id/mentions} with {@code
   * tweet.fields=conversation_id,created_at,referenced_tweets,author_id} and {@code
   * expansions=author_id}).
   *
   * @param body the raw answer
   * @return the mentions, in the order given (newest first)
   */
  public InboundBatch parseMentions(byte[] body) {
    JsonNode root = read(body);
    Map<String, JsonNode> users = users(root);
    InboundBatch.Builder batch = InboundBatch.builder(channel, clock.instant());
    items(root, "data", batch, t -> {
      String id = t.path("id").asText("");
      String authorId = t.path("author_id").asText("");
      if (id.isEmpty() || authorId.isEmpty()) {
        throw new MalformedPayloadException("a post without id or author_id");
      }
      Optional<String> inReplyTo = Optional.empty();
      for (JsonNode ref : t.path("referenced_tweets")) {
        if (ref.path("type").asText("").equals("replied_to")) {
          inReplyTo = Optional.of(ref.path("id").asText());
        }
      }
      JsonNode user = users.getOrDefault(authorId, JSON.createObjectNode());
      String name = display(user.path("name"), user.path("username"));
      Participant author = authorId.equals(userId) ? Participant.organisation(authorId, name)
          : Participant.inwoner(authorId, name);
      batch.add(new MentionReceived(channel, id, t.path("conversation_id").asText(id), author,
          unescape(t.path("text").asText("")), List.of(), inReplyTo,
          iso(t.path("created_at"))));
    });
    return batch.build();
  }

  /**
   * Reads a page of DM events ({@code GET /2/dm_events} with {@code
   * dm_event.fields=id,text,event_type,dm_conversation_id,created_at,sender_id}); only messages
   * are kept, not joins and leaves.
   *
   * @param body the raw answer
   * @return the messages, in the order given (newest first)
   */
  public InboundBatch parseDmEvents(byte[] body) {
    JsonNode root = read(body);
    Map<String, JsonNode> users = users(root);
    InboundBatch.Builder batch = InboundBatch.builder(channel, clock.instant());
    items(root, "data", batch, e -> {
      if (!e.path("event_type").asText("").equals("MessageCreate")) {
        return;
      }
      String id = e.path("id").asText("");
      String sender = e.path("sender_id").asText("");
      String conversation = e.path("dm_conversation_id").asText("");
      if (id.isEmpty() || sender.isEmpty() || conversation.isEmpty()) {
        throw new MalformedPayloadException("a DM event without id, sender_id or"
            + " dm_conversation_id");
      }
      JsonNode user = users.getOrDefault(sender, JSON.createObjectNode());
      String name = display(user.path("name"), user.path("username"));
      Participant author = sender.equals(userId) ? Participant.organisation(sender, name)
          : Participant.inwoner(sender, name);
      batch.add(new MessageReceived(channel, id, "dm:" + conversation, author,
          unescape(e.path("text").asText("")), List.of(), Optional.empty(), Optional.empty(),
          iso(e.path("created_at"))));
    });
    return batch.build();
  }

  /**
   * Reads the {@code meta} of a v2 page.
   *
   * @param body the raw answer
   * @return the newest id and the next page's token, each if present
   */
  public static Meta meta(byte[] body) {
    JsonNode meta = read(body).path("meta");
    return new Meta(Optional.ofNullable(meta.get("newest_id")).map(JsonNode::asText),
        Optional.ofNullable(meta.get("next_token")).map(JsonNode::asText));
  }

  /**
   * A v2 page's position.
   *
   * @param newestId the newest item's id
   * @param nextToken the token of the next (older) page
   */
  public record Meta(Optional<String> newestId, Optional<String> nextToken) {}

  // ---- helpers ----

  private static Map<String, JsonNode> users(JsonNode root) {
    Map<String, JsonNode> users = new HashMap<>();
    for (JsonNode u : root.path("includes").path("users")) {
      users.put(u.path("id").asText(), u);
    }
    return users;
  }

  private static Attachment media(String type, String url, String id) {
    AttachmentKind kind = switch (type) {
      case "video", "animated_gif" -> AttachmentKind.VIDEO;
      default -> AttachmentKind.IMAGE;
    };
    Attachment.Builder b = Attachment.builder(kind);
    if (url != null) {
      b.url(url);
    }
    if (id != null) {
      b.mediaId(id);
    }
    return b.build();
  }

  private static String display(JsonNode name, JsonNode handle) {
    String n = name.asText("");
    String h = handle.asText("");
    if (n.isEmpty()) {
      return h.isEmpty() ? "X user" : "@" + h;
    }
    return h.isEmpty() ? n : n + " (@" + h + ")";
  }

  private static Optional<Instant> millis(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(node.asText())));
    } catch (NumberFormatException e) {
      throw new MalformedPayloadException("not a millisecond timestamp");
    }
  }

  private static Instant v1Date(JsonNode node) {
    try {
      return ZonedDateTime.parse(node.asText(), V1_DATE).toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedPayloadException("created_at is not an X date");
    }
  }

  private static Instant iso(JsonNode node) {
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new MalformedPayloadException("created_at is not an ISO-8601 time");
    }
  }
}
