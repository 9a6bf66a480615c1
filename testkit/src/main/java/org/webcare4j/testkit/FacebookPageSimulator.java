package org.webcare4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.webhook.HmacSignature;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.testkit.internal.NoDelayServerSocketFactory;

/**
 * A Facebook Page on the Graph API, on a local port: comment replies ({@code POST
 * /{comment-id}/comments}), Messenger messages and private replies ({@code POST
 * /{page-id}/messages}, one private reply per comment), hiding ({@code POST /{comment-id}} with
 * {@code is_hidden}) and deleting ({@code DELETE /{id}}), Graph error bodies, the {@code
 * X-App-Usage} header at a level the test sets, and signed {@code "object":"page"} webhooks.
 *
 * <p>Thread-safe.
 */
public final class FacebookPageSimulator implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A call the simulator answered.
   *
   * @param method the HTTP method
   * @param path the path after the version
   * @param body the JSON body, or an empty object
   * @param at when it arrived
   */
  public record Call(String method, String path, JsonNode body, Instant at) {}

  /**
   * A comment the simulator emitted, with the webhook that reports it.
   *
   * @param commentId the comment's id
   * @param authorId the commenter's user id
   * @param webhook the signed webhook
   */
  public record Comment(String commentId, String authorId, WebhookRequest webhook) {}

  private final MockWebServer server = new MockWebServer();
  private final Clock clock = Clock.systemUTC();
  private final Secret appSecret;
  private final Secret token;
  private final String pageId;
  private final String instagramId;
  private final String postId;
  private final String webhookPath;
  private final HmacSignature signature;
  private final AtomicLong ids = new AtomicLong(1000);
  private final Object lock = new Object();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, String> commentAuthors = new HashMap<>();
  private final Set<String> privatelyAnswered = new HashSet<>();
  private final Set<String> hidden = new HashSet<>();
  private final Set<String> containers = new HashSet<>();
  private final Map<String, Instant> lastUserMessage = new HashMap<>();
  private final Deque<MockResponse> injected = new ArrayDeque<>();
  private volatile int appUsage;

  private FacebookPageSimulator(Builder b) {
    this.appSecret = b.appSecret;
    this.token = b.token;
    this.pageId = b.pageId;
    this.instagramId = b.instagramId;
    this.postId = b.pageId + "_" + 7001;
    this.webhookPath = b.webhookPath;
    this.signature = HmacSignature.sha256(appSecret, HmacSignature.Encoding.HEX, "sha256=");
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return FacebookPageSimulator.this.dispatch(request);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("the page simulator could not start", e);
    }
  }

  /**
   * Starts configuring a simulator.
   *
   * @return a builder with test credentials
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the base URL to give the channel.
   *
   * @return the URL
   */
  public String baseUrl() {
    return server.url("/").toString();
  }

  /**
   * Returns the page's id.
   *
   * @return the id
   */
  public String pageId() {
    return pageId;
  }

  /**
   * Returns the linked Instagram professional account's id.
   *
   * @return the id
   */
  public String instagramAccountId() {
    return instagramId;
  }

  /**
   * Returns the app secret webhooks are signed with.
   *
   * @return the secret
   */
  public Secret appSecret() {
    return appSecret;
  }

  /**
   * Returns the page access token accepted.
   *
   * @return the token
   */
  public Secret pageAccessToken() {
    return token;
  }

  /**
   * Sets the {@code X-App-Usage} percentage every answer reports from now on.
   *
   * @param percent 0 to 100
   * @return this simulator
   */
  public FacebookPageSimulator appUsage(int percent) {
    this.appUsage = percent;
    return this;
  }

  /**
   * Answers the next call with a Graph error, once.
   *
   * @param httpStatus the HTTP status
   * @param code the Graph error code
   * @param subcode the sub-code, or 0 for none
   * @param message the message
   * @return this simulator
   */
  public FacebookPageSimulator failNext(int httpStatus, int code, int subcode, String message) {
    synchronized (lock) {
      injected.add(error(httpStatus, code, subcode, message));
    }
    return this;
  }

  /**
   * Returns the calls answered so far.
   *
   * @return the calls, in order
   */
  public List<Call> calls() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  /**
   * Tells whether a comment is hidden.
   *
   * @param commentId the comment
   * @return true when hidden
   */
  public boolean isHidden(String commentId) {
    synchronized (lock) {
      return hidden.contains(commentId);
    }
  }

  // ---- webhooks ----

  /**
   * Emits a top-level comment on the page's post.
   *
   * @param userId the commenter's id
   * @param name their name
   * @param text the comment
   * @return the comment and its signed webhook
   */
  public Comment comment(String userId, String name, String text) {
    return comment(userId, name, text, postId);
  }

  /**
   * Emits a reply to a comment.
   *
   * @param parentCommentId the comment replied to
   * @param userId the commenter's id
   * @param name their name
   * @param text the reply
   * @return the comment and its signed webhook
   */
  public Comment reply(String parentCommentId, String userId, String name, String text) {
    return comment(userId, name, text, parentCommentId);
  }

  private Comment comment(String userId, String name, String text, String parent) {
    String id = "7001_" + ids.incrementAndGet();
    synchronized (lock) {
      commentAuthors.put(id, userId);
    }
    ObjectNode value = JSON.createObjectNode();
    value.putObject("from").put("id", userId).put("name", name);
    value.put("post_id", postId);
    value.put("comment_id", id);
    value.put("created_time", clock.instant().getEpochSecond());
    value.put("item", "comment");
    value.put("parent_id", parent);
    value.put("verb", "add");
    value.put("message", text);
    return new Comment(id, userId, feed(value));
  }

  /**
   * Emits an Instagram comment on the account's media, or a reply to one.
   *
   * @param parentCommentId the comment replied to, or null for a top-level comment
   * @param userId the commenter's Instagram-scoped id
   * @param username their username
   * @param text the comment
   * @return the comment and its signed webhook
   */
  public Comment instagramComment(String parentCommentId, String userId, String username,
      String text) {
    String id = String.valueOf(17_858_893_269_000_000L + ids.incrementAndGet());
    synchronized (lock) {
      commentAuthors.put(id, userId);
    }
    ObjectNode value = JSON.createObjectNode();
    value.putObject("from").put("id", userId).put("username", username);
    value.putObject("media").put("id", "17895695668004550").put("media_product_type", "FEED");
    value.put("id", id);
    if (parentCommentId != null) {
      value.put("parent_id", parentCommentId);
    }
    value.put("text", text);
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "instagram");
    ObjectNode entry = root.putArray("entry").addObject();
    entry.put("id", instagramId);
    entry.put("time", clock.instant().getEpochSecond());
    ObjectNode change = entry.putArray("changes").addObject();
    change.put("field", "comments");
    change.set("value", value);
    return new Comment(id, userId, sign(root, webhookPath.replace("facebook", "instagram")));
  }

  /**
   * Emits an Instagram direct message.
   *
   * @param igsid the user's Instagram-scoped id
   * @param text the text
   * @return the signed webhook
   */
  public WebhookRequest instagramMessage(String igsid, String text) {
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "instagram");
    ObjectNode entry = root.putArray("entry").addObject();
    entry.put("id", instagramId);
    entry.put("time", clock.millis());
    ObjectNode m = entry.putArray("messaging").addObject();
    m.putObject("sender").put("id", igsid);
    m.putObject("recipient").put("id", instagramId);
    m.put("timestamp", clock.millis());
    m.putObject("message").put("mid", "aWdfZAG1" + ids.incrementAndGet()).put("text", text);
    return sign(root, webhookPath.replace("facebook", "instagram"));
  }

  /**
   * Emits the feed change of a comment hidden or shown.
   *
   * @param commentId the comment
   * @param isHidden whether it is now hidden
   * @return the signed webhook
   */
  public WebhookRequest hiddenChange(String commentId, boolean isHidden) {
    ObjectNode value = JSON.createObjectNode();
    value.putObject("from").put("id", pageId).put("name", "Gemeente");
    value.put("post_id", postId);
    value.put("comment_id", commentId);
    value.put("created_time", clock.instant().getEpochSecond());
    value.put("item", "comment");
    value.put("verb", isHidden ? "hide" : "unhide");
    return feed(value);
  }

  /**
   * Emits a Messenger message from a user.
   *
   * @param psid the user's page-scoped id
   * @param text the text
   * @return the signed webhook
   */
  public WebhookRequest messengerMessage(String psid, String text) {
    return messengerMessage(psid, text, clock.instant());
  }

  /**
   * Emits a Messenger message from a user, written at a given moment (to test the windows).
   *
   * @param psid the user's page-scoped id
   * @param text the text
   * @param at when the user wrote it
   * @return the signed webhook
   */
  public WebhookRequest messengerMessage(String psid, String text, Instant at) {
    synchronized (lock) {
      lastUserMessage.merge(psid, at, (a, b) -> a.isAfter(b) ? a : b);
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "page");
    ObjectNode entry = root.putArray("entry").addObject();
    entry.put("id", pageId);
    entry.put("time", clock.millis());
    ObjectNode m = entry.putArray("messaging").addObject();
    m.putObject("sender").put("id", psid);
    m.putObject("recipient").put("id", pageId);
    m.put("timestamp", at.toEpochMilli());
    m.putObject("message").put("mid", "m_" + ids.incrementAndGet()).put("text", text);
    return sign(root, webhookPath);
  }

  private WebhookRequest feed(ObjectNode value) {
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "page");
    ObjectNode entry = root.putArray("entry").addObject();
    entry.put("id", pageId);
    entry.put("time", clock.instant().getEpochSecond());
    ObjectNode change = entry.putArray("changes").addObject();
    change.put("field", "feed");
    change.set("value", value);
    return sign(root, webhookPath);
  }

  private WebhookRequest sign(ObjectNode root, String path) {
    byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
    return WebhookRequest.builder("POST", path)
        .header("Content-Type", "application/json")
        .header("X-Hub-Signature-256", signature.sign(body))
        .body(body).build();
  }

  // ---- the API ----

  private MockResponse dispatch(RecordedRequest request) {
    List<String> path = request.getUrl().pathSegments();
    JsonNode body;
    try {
      String text = request.getBody() == null ? "" : request.getBody().utf8();
      body = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      return error(400, 100, 0, "(#100) Invalid JSON");
    }
    synchronized (lock) {
      calls.add(new Call(request.getMethod(), String.join("/", path.subList(1, path.size())),
          body, clock.instant()));
      MockResponse fault = injected.poll();
      if (fault != null) {
        return fault;
      }
    }
    String auth = request.getHeaders().get("Authorization");
    if (auth == null || !auth.equals("Bearer " + token.reveal())) {
      return error(401, 190, 463, "Error validating access token: Session has expired.");
    }
    String method = request.getMethod();
    if (method.equals("POST") && path.size() == 3
        && (path.get(2).equals("comments") || path.get(2).equals("replies"))) {
      if (!body.hasNonNull("message") || body.get("message").asText().isBlank()) {
        return error(400, 100, 0, "(#100) The parameter message is required");
      }
      return json("{\"id\":\"7001_" + ids.incrementAndGet() + "\"}");
    }
    if (method.equals("POST") && path.size() == 3 && path.get(1).equals(pageId)
        && (path.get(2).equals("feed") || path.get(2).equals("photos"))) {
      boolean photo = path.get(2).equals("photos");
      if (photo ? !body.hasNonNull("url") : !body.hasNonNull("message") && !body.hasNonNull("link")) {
        return error(400, 100, 0, "(#100) " + (photo ? "url" : "message or link")
            + " is required");
      }
      String post = pageId + "_" + ids.incrementAndGet();
      return json(photo ? "{\"id\":\"" + ids.incrementAndGet() + "\",\"post_id\":\"" + post
          + "\"}" : "{\"id\":\"" + post + "\"}");
    }
    if (method.equals("POST") && path.size() == 3 && path.get(1).equals(instagramId)
        && path.get(2).equals("media")) {
      if (!body.hasNonNull("image_url")) {
        return error(400, 100, 0, "(#100) image_url is required");
      }
      if (body.path("caption").asText("").length() > 2200) {
        return error(400, 100, 0, "(#100) The caption is too long");
      }
      String container = String.valueOf(17_889_000_000_000_000L + ids.incrementAndGet());
      synchronized (lock) {
        containers.add(container);
      }
      return json("{\"id\":\"" + container + "\"}");
    }
    if (method.equals("POST") && path.size() == 3 && path.get(1).equals(instagramId)
        && path.get(2).equals("media_publish")) {
      synchronized (lock) {
        if (!containers.remove(body.path("creation_id").asText(""))) {
          return error(400, 9007, 2207027, "Media ID is not available");
        }
      }
      return json("{\"id\":\"" + (17_920_000_000_000_000L + ids.incrementAndGet()) + "\"}");
    }
    if (method.equals("POST") && path.size() == 3 && path.get(2).equals("messages")
        && (path.get(1).equals(pageId) || path.get(1).equals(instagramId))) {
      return message(body, path.get(1).equals(pageId));
    }
    if (method.equals("POST") && path.size() == 2) {
      String field = body.has("is_hidden") ? "is_hidden" : "hide";
      if (!body.has(field)) {
        return error(400, 100, 0, "(#100) Unsupported post request");
      }
      synchronized (lock) {
        if (body.get(field).asBoolean()) {
          hidden.add(path.get(1));
        } else {
          hidden.remove(path.get(1));
        }
      }
      return json("{\"success\":true}");
    }
    if (method.equals("DELETE") && path.size() == 2) {
      return json("{\"success\":true}");
    }
    return error(400, 100, 33, "Unsupported request");
  }

  private MockResponse message(JsonNode body, boolean messenger) {
    JsonNode recipient = body.path("recipient");
    String text = body.path("message").path("text").asText("");
    if (text.isBlank()) {
      return error(400, 100, 0, "(#100) The parameter message is required");
    }
    String user;
    if (recipient.hasNonNull("comment_id")) {
      String comment = recipient.get("comment_id").asText();
      synchronized (lock) {
        user = commentAuthors.get(comment);
        if (user == null) {
          return error(400, 100, 0, "(#100) Invalid comment_id");
        }
        if (!privatelyAnswered.add(comment)) {
          return error(400, 10900, 0, "Activity already replied to");
        }
      }
    } else if (recipient.hasNonNull("id")) {
      user = recipient.get("id").asText();
      String type = body.path("messaging_type").asText("");
      if (messenger && !type.equals("RESPONSE") && !type.equals("MESSAGE_TAG")) {
        return error(400, 100, 0, "(#100) messaging_type is required");
      }
      if (messenger) {
        Instant last;
        synchronized (lock) {
          last = lastUserMessage.get(user);
        }
        java.time.Duration allowed = type.equals("MESSAGE_TAG")
            && "HUMAN_AGENT".equals(body.path("tag").asText())
            ? java.time.Duration.ofDays(7) : java.time.Duration.ofHours(24);
        if (last == null || clock.instant().isAfter(last.plus(allowed))) {
          return error(400, 10, 2018278,
              "(#10) This message is sent outside of allowed window.");
        }
      }
    } else {
      return error(400, 100, 0, "(#100) The parameter recipient is required");
    }
    return json("{\"recipient_id\":\"" + user + "\",\"message_id\":\"m_"
        + ids.incrementAndGet() + "\"}");
  }

  private MockResponse json(String body) {
    return withUsage(new MockResponse.Builder().code(200)).body(body).build();
  }

  private MockResponse.Builder withUsage(MockResponse.Builder b) {
    int usage = appUsage;
    return b.addHeader("Content-Type", "application/json")
        .addHeader("X-App-Usage", "{\"call_count\":" + usage + ",\"total_time\":" + usage / 2
            + ",\"total_cputime\":" + usage / 2 + "}");
  }

  private MockResponse error(int status, int code, int subcode, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode e = root.putObject("error");
    e.put("message", message);
    e.put("type", code == 190 ? "OAuthException" : "GraphMethodException");
    e.put("code", code);
    if (subcode != 0) {
      e.put("error_subcode", subcode);
    }
    e.put("fbtrace_id", "AfbT" + ids.incrementAndGet());
    return withUsage(new MockResponse.Builder().code(status)).body(root.toString()).build();
  }

  /** Stops the simulator. */
  @Override
  public void close() {
    server.close();
  }

  /** Configures a {@link FacebookPageSimulator}. */
  public static final class Builder {
    private Secret appSecret = Secret.of("simulated-app-secret");
    private Secret token = Secret.of("simulated-page-token");
    private String pageId = "104918587593826";
    private String instagramId = "17841405822304914";
    private String webhookPath = "/webhooks/facebook-gemeente";

    private Builder() {}

    /**
     * Sets the page access token accepted.
     *
     * @param token the token
     * @return this builder
     */
    public Builder pageAccessToken(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Sets the path the webhook requests carry.
     *
     * @param path such as {@code /webhooks/facebook-gemeente}
     * @return this builder
     */
    public Builder webhookPath(String path) {
      this.webhookPath = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * Starts the simulator.
     *
     * @return the running simulator
     */
    public FacebookPageSimulator build() {
      return new FacebookPageSimulator(this);
    }
  }
}
