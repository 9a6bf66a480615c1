package org.webcare4j.meta.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.webcare4j.core.channel.DeleteComment;
import org.webcare4j.core.channel.HideComment;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.PrivateReply;
import org.webcare4j.core.channel.PublishPost;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.error.ReplyWindowClosedException;
import org.webcare4j.core.error.TransientPlatformException;
import org.webcare4j.core.http.PlatformHttp;
import org.webcare4j.core.json.Json;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.graph.GraphError;
import org.webcare4j.graph.GraphUsage;

/**
 * The Graph API calls of a Facebook Page or an Instagram professional account: a reply in a
 * comment thread ({@code POST /{comment-id}/comments}, on Instagram {@code /replies}), a direct
 * message and a private reply to a comment ({@code POST /{account-id}/messages}), hiding a comment
 * ({@code POST /{comment-id}} with {@code is_hidden}, on Instagram {@code hide}) and deleting one
 * ({@code DELETE /{id}}), with the access token; errors through {@link GraphError}, usage headers
 * to the rate limiter.
 */
public final class GraphAccountApi {
  /** The rate-limit bucket of a page's calls. */
  public static final String BUCKET = "page";
  private static final ObjectMapper JSON = Json.mapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  /**
   * How the platforms differ.
   *
   * @param replyEdge the edge a comment reply is posted to: {@code comments} or {@code replies}
   * @param hideField the field that hides a comment: {@code is_hidden} or {@code hide}
   * @param messageThread the thread-id prefix of direct messages
   * @param messagingType whether direct messages carry {@code messaging_type} (Messenger)
   */
  public record Flavour(String replyEdge, String hideField, String messageThread,
      boolean messagingType) {}

  /** A Facebook Page with Messenger. */
  public static final Flavour PAGE = new Flavour("comments", "is_hidden",
      PagePayloadParser.MESSENGER_THREAD, true);

  /** An Instagram professional account. */
  public static final Flavour INSTAGRAM = new Flavour("replies", "hide",
      InstagramPayloadParser.DM_THREAD, false);

  private final ChannelId channel;
  private final HttpUrl base;
  private final String pageId;
  private final Secret token;
  private final Flavour flavour;

  /**
   * Creates the API of one account.
   *
   * @param channel the channel
   * @param base the versioned Graph base URL
   * @param accountId the page's or Instagram account's id
   * @param token the access token
   * @param flavour page or Instagram
   */
  public GraphAccountApi(ChannelId channel, HttpUrl base, String accountId, Secret token,
      Flavour flavour) {
    this.channel = channel;
    this.base = base;
    this.pageId = accountId;
    this.token = token;
    this.flavour = flavour;
  }

  /**
   * Sends a reply: in a comment thread when the conversation is public, over Messenger when it
   * is private.
   *
   * @param send the operation
   * @param ctx the dispatcher's context
   * @return the created comment's or message's id
   */
  public OperationResult send(SendMessage send, OperationContext ctx) {
    ObjectNode body = JSON.createObjectNode();
    if (send.visibility() == Visibility.PUBLIC) {
      String target = send.inReplyTo().orElseGet(() -> strip(send.platformThreadId(),
          PagePayloadParser.COMMENT_THREAD));
      body.put("message", send.text());
      JsonNode answer = call("POST", base.newBuilder().addPathSegment(target)
          .addPathSegment(flavour.replyEdge()).build(), body, ctx);
      return OperationResult.created(id(answer, "id"));
    }
    String psid = strip(send.platformThreadId(), flavour.messageThread());
    body.putObject("recipient").put("id", psid);
    if (flavour.messagingType()) {
      body.put("messaging_type", "RESPONSE");
    }
    body.putObject("message").put("text", send.text());
    JsonNode answer;
    try {
      answer = call("POST", messages(), body, ctx);
    } catch (ReplyWindowClosedException closed) {
      if (!flavour.messagingType()) {
        throw closed;
      }
      // Past Messenger's 24 hours a person may still answer for 7 days with the HUMAN_AGENT
      // tag; the refusal sent nothing, so asking again with the tag sends the reply once.
      body.put("messaging_type", "MESSAGE_TAG");
      body.put("tag", "HUMAN_AGENT");
      answer = call("POST", messages(), body, ctx);
    }
    return OperationResult.created(id(answer, "message_id"));
  }

