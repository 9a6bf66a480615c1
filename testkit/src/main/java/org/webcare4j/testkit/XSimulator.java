package org.webcare4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.webhook.HmacSignature;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.testkit.internal.NoDelayServerSocketFactory;

/**
 * One X account on the X API v2, on a local port: posts and replies ({@code POST /2/tweets}, 280
 * weighted characters, duplicate content refused), deleting our own posts, hiding replies in our
 * own conversations, the mentions timeline with {@code since_id} and pagination, DM events and
 * sending DMs, image upload ({@code POST /2/media/upload}), OAuth 2.0 bearer tokens with rotating
 * refresh tokens ({@code POST /2/oauth2/token}) or OAuth 1.0a signatures (checked), per-endpoint
 * {@code x-rate-limit-*} windows and the 24-hour post limit per user with 429 answers, problem
 * JSON error bodies, and Account Activity webhooks signed with {@code
 * x-twitter-webhooks-signature}. Images to post can be served from the simulator itself.
 *
 * <p>Thread-safe.
 */
public final class XSimulator implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter V1_DATE = DateTimeFormatter
      .ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final LengthCounter WEIGHTED = LengthCounter.xWeighted();

  /**
   * A call the simulator answered.
   *
   * @param method the HTTP method
   * @param path the path
   * @param query the query string, or empty
   * @param body the JSON body, or an empty object
   * @param at when it arrived
   */
  public record Call(String method, String path, String query, JsonNode body, Instant at) {}

  /**
   * A post or DM an inwoner made, with the signed Account Activity webhook that reports it.
   *
   * @param id the post's or DM event's id
   * @param webhook the signed webhook
   */
  public record Activity(String id, WebhookRequest webhook) {}

  private record Tweet(String id, String authorId, String text, String conversationId,
      Optional<String> inReplyTo, Instant at) {}

  private record Dm(String id, String senderId, String conversationId, String text, Instant at) {}

  private record User(String id, String username, String name) {}

  private static final class Window {
    final int limit;
    final Duration length;
    Instant start = Instant.EPOCH;
    int used;

    Window(int limit, Duration length) {
      this.limit = limit;
      this.length = length;
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final Clock clock;
  private final String userId;
  private final String username;
  private final Secret consumerSecret;
  private final String clientId;
  private final Optional<String> consumerKey;
  private final Optional<String> oauth1Token;
  private final Optional<Secret> oauth1TokenSecret;
  private final HmacSignature webhookSignature;
  private final AtomicLong ids = new AtomicLong(1_460_323_737_035_677_698L);
  private final Object lock = new Object();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Tweet> tweets = new LinkedHashMap<>();
  private final List<String> mentions = new ArrayList<>();
  private final List<Dm> dms = new ArrayList<>();
  private final Map<String, User> users = new HashMap<>();
  private final Set<String> hidden = new HashSet<>();
  private final Set<String> uploaded = new HashSet<>();
  private final Map<String, byte[]> images = new HashMap<>();
  private final Map<String, Window> windows = new HashMap<>();
  private final Map<String, Integer> limits = new HashMap<>();
  private Window userDay;
  private String accessToken;
  private String refreshToken;
  private int tokenVersion;
  private final Duration windowLength;
  private final String webhookPath;

  private XSimulator(Builder b) {
    this.clock = b.clock;
    this.userId = b.userId;
    this.username = b.username;
    this.consumerSecret = b.consumerSecret;
    this.clientId = b.clientId;
    this.consumerKey = Optional.ofNullable(b.consumerKey);
    this.oauth1Token = Optional.ofNullable(b.oauth1Token);
    this.oauth1TokenSecret = Optional.ofNullable(b.oauth1TokenSecret);
    this.accessToken = b.accessToken;
    this.refreshToken = b.refreshToken;
    this.windowLength = b.window;
    this.webhookPath = b.webhookPath;
    this.limits.putAll(b.limits);
    this.userDay = b.userDailyPosts > 0 ? new Window(b.userDailyPosts, Duration.ofHours(24))
        : null;
    this.webhookSignature = HmacSignature.sha256(consumerSecret, HmacSignature.Encoding.BASE64,
        "sha256=");
    users.put(userId, new User(userId, username, "Gemeente"));
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return XSimulator.this.dispatch(request);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("the X simulator could not start", e);
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
   * Returns the account's user id.
   *
   * @return the id
   */
  public String userId() {
    return userId;
  }

  /**
   * Returns the consumer secret webhooks are signed with.
   *
   * @return the secret
   */
  public Secret consumerSecret() {
    return consumerSecret;
  }

  /**
   * Returns the access token the API accepts now.
   *
   * @return the token
   */
  public Secret accessToken() {
    synchronized (lock) {
      return Secret.of(accessToken);
    }
  }

  /**
   * Returns the refresh token the token endpoint accepts now.
   *
   * @return the token
   */
  public Secret refreshToken() {
    synchronized (lock) {
      return Secret.of(refreshToken);
    }
  }

  /**
   * Returns the OAuth 2.0 client id.
   *
   * @return the id
   */
  public String clientId() {
    return clientId;
  }

  /** Expires the access token: the next call gets a 401 until the channel refreshes. */
  public void expireAccessToken() {
    synchronized (lock) {
      accessToken = "expired-" + accessToken;
    }
  }

  /** Revokes the refresh token too: the account must be connected again. */
  public void revokeRefreshToken() {
    synchronized (lock) {
      refreshToken = "revoked-" + refreshToken;
    }
  }

  /**
   * Serves an image at a URL of the simulator, to post.
   *
   * @param name the file name, such as {@code kaart.jpg}
   * @param bytes the image
   * @return its URL
   */
  public String image(String name, byte[] bytes) {
    synchronized (lock) {
      images.put(name, bytes.clone());
    }
    return server.url("/media/" + name).toString();
  }

  /**
   * Returns every call answered, in order.
   *
   * @return the calls
   */
  public List<Call> calls() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  /**
   * Tells whether a reply is hidden.
   *
   * @param tweetId the reply
   * @return true when hidden
   */
  public boolean isHidden(String tweetId) {
    synchronized (lock) {
      return hidden.contains(tweetId);
    }
  }

  /**
   * Tells whether a post exists (was made and not deleted).
   *
   * @param tweetId the post
   * @return true when it exists
   */
  public boolean exists(String tweetId) {
    synchronized (lock) {
      return tweets.containsKey(tweetId);
    }
  }

  /**
   * Returns the posts the account made, oldest first.
   *
   * @return their texts
   */
  public List<String> ownPosts() {
    synchronized (lock) {
      return tweets.values().stream().filter(t -> t.authorId().equals(userId))
          .map(Tweet::text).toList();
    }
  }

  /**
   * Returns the DMs the account sent, oldest first.
   *
   * @return their texts
   */
  public List<String> sentDirectMessages() {
    synchronized (lock) {
      return dms.stream().filter(d -> d.senderId().equals(userId)).map(Dm::text).toList();
    }
  }

  // ---- what inwoners do ----

  /**
   * An inwoner mentions the account, or replies to a post; the post joins the mentions timeline.
   *
   * @param authorId the inwoner's user id
   * @param handle their username
   * @param text the post, mentioning the account
   * @param inReplyTo the post replied to, if any
   * @return the post's id and its webhook
   */
  public Activity mention(String authorId, String handle, String text,
      Optional<String> inReplyTo) {
    Tweet t;
    synchronized (lock) {
      users.putIfAbsent(authorId, new User(authorId, handle, handle));
      String id = String.valueOf(ids.incrementAndGet());
      String conversation = inReplyTo.map(tweets::get).map(Tweet::conversationId).orElse(id);
      t = new Tweet(id, authorId, text, conversation, inReplyTo, clock.instant());
      tweets.put(id, t);
      mentions.add(id);
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("for_user_id", userId);
    root.put("user_has_blocked", false);
    root.putArray("tweet_create_events").add(v1Tweet(t));
    return new Activity(t.id(), sign(root));
  }

  /**
   * An inwoner sends the account a DM.
   *
   * @param senderId the inwoner's user id
   * @param handle their username
   * @param text the message
   * @return the DM event's id and its webhook
   */
  public Activity directMessage(String senderId, String handle, String text) {
    Dm dm;
    synchronized (lock) {
      users.putIfAbsent(senderId, new User(senderId, handle, handle));
      dm = new Dm(String.valueOf(ids.incrementAndGet()), senderId,
          conversation(senderId, userId), text, clock.instant());
      dms.add(dm);
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("for_user_id", userId);
    ObjectNode e = root.putArray("direct_message_events").addObject();
    e.put("type", "message_create");
    e.put("id", dm.id());
    e.put("created_timestamp", String.valueOf(dm.at().toEpochMilli()));
    ObjectNode create = e.putObject("message_create");
    create.putObject("target").put("recipient_id", userId);
    create.put("sender_id", senderId);
    create.putObject("message_data").put("text", text).putObject("entities");
    ObjectNode usersNode = root.putObject("users");
    for (String id : List.of(senderId, userId)) {
      User u = users.get(id);
      usersNode.putObject(id).put("id", id).put("name", u.name()).put("screen_name",
          u.username());
    }
    return new Activity(dm.id(), sign(root));
  }

  private ObjectNode v1Tweet(Tweet t) {
    User u = users.get(t.authorId());
    ObjectNode n = JSON.createObjectNode();
    n.put("created_at", V1_DATE.format(t.at()));
    n.put("id", Long.parseLong(t.id()));
    n.put("id_str", t.id());
    n.put("text", t.text());
    n.put("truncated", false);
    if (t.inReplyTo().isPresent()) {
      n.put("in_reply_to_status_id", Long.parseLong(t.inReplyTo().get()));
      n.put("in_reply_to_status_id_str", t.inReplyTo().get());
    } else {
      n.putNull("in_reply_to_status_id");
      n.putNull("in_reply_to_status_id_str");
    }
    n.putObject("user").put("id", Long.parseLong(u.id())).put("id_str", u.id())
        .put("name", u.name()).put("screen_name", u.username());
    n.put("timestamp_ms", String.valueOf(t.at().toEpochMilli()));
    return n;
  }

  private WebhookRequest sign(ObjectNode root) {
    byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
    return WebhookRequest.builder("POST", webhookPath)
        .header("Content-Type", "application/json")
        .header("x-twitter-webhooks-signature", webhookSignature.sign(body))
        .body(body).build();
  }

  private static String conversation(String a, String b) {
    return new BigInteger(a).compareTo(new BigInteger(b)) <= 0 ? a + "-" + b : b + "-" + a;
  }

  // ---- the API ----

  private MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    List<String> path = url.pathSegments();
    String method = request.getMethod();
    byte[] raw = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    String contentType = Optional.ofNullable(request.getHeaders().get("Content-Type")).orElse("");
    JsonNode body = JSON.createObjectNode();
    if (contentType.startsWith("application/json") && raw.length > 0) {
      try {
        body = JSON.readTree(raw);
      } catch (IOException e) {
        return problem(400, "Invalid Request", "The body is not JSON.");
      }
    }
    synchronized (lock) {
      calls.add(new Call(method, url.encodedPath(), Optional.ofNullable(url.encodedQuery())
          .orElse(""), body, clock.instant()));
    }
    if (method.equals("GET") && path.size() == 2 && path.get(0).equals("media")) {
      byte[] image;
      synchronized (lock) {
        image = images.get(path.get(1));
      }
      return image == null ? new MockResponse.Builder().code(404).build()
          : new MockResponse.Builder().code(200).addHeader("Content-Type", "image/jpeg")
              .body(new okio.Buffer().write(image)).build();
    }
    if (method.equals("POST") && url.encodedPath().equals("/2/oauth2/token")) {
      return token(new String(raw, StandardCharsets.UTF_8));
    }
    if (!authorized(request, url, contentType, raw)) {
      return problem(401, "Unauthorized", "Unauthorized");
    }
    String endpoint = endpoint(method, path);
    if (endpoint.isEmpty()) {
      return problem(404, "Not Found Error", "No such endpoint.");
    }
    synchronized (lock) {
      Window w = windows.computeIfAbsent(endpoint, k -> new Window(
          limits.getOrDefault(k, 300), windowLength));
      Instant now = clock.instant();
      roll(w, now);
      boolean post = endpoint.equals("POST /2/tweets");
      if (post && userDay != null) {
        roll(userDay, now);
      }
      if (w.used >= w.limit || (post && userDay != null && userDay.used >= userDay.limit)) {
        MockResponse.Builder r = new MockResponse.Builder().code(429)
            .addHeader("Content-Type", "application/json")
            .body("{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\","
                + "\"type\":\"about:blank\",\"status\":429}");
        headers(r, w, post);
        return r.build();
      }
      w.used++;
      if (post && userDay != null) {
        userDay.used++;
      }
      MockResponse.Builder answer = answer(endpoint, method, path, url, body, contentType, raw);
      headers(answer, w, post);
      return answer.build();
    }
  }

  private static void roll(Window w, Instant now) {
    if (!now.isBefore(w.start.plus(w.length))) {
      // Windows start on a whole second, so the reset X reports in epoch seconds is exact.
      w.start = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      w.used = 0;
    }
  }

  private void headers(MockResponse.Builder r, Window w, boolean post) {
    r.addHeader("x-rate-limit-limit", w.limit)
        .addHeader("x-rate-limit-remaining", Math.max(0, w.limit - w.used))
        .addHeader("x-rate-limit-reset", w.start.plus(w.length).getEpochSecond());
    if (post && userDay != null) {
      r.addHeader("x-user-limit-24hour-limit", userDay.limit)
          .addHeader("x-user-limit-24hour-remaining", Math.max(0, userDay.limit - userDay.used))
          .addHeader("x-user-limit-24hour-reset", userDay.start.plus(userDay.length)
              .getEpochSecond());
    }
  }

  private String endpoint(String method, List<String> path) {
    if (path.isEmpty() || !path.get(0).equals("2")) {
      return "";
    }
    String p = String.join("/", path.subList(1, path.size()));
    if (method.equals("POST") && p.equals("tweets")) {
      return "POST /2/tweets";
    }
    if (method.equals("DELETE") && path.size() == 3 && path.get(1).equals("tweets")) {
      return "DELETE /2/tweets/:id";
    }
    if (method.equals("PUT") && path.size() == 4 && path.get(1).equals("tweets")
        && path.get(3).equals("hidden")) {
      return "PUT /2/tweets/:id/hidden";
    }
    if (method.equals("GET") && path.size() == 4 && path.get(1).equals("users")
        && path.get(3).equals("mentions")) {
      return "GET /2/users/:id/mentions";
    }
    if (method.equals("GET") && p.equals("dm_events")) {
      return "GET /2/dm_events";
    }
    if (method.equals("POST") && path.size() == 5 && path.get(1).equals("dm_conversations")
        && path.get(2).equals("with") && path.get(4).equals("messages")) {
      return "POST /2/dm_conversations/with/:participant_id/messages";
    }
    if (method.equals("POST") && p.equals("media/upload")) {
      return "POST /2/media/upload";
    }
    return "";
  }

  private MockResponse.Builder answer(String endpoint, String method, List<String> path,
      HttpUrl url, JsonNode body, String contentType, byte[] raw) {
    switch (endpoint) {
      case "POST /2/tweets": {
        String text = body.path("text").asText("");
        if (text.isBlank() && !body.has("media")) {
          return problemBuilder(400, "Invalid Request", "text or media is required.");
        }
        if (WEIGHTED.count(text) > 280) {
          return problemBuilder(400, "Invalid Request", "text is too long.");
        }
        for (Tweet t : tweets.values()) {
          if (t.authorId().equals(userId) && t.text().equals(text)) {
            return problemBuilder(403, "Forbidden",
                "You are not allowed to create a Tweet with duplicate content.");
          }
        }
        for (JsonNode m : body.path("media").path("media_ids")) {
          if (!uploaded.contains(m.asText())) {
            return problemBuilder(400, "Invalid Request", "media_ids: unknown media "
                + m.asText() + ".");
          }
        }
        Optional<String> inReplyTo = Optional.ofNullable(body.path("reply")
            .get("in_reply_to_tweet_id")).map(JsonNode::asText);
        if (inReplyTo.isPresent() && !tweets.containsKey(inReplyTo.get())) {
          return problemBuilder(400, "Invalid Request",
              "The post you are replying to does not exist or was deleted.");
        }
        String id = String.valueOf(ids.incrementAndGet());
        tweets.put(id, new Tweet(id, userId, text, inReplyTo.map(tweets::get)
            .map(Tweet::conversationId).orElse(id), inReplyTo, clock.instant()));
        ObjectNode data = JSON.createObjectNode();
        data.putObject("data").put("id", id).put("text", text)
            .putArray("edit_history_tweet_ids").add(id);
        return jsonBuilder(201, data.toString());
      }
      case "DELETE /2/tweets/:id": {
        Tweet t = tweets.get(path.get(2));
        if (t == null) {
          return jsonBuilder(200, "{\"data\":{\"deleted\":false}}");
        }
        if (!t.authorId().equals(userId)) {
          return problemBuilder(403, "Forbidden",
              "You are not authorized to delete this Tweet.");
        }
        tweets.remove(t.id());
        return jsonBuilder(200, "{\"data\":{\"deleted\":true}}");
      }
      case "PUT /2/tweets/:id/hidden": {
        Tweet reply = tweets.get(path.get(2));
        Tweet root = reply == null ? null : tweets.get(reply.conversationId());
        if (reply == null || root == null || !root.authorId().equals(userId)
            || reply.id().equals(root.id())) {
          return problemBuilder(403, "Forbidden",
              "You can only hide replies to conversations you started.");
        }
        if (!body.has("hidden")) {
          return problemBuilder(400, "Invalid Request", "hidden is required.");
        }
        boolean hide = body.get("hidden").asBoolean();
        if (hide) {
          hidden.add(reply.id());
        } else {
          hidden.remove(reply.id());
        }
        return jsonBuilder(200, "{\"data\":{\"hidden\":" + hide + "}}");
      }
      case "GET /2/users/:id/mentions":
        return page(url, mentions.stream().map(tweets::get).filter(Objects::nonNull)
            .map(this::v2Tweet).toList(), true);
      case "GET /2/dm_events":
        return page(url, dms.stream().map(this::v2Dm).toList(), false);
      case "POST /2/dm_conversations/with/:participant_id/messages": {
        String text = body.path("text").asText("");
        if (text.isBlank()) {
          return problemBuilder(400, "Invalid Request", "text is required.");
        }
        String other = path.get(3);
        Dm dm = new Dm(String.valueOf(ids.incrementAndGet()), userId,
            conversation(userId, other), text, clock.instant());
        dms.add(dm);
        return jsonBuilder(201, "{\"data\":{\"dm_conversation_id\":\"" + dm.conversationId()
            + "\",\"dm_event_id\":\"" + dm.id() + "\"}}");
      }
      case "POST /2/media/upload": {
        String form = new String(raw, StandardCharsets.ISO_8859_1);
        if (!contentType.startsWith("multipart/form-data") || !form.contains("name=\"media\"")
            || !form.contains("tweet_image")) {
          return problemBuilder(400, "Invalid Request", "media and media_category required.");
        }
        String id = String.valueOf(ids.incrementAndGet());
        uploaded.add(id);
        return jsonBuilder(200, "{\"data\":{\"id\":\"" + id + "\",\"media_key\":\"3_" + id
            + "\",\"expires_after_secs\":86400}}");
      }
      default:
        return problemBuilder(404, "Not Found Error", "No such endpoint.");
    }
  }

  private ObjectNode v2Tweet(Tweet t) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", t.id());
    n.put("text", t.text());
    n.put("author_id", t.authorId());
    n.put("conversation_id", t.conversationId());
    n.put("created_at", t.at().toString());
    t.inReplyTo().ifPresent(r -> n.putArray("referenced_tweets").addObject()
        .put("type", "replied_to").put("id", r));
    n.putArray("edit_history_tweet_ids").add(t.id());
    return n;
  }

  private ObjectNode v2Dm(Dm d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", d.id());
    n.put("text", d.text());
    n.put("event_type", "MessageCreate");
    n.put("dm_conversation_id", d.conversationId());
    n.put("created_at", d.at().toString());
    n.put("sender_id", d.senderId());
    return n;
  }

  /** Newest first, {@code since_id} honoured, pages of {@code max_results} with tokens. */
  private MockResponse.Builder page(HttpUrl url, List<ObjectNode> oldestFirst,
      boolean sinceId) {
    List<ObjectNode> items = new ArrayList<>(oldestFirst);
    java.util.Collections.reverse(items);
    if (sinceId && url.queryParameter("since_id") != null) {
      BigInteger since = new BigInteger(url.queryParameter("since_id"));
      items.removeIf(n -> new BigInteger(n.path("id").asText()).compareTo(since) <= 0);
    }
    int max = Optional.ofNullable(url.queryParameter("max_results")).map(Integer::parseInt)
        .orElse(10);
    int from = Optional.ofNullable(url.queryParameter("pagination_token"))
        .map(t -> Integer.parseInt(t.substring(2))).orElse(0);
    List<ObjectNode> slice = items.subList(Math.min(from, items.size()),
        Math.min(from + max, items.size()));
    ObjectNode root = JSON.createObjectNode();
    ArrayNode data = root.putArray("data");
    Set<String> authors = new java.util.TreeSet<>();
    for (ObjectNode n : slice) {
      data.add(n);
      authors.add(n.has("author_id") ? n.get("author_id").asText() : n.get("sender_id").asText());
    }
    ArrayNode included = root.putObject("includes").putArray("users");
    for (String a : authors) {
      User u = users.get(a);
      included.addObject().put("id", a).put("name", u.name()).put("username", u.username());
    }
    ObjectNode meta = root.putObject("meta");
    meta.put("result_count", slice.size());
    if (!slice.isEmpty()) {
      meta.put("newest_id", slice.get(0).path("id").asText());
      meta.put("oldest_id", slice.get(slice.size() - 1).path("id").asText());
    } else {
      root.remove("data");
    }
    if (from + max < items.size()) {
      meta.put("next_token", "p-" + (from + max));
    }
    return jsonBuilder(200, root.toString());
  }

  // ---- authentication ----

  private boolean authorized(RecordedRequest request, HttpUrl url, String contentType,
      byte[] raw) {
    String auth = Optional.ofNullable(request.getHeaders().get("Authorization")).orElse("");
    synchronized (lock) {
      if (auth.equals("Bearer " + accessToken)) {
        return true;
      }
    }
    if (auth.startsWith("OAuth ") && consumerKey.isPresent()) {
      Map<String, String> form = new TreeMap<>();
      if (contentType.startsWith("application/x-www-form-urlencoded")) {
        HttpUrl parsed = HttpUrl.get("http://x/?" + new String(raw, StandardCharsets.UTF_8));
        for (int i = 0; i < parsed.querySize(); i++) {
          form.put(parsed.queryParameterName(i), parsed.queryParameterValue(i));
        }
      }
      return oauth1Valid(request.getMethod(), url, form, auth.substring(6));
    }
    return false;
  }

  /** Checks an OAuth 1.0a signature the way X does: recomputed from the request. */
  private boolean oauth1Valid(String method, HttpUrl url, Map<String, String> form,
      String header) {
    Map<String, String> oauth = new TreeMap<>();
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2) {
        oauth.put(decode(kv[0]), decode(kv[1].replaceAll("^\"|\"$", "")));
      }
    }
    String signature = oauth.remove("oauth_signature");
    if (signature == null || !consumerKey.get().equals(oauth.get("oauth_consumer_key"))
        || !oauth1Token.orElse("").equals(oauth.get("oauth_token"))
        || !"HMAC-SHA1".equals(oauth.get("oauth_signature_method"))) {
      return false;
    }
    long timestamp = Long.parseLong(oauth.getOrDefault("oauth_timestamp", "0"));
    if (Math.abs(clock.instant().getEpochSecond() - timestamp) > 300) {
      return false;
    }
    List<String> params = new ArrayList<>();
    for (int i = 0; i < url.querySize(); i++) {
      params.add(enc(url.queryParameterName(i)) + "=" + enc(
          Objects.requireNonNullElse(url.queryParameterValue(i), "")));
    }
    form.forEach((k, v) -> params.add(enc(k) + "=" + enc(v)));
    oauth.forEach((k, v) -> params.add(enc(k) + "=" + enc(v)));
    java.util.Collections.sort(params);
    String base = method + "&" + enc(url.scheme() + "://" + url.host() + ":" + url.port()
        + url.encodedPath()) + "&" + enc(String.join("&", params));
    String key = enc(consumerSecret.reveal()) + "&" + enc(oauth1TokenSecret.get().reveal());
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      String expected = Base64.getEncoder().encodeToString(
          mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
      return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
          signature.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20")
        .replace("*", "%2A").replace("%7E", "~");
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private MockResponse token(String form) {
    HttpUrl parsed = HttpUrl.get("http://x/?" + form);
    synchronized (lock) {
      if (!"refresh_token".equals(parsed.queryParameter("grant_type"))
          || !clientId.equals(parsed.queryParameter("client_id"))) {
        return new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
            .body("{\"error\":\"invalid_request\",\"error_description\":\"Missing required"
                + " parameter.\"}").build();
      }
      if (!refreshToken.equals(parsed.queryParameter("refresh_token"))) {
        return new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
            .body("{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the"
                + " token was invalid.\"}").build();
      }
      tokenVersion++;
      accessToken = "access-" + tokenVersion;
      refreshToken = "refresh-" + tokenVersion;
      return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
          .body("{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\""
              + accessToken + "\",\"scope\":\"tweet.read tweet.write users.read dm.read"
              + " dm.write offline.access\",\"refresh_token\":\"" + refreshToken + "\"}").build();
    }
  }

  private static MockResponse problem(int status, String title, String detail) {
    return problemBuilder(status, title, detail).build();
  }

  private static MockResponse.Builder problemBuilder(int status, String title, String detail) {
    ObjectNode n = JSON.createObjectNode();
    n.put("title", title);
    n.put("detail", detail);
    n.put("type", status == 400 ? "https://api.twitter.com/2/problems/invalid-request"
        : "about:blank");
    n.put("status", status);
    return jsonBuilder(status, n.toString());
  }

  private static MockResponse.Builder jsonBuilder(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
        .body(body);
  }

  @Override
  public void close() {
    server.close();
  }

  /** Configures an {@link XSimulator}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String userId = "1000000001";
    private String username = "gemeente";
    private Secret consumerSecret = Secret.of("test-consumer-secret");
    private String clientId = "test-client-id";
    private String accessToken = "access-0";
    private String refreshToken = "refresh-0";
    private String consumerKey;
    private String oauth1Token;
    private Secret oauth1TokenSecret;
    private Duration window = Duration.ofMinutes(15);
    private final Map<String, Integer> limits = new HashMap<>();
    private int userDailyPosts;
    private String webhookPath = "/webhooks/x-gemeente";

    private Builder() {}

    /**
     * Sets the path the webhooks are addressed to; its last segment names the channel.
     *
     * @param path such as {@code /webhooks/x-gemeente}
     * @return this builder
     */
    public Builder webhookPath(String path) {
      this.webhookPath = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * Sets the clock rate-limit windows run on.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the account's user id and username.
     *
     * @param id the numeric id
     * @param username the handle
     * @return this builder
     */
    public Builder account(String id, String username) {
      this.userId = Objects.requireNonNull(id, "id");
      this.username = Objects.requireNonNull(username, "username");
      return this;
    }

    /**
     * Sets the consumer secret (webhook signatures, CRC, OAuth 1.0a).
     *
     * @param secret the secret
     * @return this builder
     */
    public Builder consumerSecret(Secret secret) {
      this.consumerSecret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /**
     * Accepts OAuth 1.0a requests signed with these credentials.
     *
     * @param consumerKey the app's key
     * @param token the user's access token
     * @param tokenSecret the user's token secret
     * @return this builder
     */
    public Builder oauth1(String consumerKey, String token, Secret tokenSecret) {
      this.consumerKey = consumerKey;
      this.oauth1Token = token;
      this.oauth1TokenSecret = tokenSecret;
      return this;
    }

    /**
     * Sets the length of the rate-limit windows (X's are 15 minutes).
     *
     * @param window the length
     * @return this builder
     */
    public Builder window(Duration window) {
      this.window = Objects.requireNonNull(window, "window");
      return this;
    }

    /**
     * Limits an endpoint per window; 300 by default.
     *
     * @param endpoint such as {@code POST /2/tweets} or {@code PUT /2/tweets/:id/hidden}
     * @param limit calls per window
     * @return this builder
     */
    public Builder limit(String endpoint, int limit) {
      limits.put(endpoint, limit);
      return this;
    }

    /**
     * Limits the account's posts per 24 hours, reported in {@code x-user-limit-24hour-*}.
     *
     * @param posts the most posts per day
     * @return this builder
     */
    public Builder userDailyPosts(int posts) {
      this.userDailyPosts = posts;
      return this;
    }

    /**
     * Starts the simulator.
     *
     * @return the running simulator
     */
    public XSimulator build() {
      return new XSimulator(this);
    }
  }
}
