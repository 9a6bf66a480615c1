package org.webcare4j.linkedin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.event.CommentDeleted;
import org.webcare4j.core.event.CommentEdited;
import org.webcare4j.core.event.CommentReceived;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.json.Json;
import org.webcare4j.core.json.PayloadJson;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;

/**
 * Reads comments on the organisation's posts, from organisation social action notifications
 * (webhooks) and from the comments of a post (polling), into the same events. Each post's
 * comments are one public thread, named by the post's URN.
 */
public final class LinkedInPayloadParser {
  private static final ObjectMapper JSON = Json.mapper();

  private final ChannelId channel;
  private final LinkedInUrn organization;
  private final Clock clock;

  /**
   * Creates a parser for one organisation page.
   *
   * @param channel the channel
   * @param organization the page's URN
   * @param clock the clock for items without a time of their own
   */
  public LinkedInPayloadParser(ChannelId channel, LinkedInUrn organization, Clock clock) {
    this.channel = channel;
    this.organization = organization;
    this.clock = clock;
  }

  /**
   * Creates a parser for one organisation page on the system clock.
   *
   * @param channel the channel
   * @param organization the page's URN
   */
  public LinkedInPayloadParser(ChannelId channel, LinkedInUrn organization) {
    this(channel, organization, Clock.systemUTC());
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

  /**
   * Reads a webhook delivery of organisation social action notifications: comments, edited and
   * deleted comments on the page's posts; likes, shares and mentions are left out. Each
   * notification is read on its own, so one that cannot be read costs only itself.
   *
   * @param body the raw body
   * @return the events, and the notifications that could not be read
   * @throws MalformedPayloadException when the body is not JSON or has no notifications array
   */
  public InboundBatch parseNotifications(byte[] body) {
    JsonNode root = read(body);
    JsonNode notifications = root.path("notifications");
    if (!notifications.isArray()) {
      throw new MalformedPayloadException("the body has no notifications array");
    }
    InboundBatch.Builder batch = InboundBatch.builder(channel, clock.instant());
    for (int i = 0; i < notifications.size(); i++) {
      JsonNode n = notifications.get(i);
      batch.item("notifications[" + i + "]", n::toString, () -> notification(n, batch));
    }
    return batch.build();
  }

  private void notification(JsonNode n, InboundBatch.Builder batch) {
    String action = n.path("action").asText("");
    if (!n.path("organizationalEntity").asText(organization.toString())
        .equals(organization.toString())) {
      return;
    }
    Instant at = n.path("lastModifiedAt").canConvertToLong()
        && n.path("lastModifiedAt").asLong() > 0
        ? Instant.ofEpochMilli(n.path("lastModifiedAt").asLong()) : batch.receivedAt();
    switch (action) {
      case "COMMENT", "ADMIN_COMMENT" -> {
        JsonNode comment = n.path("decoratedGeneratedActivity").path("comment");
        LinkedInUrn urn = commentUrn(n, comment);
        String post = n.path("sourcePost").asText("");
        LinkedInUrn postUrn = post.isEmpty() ? urn.commentedOn() : urn(post);
        String owner = comment.path("owner").asText(n.path("actor").asText(""));
        if (owner.isEmpty() && action.equals("ADMIN_COMMENT")) {
          owner = organization.toString();
        }
        batch.add(new CommentReceived(channel, urn.toString(), postUrn.toString(),
            postUrn.toString(), PayloadJson.optionalText(comment, "parentComment")
                .map(p -> urn(p).toString()),
            author(owner), text(comment), List.of(), Optional.empty(), at));
      }
      case "COMMENT_EDIT" -> {
        JsonNode comment = n.path("decoratedGeneratedActivity").path("comment");
        batch.add(new CommentEdited(channel, commentUrn(n, comment).toString(), text(comment),
            at));
      }
      case "COMMENT_DELETE" -> {
        JsonNode comment = n.path("decoratedGeneratedActivity").path("comment");
        batch.add(new CommentDeleted(channel, commentUrn(n, comment).toString(), at));
      }
      default -> {
        // LIKE, SHARE, SHARE_MENTION and what LinkedIn adds later are not comments
      }
    }
  }

  /** The comment's URN: the decorated entity (long form) or {@code generatedActivity}. */
  private static LinkedInUrn commentUrn(JsonNode n, JsonNode comment) {
    String urn = PayloadJson.optionalText(comment, "entity")
        .orElse(n.path("generatedActivity").asText(""));
    if (urn.isEmpty()) {
      throw new MalformedPayloadException("a comment notification without generatedActivity");
    }
    LinkedInUrn parsed = urn(urn);
    if (parsed.type() != LinkedInUrn.Type.COMMENT) {
      throw new MalformedPayloadException("a comment notification whose activity is no comment");
    }
    return parsed;
  }

  /** A comment's text: {@code text}, or {@code message.text} as the comments API writes it. */
  private static String text(JsonNode comment) {
    return PayloadJson.optionalText(comment, "text")
        .or(() -> PayloadJson.optionalText(comment.path("message"), "text")).orElse("");
  }

  /**
   * Reads one page of a post's comments ({@code GET /rest/socialActions/{post}/comments}).
   *
   * @param post the post
   * @param body the raw answer
   * @return the comments, with their creation time in the event
   */
  public InboundBatch parseComments(LinkedInUrn post, byte[] body) {
    JsonNode root = read(body);
    InboundBatch.Builder batch = InboundBatch.builder(channel, clock.instant());
    JsonNode elements = root.path("elements");
    for (int i = 0; i < elements.size(); i++) {
      JsonNode c = elements.get(i);
      batch.item("elements[" + i + "]", c::toString, () -> {
        String urn = PayloadJson.optionalText(c, "commentUrn")
            .or(() -> PayloadJson.optionalText(c, "$URN")).orElseThrow(() ->
                new MalformedPayloadException("a comment without commentUrn or $URN"));
        long created = c.path("created").path("time").asLong(0);
        batch.add(new CommentReceived(channel, urn(urn).toString(), post.toString(),
            post.toString(), PayloadJson.optionalText(c, "parentComment")
                .map(p -> urn(p).toString()),
            author(c.path("actor").asText("")), text(c), List.of(), Optional.empty(),
            created > 0 ? Instant.ofEpochMilli(created) : batch.receivedAt()));
      });
    }
    return batch.build();
  }

  /**
   * Reads a page's paging block.
   *
   * @param body the raw answer
   * @return start, count and total
   */
  public static int[] paging(byte[] body) {
    JsonNode paging = read(body).path("paging");
    return new int[] {paging.path("start").asInt(0), paging.path("count").asInt(0),
        paging.path("total").asInt(-1)};
  }

  /**
   * Reads the URNs of the posts in a page of {@code GET /rest/posts?q=author}.
   *
   * @param body the raw answer
   * @return the posts' URNs
   */
  public static List<LinkedInUrn> posts(byte[] body) {
    List<LinkedInUrn> posts = new ArrayList<>();
    for (JsonNode p : read(body).path("elements")) {
      posts.add(urn(p.path("id").asText("")));
    }
    return posts;
  }

  private Participant author(String actor) {
    if (actor.equals(organization.toString())) {
      return Participant.organisation(actor, "organisation page");
    }
    if (actor.isEmpty()) {
      throw new MalformedPayloadException("a comment without its author");
    }
    urn(actor);
    return Participant.inwoner(actor, "LinkedIn member");
  }

  private static LinkedInUrn urn(String value) {
    try {
      return LinkedInUrn.parse(value);
    } catch (IllegalArgumentException e) {
      throw new MalformedPayloadException("not a LinkedIn URN: " + value);
    }
  }
}
