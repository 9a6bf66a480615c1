package org.webcare4j.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.webcare4j.core.channel.DeleteComment;
import org.webcare4j.core.channel.HideComment;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.channel.PublishPost;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.MediaContent;
import org.webcare4j.core.model.Visibility;

/** The outbound operations of an X account, each one or a few v2 calls. */
public final class XOperations {
  /** Posts and replies: {@code POST /2/tweets}. */
  public static final String TWEETS = "tweets";
  /** Deleting posts: {@code DELETE /2/tweets/:id}. */
  public static final String DELETE = "tweets-delete";
  /** DMs: {@code POST /2/dm_conversations/with/:id/messages}. */
  public static final String DM = "dm";
  /** Hiding replies: {@code PUT /2/tweets/:id/hidden}. */
  public static final String HIDE = "hidden";
  /** Media uploads: {@code POST /2/media/upload}. */
  public static final String MEDIA = "media";
  /** The largest image fetched for upload. */
  private static final int MAX_IMAGE_BYTES = 5 * 1024 * 1024;

  private final ChannelId channel;
  private final String userId;
  private final XApi api;

  /**
   * Creates the operations of an account.
   *
   * @param channel the channel
   * @param userId the account's user id
   * @param api the API client
   */
  public XOperations(ChannelId channel, String userId, XApi api) {
    this.channel = channel;
    this.userId = userId;
    this.api = api;
  }

  /**
   * Names the rate-limit bucket of an operation: X limits each endpoint separately.
   *
   * @param operation the operation
   * @return the bucket
   */
  public static String bucket(OutboundOperation operation) {
    if (operation instanceof SendMessage s) {
      return s.visibility() == Visibility.PUBLIC ? TWEETS : DM;
    }
    if (operation instanceof HideComment) {
      return HIDE;
    }
    if (operation instanceof DeleteComment) {
      return DELETE;
    }
    return TWEETS;
  }

  /**
   * Replies in public: a post in reply to the message answered, else to the thread's root.
   *
   * @param send the reply
   * @param ctx the call's context
   * @return the new post's id and link
   */
  public OperationResult reply(SendMessage send, OperationContext ctx) {
    ObjectNode body = XApi.object();
    body.put("text", send.text());
    body.putObject("reply").put("in_reply_to_tweet_id",
        send.inReplyTo().orElse(send.platformThreadId()));
    return posted(api.call("POST", api.url("2", "tweets").build(), Optional.of(body), TWEETS,
        ctx.http(), ctx.rateLimits(), ctx.clock()));
  }

  /**
   * Sends a DM to the conversation's other participant.
   *
   * @param send the message
   * @param ctx the call's context
   * @return the DM event's id
   */
  public OperationResult directMessage(SendMessage send, OperationContext ctx) {
    String to = send.recipient().orElseGet(() -> other(send.platformThreadId()));
    ObjectNode body = XApi.object();
    body.put("text", send.text());
    JsonNode answer = api.call("POST", api.url("2", "dm_conversations", "with", to, "messages")
        .build(), Optional.of(body), DM, ctx.http(), ctx.rateLimits(), ctx.clock());
    String event = answer.path("data").path("dm_event_id").asText("");
    if (event.isEmpty()) {
      throw new PermanentPlatformException(channel, "MALFORMED", "",
          "the DM answer has no dm_event_id", "");
    }
    return OperationResult.created(event);
  }

  private String other(String thread) {
    if (!thread.startsWith("dm:")) {
      throw new PermanentPlatformException(channel, "NOT_A_DM", "",
          "a private reply needs a DM conversation, not thread " + thread, "");
    }
    for (String part : thread.substring(3).split("-")) {
      if (!part.equals(userId)) {
        return part;
      }
    }
    throw new PermanentPlatformException(channel, "NOT_A_DM", "",
        "the DM conversation has no other participant", "");
  }

  /**
   * Hides or shows a reply to one of our posts.
   *
   * @param hide the operation
   * @param ctx the call's context
   * @return done
   */
  public OperationResult hide(HideComment hide, OperationContext ctx) {
    ObjectNode body = XApi.object();
    body.put("hidden", hide.hidden());
    JsonNode answer = api.call("PUT", api.url("2", "tweets", hide.platformCommentId(), "hidden")
        .build(), Optional.of(body), HIDE, ctx.http(), ctx.rateLimits(), ctx.clock());
    if (answer.path("data").path("hidden").asBoolean(!hide.hidden()) != hide.hidden()) {
      throw new PermanentPlatformException(channel, "NOT_CHANGED", "",
          "X did not change the reply's hidden state", "");
    }
    return OperationResult.done();
  }

  /**
   * Deletes one of our own posts.
   *
   * @param delete the operation
   * @param ctx the call's context
   * @return done
   */
  public OperationResult delete(DeleteComment delete, OperationContext ctx) {
    JsonNode answer = api.call("DELETE", api.url("2", "tweets", delete.platformId()).build(),
        Optional.empty(), DELETE, ctx.http(), ctx.rateLimits(), ctx.clock());
    if (!answer.path("data").path("deleted").asBoolean(false)) {
      throw new PermanentPlatformException(channel, "NOT_DELETED", "",
          "X did not delete the post", "");
    }
    return OperationResult.done();
  }

  /**
   * Publishes a post: each image fetched from its URL and uploaded, then the post with the link
   * at the end of the text.
   *
   * @param post the operation
   * @param ctx the call's context
   * @return the post's id and link
   */
  public OperationResult publish(PublishPost post, OperationContext ctx) {
    ObjectNode body = XApi.object();
    body.put("text", post.link().map(l -> post.text().isBlank() ? l : post.text() + " " + l)
        .orElse(post.text()));
    if (!post.media().isEmpty()) {
      ArrayNode ids = body.putObject("media").putArray("media_ids");
      for (Attachment a : post.media()) {
        ids.add(upload(a, ctx));
      }
    }
    return posted(api.call("POST", api.url("2", "tweets").build(), Optional.of(body), TWEETS,
        ctx.http(), ctx.rateLimits(), ctx.clock()));
  }

  private String upload(Attachment a, OperationContext ctx) {
    String url = a.url().orElseThrow(() -> new PermanentPlatformException(channel, "MEDIA_URL",
        "", "an image to post needs a URL to fetch it from", ""));
    MediaContent image = ctx.http().fetchMedia(url, MAX_IMAGE_BYTES, a.mimeType());
    byte[] bytes = image.bytes();
    String type = image.mimeType().equals("application/octet-stream") ? "image/jpeg"
        : image.mimeType();
    RequestBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("media_category", "tweet_image")
        .addFormDataPart("media_type", type)
        .addFormDataPart("media", a.fileName().orElse("image"),
            RequestBody.create(bytes, MediaType.get(type)))
        .build();
    JsonNode answer = api.send("POST", api.url("2", "media", "upload").build(), form, Map.of(),
        MEDIA, ctx.http(), ctx.rateLimits(), ctx.clock());
    String id = answer.path("data").path("id").asText("");
    if (id.isEmpty()) {
      throw new PermanentPlatformException(channel, "MALFORMED", "",
          "the upload answer has no media id", "");
    }
    return id;
  }

  private OperationResult posted(JsonNode answer) {
    String id = answer.path("data").path("id").asText("");
    if (id.isEmpty()) {
      throw new PermanentPlatformException(channel, "MALFORMED", "",
          "the post answer has no id", "");
    }
    return new OperationResult(Optional.of(id), Optional.of("https://x.com/i/web/status/" + id),
        Optional.empty());
  }
}
