package org.webcare4j.linkedin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import org.webcare4j.core.channel.DeleteComment;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.channel.PublishPost;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.MediaContent;

/** The outbound operations of an organisation page. */
public final class LinkedInOperations {
  /** Posts: {@code /rest/posts}. */
  public static final String POSTS = "posts";
  /** Comments: {@code /rest/socialActions/.../comments}. */
  public static final String COMMENTS = "comments";
  private static final int MAX_IMAGE_BYTES = 10 * 1024 * 1024;

  private final ChannelId channel;
  private final LinkedInUrn organization;
  private final LinkedInApi api;

  /**
   * Creates the operations.
   *
   * @param channel the channel
   * @param organization the page
   * @param api the API client
   */
  public LinkedInOperations(ChannelId channel, LinkedInUrn organization, LinkedInApi api) {
    this.channel = channel;
    this.organization = organization;
    this.api = api;
  }

  /**
   * Names an operation's quota bucket.
   *
   * @param operation the operation
   * @return the bucket
   */
  public static String bucket(OutboundOperation operation) {
    return operation instanceof PublishPost ? POSTS : COMMENTS;
  }

  private LinkedInUrn post(String thread) {
    try {
      LinkedInUrn urn = LinkedInUrn.parse(thread);
      if (urn.isPost()) {
        return urn;
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new PermanentPlatformException(channel, "NOT_A_POST", "",
        "a LinkedIn thread is a post's comments; not a post: " + thread, "");
  }

  /**
   * Comments on a post as the organisation, under the comment answered if any.
   *
   * @param send the reply
   * @param ctx the call's context
   * @return the comment's URN
   */
  public OperationResult comment(SendMessage send, OperationContext ctx) {
    LinkedInUrn post = post(send.platformThreadId());
    ObjectNode body = LinkedInApi.object();
    body.put("actor", organization.toString());
    body.put("object", post.toString());
    body.putObject("message").put("text", send.text());
    send.inReplyTo().filter(r -> r.startsWith("urn:li:comment:"))
        .ifPresent(parent -> body.put("parentComment", LinkedInUrn.parse(parent).toString()));
    LinkedInApi.Answer answer = api.call("POST", api.rest("socialActions", post.encoded(),
        "comments").build(), Optional.of(body), ctx.http(), ctx.clock());
    String urn = answer.restliId().orElseGet(() -> answer.body().path("commentUrn")
        .asText(answer.body().path("$URN").asText("")));
    if (urn.isEmpty()) {
      throw new PermanentPlatformException(channel, "MALFORMED", "",
          "the comment answer names no comment URN", "");
    }
    return OperationResult.created(urn);
  }

  /**
   * Deletes one of the organisation's own comments.
   *
   * @param delete the operation
   * @param ctx the call's context
   * @return done
   */
  public OperationResult delete(DeleteComment delete, OperationContext ctx) {
    LinkedInUrn post = post(delete.platformThreadId());
    LinkedInUrn comment = LinkedInUrn.parse(delete.platformId());
    HttpUrl url = api.rest("socialActions", post.encoded(), "comments", comment.commentId())
        .addEncodedQueryParameter("actor", organization.encoded()).build();
    api.call("DELETE", url, Optional.empty(), ctx.http(), ctx.clock());
    return OperationResult.done();
  }

  /**
   * Publishes an organisation post: commentary escaped as "little" text; an image uploaded
   * first (initialise, then the bytes), or a link as an article.
   *
   * @param post the operation
   * @param ctx the call's context
   * @return the post's URN and address
   */
  public OperationResult publish(PublishPost post, OperationContext ctx) {
    ObjectNode body = LinkedInApi.object();
    body.put("author", organization.toString());
    boolean image = !post.media().isEmpty();
    String text = post.text();
    if (image && post.link().isPresent()) {
      // A post carries media or an article, not both: the link goes into the text.
      text = text.isBlank() ? post.link().get() : text + "\n" + post.link().get();
    }
    body.put("commentary", LittleText.escape(text));
    body.put("visibility", "PUBLIC");
    ObjectNode distribution = body.putObject("distribution");
    distribution.put("feedDistribution", "MAIN_FEED");
    distribution.putArray("targetEntities");
    distribution.putArray("thirdPartyDistributionChannels");
    body.put("lifecycleState", "PUBLISHED");
    body.put("isReshareDisabledByAuthor", false);
    if (image) {
      if (post.media().size() > 1) {
        throw new PermanentPlatformException(channel, "MEDIA_COUNT", "",
            "one image per post on this channel", "");
      }
      Attachment a = post.media().get(0);
      ObjectNode media = body.putObject("content").putObject("media");
      media.put("id", upload(a, ctx));
      a.caption().ifPresent(c -> media.put("altText", c));
    } else if (post.link().isPresent()) {
      body.putObject("content").putObject("article").put("source", post.link().get())
          .put("title", HttpUrl.get(post.link().get()).host());
    }
    LinkedInApi.Answer answer = api.call("POST", api.rest("posts").build(), Optional.of(body),
        ctx.http(), ctx.clock());
    String urn = answer.restliId().orElseThrow(() -> new PermanentPlatformException(channel,
        "MALFORMED", "", "the post answer has no x-restli-id", ""));
    return new OperationResult(Optional.of(urn),
        Optional.of("https://www.linkedin.com/feed/update/" + urn + "/"), Optional.empty());
  }

  private String upload(Attachment a, OperationContext ctx) {
    String source = a.url().orElseThrow(() -> new PermanentPlatformException(channel,
        "MEDIA_URL", "", "an image to post needs a URL to fetch it from", ""));
    // bounded: a chunked body of any size is cut off at the limit, never read whole
    MediaContent image = ctx.http().fetchMedia(source, MAX_IMAGE_BYTES, a.mimeType());
    byte[] bytes = image.bytes();
    MediaType type = MediaType.get(image.mimeType().equals("application/octet-stream")
        ? "image/jpeg" : image.mimeType());
    ObjectNode init = LinkedInApi.object();
    init.putObject("initializeUploadRequest").put("owner", organization.toString());
    JsonNode value = api.call("POST", api.rest("images").addQueryParameter("action",
        "initializeUpload").build(), Optional.of(init), ctx.http(), ctx.clock()).body()
        .path("value");
    String uploadUrl = value.path("uploadUrl").asText("");
    String imageUrn = value.path("image").asText("");
    if (uploadUrl.isEmpty() || imageUrn.isEmpty()) {
      throw new PermanentPlatformException(channel, "MALFORMED", "",
          "initializeUpload gave no uploadUrl or image", "");
    }
    api.upload(HttpUrl.get(uploadUrl), bytes, type, ctx.http(), ctx.clock());
    return imageUrn;
  }
}
