package org.webcare4j.linkedin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.webcare4j.core.MalformedPayloadException;
import org.webcare4j.core.event.CommentDeleted;
import org.webcare4j.core.event.CommentReceived;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;
import org.webcare4j.linkedin.LinkedInUrn;

/**
 * Reads comments on the organisation's posts, from organisation social action notifications
 * (webhooks) and from the comments of a post (polling), into the same events. Each post's
 * comments are one public thread, named by the post's URN.
 */
public final class LinkedInPayloadParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChannelId channel;
  private final LinkedInUrn organization;

  /**
   * Creates a parser for one organisation page.
   *
   * @param channel the channel
   * @param organization the page's URN
   */
  public LinkedInPayloadParser(ChannelId channel, LinkedInUrn organization) {
    this.channel = channel;
    this.organization = organization;
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
   * Reads a webhook delivery of organisation social action notifications: comments and deleted
   * comments on the page's posts; likes, shares and mentions are left out.
   *
   * @param body the raw body
   * @return the events
   */
  public List<InboundEvent> parseNotifications(byte[] body) {
    JsonNode root = read(body);
    List<InboundEvent> events = new ArrayList<>();
    for (JsonNode n : root.path("notifications")) {
      String action = n.path("action").asText("");
      if (!n.path("organizationalEntity").asText(organization.toString())
          .equals(organization.toString())) {
        continue;
      }
      String post = n.path("sourcePost").asText("");
      String activity = n.path("generatedActivity").asText("");
      Instant at = Instant.ofEpochMilli(n.path("lastModifiedAt").asLong(0));
      if (action.equals("COMMENT") || action.equals("ADMIN_COMMENT")) {
        JsonNode comment = n.path("decoratedGeneratedActivity").path("comment");
        if (post.isEmpty() || activity.isEmpty()) {
          throw new MalformedPayloadException("a comment notification without sourcePost or"
              + " generatedActivity");
        }
        urn(post);
        urn(activity);
        events.add(new CommentReceived(channel, activity, post, post,
            Optional.ofNullable(comment.get("parentComment")).map(JsonNode::asText),
            author(comment.path("owner").asText(n.path("actor").asText(""))),
            comment.path("text").asText(""), List.of(), Optional.empty(), at));
      } else if (action.equals("COMMENT_DELETE") && !activity.isEmpty()) {
        events.add(new CommentDeleted(channel, activity, at));
      }
    }
    return events;
  }

  /**
   * Reads one page of a post's comments ({@code GET /rest/socialActions/{post}/comments}).
   *
   * @param post the post
   * @param body the raw answer
   * @return the comments, with their creation time in the event
   */
  public List<CommentReceived> parseComments(LinkedInUrn post, byte[] body) {
    JsonNode root = read(body);
    List<CommentReceived> events = new ArrayList<>();
    for (JsonNode c : root.path("elements")) {
      String urn = c.path("commentUrn").asText(c.path("$URN").asText(""));
      if (urn.isEmpty()) {
        throw new MalformedPayloadException("a comment without commentUrn");
      }
      urn(urn);
      events.add(new CommentReceived(channel, urn, post.toString(), post.toString(),
          Optional.ofNullable(c.get("parentComment")).map(JsonNode::asText),
          author(c.path("actor").asText("")), c.path("message").path("text").asText(""),
          List.of(), Optional.empty(), Instant.ofEpochMilli(c.path("created").path("time")
              .asLong(0))));
    }
    return events;
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
