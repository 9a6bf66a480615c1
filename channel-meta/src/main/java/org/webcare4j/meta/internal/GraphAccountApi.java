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
import org.webcare4j.core.PermanentPlatformException;
import org.webcare4j.core.Secret;
import org.webcare4j.core.TransientPlatformException;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.graph.GraphError;
import org.webcare4j.core.graph.GraphUsage;
import org.webcare4j.core.http.PlatformHttp;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.outbox.DeleteComment;
import org.webcare4j.core.outbox.HideComment;
import org.webcare4j.core.outbox.OperationResult;
import org.webcare4j.core.outbox.PrivateReply;
import org.webcare4j.core.outbox.SendMessage;
import org.webcare4j.core.model.Visibility;

/**
 * The Page's Graph API calls: a reply in a comment thread ({@code POST /{comment-id}/comments}),
 * a Messenger message and a private reply to a comment ({@code POST /{page-id}/messages}), hiding
 * a comment ({@code POST /{comment-id}} with {@code is_hidden}) and deleting one ({@code DELETE
 * /{id}}), with the page access token; errors through {@link GraphError}, usage headers to the
 * rate limiter.
 */
public final class PageGraphApi {
  /** The rate-limit bucket of a page's calls. */
  public static final String BUCKET = "page";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  private final ChannelId channel;
  private final HttpUrl base;
  private final String pageId;
  private final Secret token;

  /**
   * Creates the API of one page.
   *
   * @param channel the channel
   * @param base the versioned Graph base URL
   * @param pageId the page's id
   * @param token the page access token
   */
  public PageGraphApi(ChannelId channel, HttpUrl base, String pageId, Secret token) {
    this.channel = channel;
    this.base = base;
    this.pageId = pageId;
    this.token = token;
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
          .addPathSegment("comments").build(), body, ctx);
      return OperationResult.created(id(answer, "id"));
    }
    String psid = strip(send.platformThreadId(), PagePayloadParser.MESSENGER_THREAD);
    body.putObject("recipient").put("id", psid);
    body.put("messaging_type", "RESPONSE");
    body.putObject("message").put("text", send.text());
    JsonNode answer = call("POST", messages(), body, ctx);
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
        .inThread(PagePayloadParser.MESSENGER_THREAD + id(answer, "recipient_id"));
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
    body.put("is_hidden", hide.hidden());
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