  /**
   * Answers a comment privately over Messenger.
   *
   * @param reply the operation
   * @param ctx the dispatcher's context
   * @return the message id, in the Messenger thread with the comment's author
   */
  public OperationResult privateReply(PrivateReply reply, OperationContext ctx) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("recipient").put("comment_id", reply.platformCommentId());
    body.putObject("message").put("text", reply.text());
    JsonNode answer = call("POST", messages(), body, ctx);
    return OperationResult.created(id(answer, "message_id"))
        .inThread(flavour.messageThread() + id(answer, "recipient_id"));
  }

  /**
   * Publishes a post. On a page: text with an optional link on the feed, or a photo with the
   * text as its caption. On Instagram, where a post needs an image: a media container first,
   * then its publication.
   *
   * @param post the operation
   * @param ctx the dispatcher's context
   * @return the post's id and, on a page, its permalink
   */
  public OperationResult publish(PublishPost post, OperationContext ctx) {
    Optional<String> image = post.media().stream()
        .filter(a -> a.kind() == AttachmentKind.IMAGE).findFirst()
        .flatMap(Attachment::url);
    if (post.media().size() > 1 || (!post.media().isEmpty() && image.isEmpty())) {
      throw unsupported("one image, given by its public URL, is what this channel posts");
    }
    ObjectNode body = JSON.createObjectNode();
    if (flavour == INSTAGRAM) {
      if (image.isEmpty()) {
        throw unsupported("an Instagram post needs an image");
      }
      body.put("image_url", image.get());
      body.put("caption", post.text() + post.link().map(l -> "\n" + l).orElse(""));
      String container = id(call("POST", account("media"), body, ctx), "id");
      ObjectNode publish = JSON.createObjectNode();
      publish.put("creation_id", container);
      return OperationResult.created(id(call("POST", account("media_publish"), publish, ctx),
          "id"));
    }
    JsonNode answer;
    if (image.isPresent()) {
      body.put("url", image.get());
      body.put("caption", post.text() + post.link().map(l -> "\n" + l).orElse(""));
      answer = call("POST", account("photos"), body, ctx);
    } else {
      body.put("message", post.text());
      post.link().ifPresent(l -> body.put("link", l));
      answer = call("POST", account("feed"), body, ctx);
    }
    String postId = answer.hasNonNull("post_id") ? answer.get("post_id").asText()
        : id(answer, "id");
    return new OperationResult(Optional.of(postId),
        Optional.of("https://www.facebook.com/" + postId), Optional.empty());
  }

  private HttpUrl account(String edge) {
    return base.newBuilder().addPathSegment(pageId).addPathSegment(edge).build();
  }

  /**
   * Hides or shows a comment.
   *
   * @param hide the operation
   * @param ctx the dispatcher's context
   * @return done
   */
  public OperationResult hide(HideComment hide, OperationContext ctx) {
    ObjectNode body = JSON.createObjectNode();
    body.put(flavour.hideField(), hide.hidden());
    success(call("POST", base.newBuilder().addPathSegment(hide.platformCommentId()).build(),
        body, ctx));
    return OperationResult.done();
  }

  /**
   * Deletes one of the page's own comments.
   *
   * @param delete the operation
   * @param ctx the dispatcher's context
   * @return done
   */
  public OperationResult delete(DeleteComment delete, OperationContext ctx) {
    success(call("DELETE", base.newBuilder().addPathSegment(delete.platformId()).build(), null,
        ctx));
    return OperationResult.done();
  }

  private HttpUrl messages() {
    return base.newBuilder().addPathSegment(pageId).addPathSegment("messages").build();
  }

  private static String strip(String thread, String prefix) {
    return thread.startsWith(prefix) ? thread.substring(prefix.length()) : thread;
  }

  private void success(JsonNode answer) {
    if (!answer.path("success").asBoolean(false)) {
      throw new TransientPlatformException(channel, "NO_SUCCESS", "",
          "the platform did not confirm the change", "");
    }
  }

  private String id(JsonNode answer, String field) {
    String id = answer.path(field).asText("");
    if (id.isBlank()) {
      throw new TransientPlatformException(channel, "NO_ID", "",
          "the platform's answer has no " + field, "");
    }
    return id;
  }

  private JsonNode call(String method, HttpUrl url, ObjectNode body, OperationContext ctx) {
    Request request = new Request.Builder().url(url)
        .header("Authorization", "Bearer " + token.reveal())
        .method(method, body == null ? null : RequestBody.create(body.toString(), APPLICATION_JSON))
        .build();
    try (Response response = ctx.http().execute(request)) {
      Optional<Duration> regain = GraphUsage.report(response, ctx.rateLimits(), BUCKET);
      ResponseBody b = response.body();
      String text = b == null ? "" : b.string();
      if (!response.isSuccessful()) {
        throw GraphError.toException(channel, response.code(), text,
            PlatformHttp.retryAfter(response, ctx.clock().instant()).or(() -> regain));
      }
      return JSON.readTree(text.isEmpty() ? "{}" : text);
    } catch (IOException e) {
      throw new TransientPlatformException(channel, "BAD_ANSWER", "reading the answer failed", e);
    }
  }

  /**
   * Refuses an operation the page cannot carry out.
   *
   * @param what what was asked
   * @return the exception to throw
   */
  public PermanentPlatformException unsupported(String what) {
    return new PermanentPlatformException(channel, "UNSUPPORTED", "", what, "");
  }
}
