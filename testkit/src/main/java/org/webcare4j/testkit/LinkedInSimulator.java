package org.webcare4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.webhook.HmacSignature;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.testkit.internal.NoDelayServerSocketFactory;

/**
 * One LinkedIn organisation page on the Community Management API, on a local port: {@code
 * /rest/posts} (commentary read as "little" text: an unescaped reserved character cuts the text
 * there, as LinkedIn does), the images upload flow, comments on posts with nested replies and
 * deleting the organisation's own, the {@code LinkedIn-Version} and {@code
 * X-Restli-Protocol-Version} headers required on every call, daily quotas per application and per
 * member with 429 answers, expiring and refreshable access tokens, and webhooks validated by
 * {@code challengeCode} and signed in {@code X-LI-Signature}.
 *
 * <p>Thread-safe.
 */
public final class LinkedInSimulator implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESERVED = "\\|{}@[]()<>#*_~";

  /**
   * A call the simulator answered.
   *
   * @param method the method
   * @param path the decoded path
   * @param query the decoded query, or empty
   * @param headers the request's headers
   * @param body the JSON body, or an empty object
   * @param status the status answered
   */
  public record Call(String method, String path, String query, Map<String, String> headers,
      JsonNode body, int status) {}

  /**
   * A comment a member made, with the signed notification that reports it.
   *
   * @param commentUrn the comment's URN
   * @param webhook the signed webhook
   */
  public record Comment(String commentUrn, WebhookRequest webhook) {}

  private record Post(String urn, String activity, String commentary, Optional<String> image,
      Optional<String> article, Instant at) {}

  private record StoredComment(String urn, String postUrn, String actor, String text,
      Optional<String> parent, Instant at) {}

  private final MockWebServer server = new MockWebServer();
  private final Clock clock;
  private final String organizationId;
  private final Secret clientSecret;
  private final String clientId;
  private final String oldestVersion;
  private final String webhookPath;
  private final HmacSignature signature;
  private final AtomicLong ids = new AtomicLong(6_980_154_989_134_028_800L);
  private final Object lock = new Object();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Post> posts = new LinkedHashMap<>();
  private final Map<String, StoredComment> comments = new LinkedHashMap<>();
  private final Set<String> uploads = new HashSet<>();
  private final Set<String> expired = new HashSet<>();
  private final Set<String> uploaded = new HashSet<>();
  private final Map<String, byte[]> images = new HashMap<>();
  private final Map<String, Integer> appDaily;
  private final int memberDaily;
  private final Map<String, Integer> used = new HashMap<>();
  private LocalDate day;
  private String accessToken = "li-access-0";
  private String refreshToken = "li-refresh-0";
  private int tokenVersion;

  private LinkedInSimulator(Builder b) {
    this.clock = b.clock;
    this.organizationId = b.organizationId;
    this.clientSecret = b.clientSecret;
    this.clientId = b.clientId;
    this.oldestVersion = b.oldestVersion;
    this.webhookPath = b.webhookPath;
    this.appDaily = Map.copyOf(b.appDaily);
    this.memberDaily = b.memberDaily;
    this.signature = HmacSignature.sha256(clientSecret, HmacSignature.Encoding.HEX,
        "hmacsha256=");
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return LinkedInSimulator.this.dispatch(request);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("the LinkedIn simulator could not start", e);
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
   * Reads commentary the way LinkedIn does: escaped reserved characters are plain text; an
   * unescaped one starts markup this simulator does not render, and the text ends there.
   *
   * @param commentary the commentary as posted
   * @return the text as it would show
   */
  public static String readCommentary(String commentary) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < commentary.length(); i++) {
      char c = commentary.charAt(i);
      if (c == '\\' && i + 1 < commentary.length()
          && RESERVED.indexOf(commentary.charAt(i + 1)) >= 0) {
        out.append(commentary.charAt(++i));
      } else if (RESERVED.indexOf(c) >= 0) {
        break;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Returns the API base URL to give the channel.
   *
   * @return the URL
   */
  public String baseUrl() {
    return server.url("/").toString();
  }

  /**
   * Returns the OAuth token endpoint.
   *
   * @return the URL
   */
  public String tokenUrl() {
    return server.url("/oauth/v2/accessToken").toString();
  }

  /**
   * Returns the organisation's id.
   *
   * @return the id
   */
  public String organizationId() {
    return organizationId;
  }

  /**
   * Returns the client secret (webhooks, refresh).
   *
   * @return the secret
   */
  public Secret clientSecret() {
    return clientSecret;
  }

  /**
   * Returns the client id.
   *
   * @return the id
   */
  public String clientId() {
    return clientId;
  }

  /**
   * Returns the access token accepted now.
   *
   * @return the token
   */
  public Secret accessToken() {
    synchronized (lock) {
      return Secret.of(accessToken);
    }
  }

  /**
   * Returns the refresh token accepted now.
   *
   * @return the token
   */
  public Secret refreshToken() {
    synchronized (lock) {
      return Secret.of(refreshToken);
    }
  }

  /** Expires the access token (after 60 days, or revoked by the member). */
  public void expireAccessToken() {
    synchronized (lock) {
      expired.add(accessToken);
      accessToken = "li-unissued-" + ids.incrementAndGet();
    }
  }

  /**
   * Serves an image to post from a URL of the simulator.
   *
   * @param name the file name
   * @param bytes the image
   * @return its URL
   */
  public String image(String name, byte[] bytes) {
    synchronized (lock) {
      images.put(name, bytes.clone());
    }
    return server.url("/files/" + name).toString();
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
   * Returns a post's text as LinkedIn shows it.
   *
   * @param postUrn the post
   * @return its text, if the post exists
   */
  public Optional<String> shownText(String postUrn) {
    synchronized (lock) {
      return Optional.ofNullable(posts.get(postUrn)).map(p -> readCommentary(p.commentary()));
    }
  }

  /**
   * Returns the JSON body a post was created with.
   *
   * @param postUrn the post
   * @return the body as stored: commentary, image, article
   */
  public Optional<JsonNode> post(String postUrn) {
    synchronized (lock) {
      return Optional.ofNullable(posts.get(postUrn)).map(p -> {
        ObjectNode n = JSON.createObjectNode();
        n.put("commentary", p.commentary());
        p.image().ifPresent(i -> n.put("image", i));
        p.article().ifPresent(a -> n.put("article", a));
        return n;
      });
    }
  }

  /**
   * Tells whether a comment exists.
   *
   * @param commentUrn the comment
   * @return true when it was made and not deleted
   */
  public boolean commentExists(String commentUrn) {
    synchronized (lock) {
      return comments.containsKey(commentUrn);
    }
  }

  /**
   * Returns the parent of a comment.
   *
   * @param commentUrn the comment
   * @return the parent comment's URN, for a nested reply
   */
  public Optional<String> parentOf(String commentUrn) {
    synchronized (lock) {
      return Optional.ofNullable(comments.get(commentUrn)).flatMap(StoredComment::parent);
    }
  }

  /**
   * Makes a post as if from LinkedIn's own interface, to comment on.
   *
   * @param text its text
   * @return the post's URN
   */
  public String existingPost(String text) {
    synchronized (lock) {
      String urn = "urn:li:share:" + ids.incrementAndGet();
      posts.put(urn, new Post(urn, "urn:li:activity:" + ids.incrementAndGet(), text,
          Optional.empty(), Optional.empty(), clock.instant()));
      return urn;
    }
  }

  /**
   * A member comments on a post, or replies to a comment.
   *
   * @param personId the member's id, such as {@code vGvKjdnbpT}
   * @param postUrn the post
   * @param text the comment
   * @param parent the comment replied to, if any
   * @return the comment and its notification
   */
  public Comment comment(String personId, String postUrn, String text, Optional<String> parent) {
    StoredComment c;
    synchronized (lock) {
      Post post = Objects.requireNonNull(posts.get(postUrn), "no post " + postUrn);
      String urn = "urn:li:comment:(" + post.activity() + "," + ids.incrementAndGet() + ")";
      c = new StoredComment(urn, postUrn, "urn:li:person:" + personId, text, parent,
          clock.instant());
      comments.put(urn, c);
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS");
    ObjectNode n = root.putArray("notifications").addObject();
    n.put("notificationId", ids.incrementAndGet());
    n.put("action", "COMMENT");
    n.put("organizationalEntity", "urn:li:organization:" + organizationId);
    n.put("sourcePost", postUrn);
    n.put("generatedActivity", c.urn());
    n.put("lastModifiedAt", c.at().toEpochMilli());
    ObjectNode comment = n.putObject("decoratedGeneratedActivity").putObject("comment");
    comment.put("entity", c.urn());
    comment.put("owner", c.actor());
    comment.put("text", text);
    parent.ifPresent(p -> comment.put("parentComment", p));
    byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
    return new Comment(c.urn(), WebhookRequest.builder("POST", webhookPath)
        .header("Content-Type", "application/json")
        .header("X-LI-Signature", signature.sign(body)).body(body).build());
  }

  // ---- the API ----

  private MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String path = URLDecoder.decode(url.encodedPath(), StandardCharsets.UTF_8);
    String query = Optional.ofNullable(url.encodedQuery())
        .map(q -> URLDecoder.decode(q, StandardCharsets.UTF_8)).orElse("");
    byte[] raw = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    String contentType = Optional.ofNullable(request.getHeaders().get("Content-Type")).orElse("");
    JsonNode body = JSON.createObjectNode();
    if (contentType.startsWith("application/json") && raw.length > 0) {
      try {
        body = JSON.readTree(raw);
      } catch (IOException e) {
        body = JSON.createObjectNode();
      }
    }
    Map<String, String> headers = new HashMap<>();
    for (String name : request.getHeaders().names()) {
      headers.put(name.toLowerCase(java.util.Locale.ROOT), request.getHeaders().get(name));
    }
    MockResponse answer;
    synchronized (lock) {
      answer = answer(request.getMethod(), path, url, headers, body, raw);
      calls.add(new Call(request.getMethod(), path, query, Map.copyOf(headers), body,
          answer.getCode()));
    }
    return answer;
  }

  private MockResponse answer(String method, String path, HttpUrl url,
      Map<String, String> headers, JsonNode body, byte[] raw) {
    if (method.equals("GET") && path.startsWith("/files/")) {
      byte[] image = images.get(path.substring(7));
      return image == null ? new MockResponse.Builder().code(404).build()
          : new MockResponse.Builder().code(200).addHeader("Content-Type", "image/jpeg")
              .body(new okio.Buffer().write(image)).build();
    }
    if (method.equals("POST") && path.equals("/oauth/v2/accessToken")) {
      return token(new String(raw, StandardCharsets.UTF_8));
    }
    if (!headers.getOrDefault("authorization", "").equals("Bearer " + accessToken)) {
      boolean known = expired.contains(headers.getOrDefault("authorization", "")
          .replaceFirst("^Bearer ", ""));
      return error(401, known ? 65601 : 65600, known ? "REVOKED_ACCESS_TOKEN"
          : "INVALID_ACCESS_TOKEN", known ? "The token used in the request has been revoked"
          + " by the user" : "Invalid access token");
    }
    if (path.startsWith("/upload/") && method.equals("PUT")) {
      String id = path.substring(8);
      if (!uploads.remove(id) || raw.length == 0) {
        return error(400, 100, "INVALID_UPLOAD", "Unknown or used upload URL");
      }
      uploaded.add("urn:li:image:" + id);
      return new MockResponse.Builder().code(201).build();
    }
    String version = headers.getOrDefault("linkedin-version", "");
    if (!version.matches("20[0-9]{2}(0[1-9]|1[0-2])")) {
      return error(400, 0, "VERSION_MISSING", "A version must be present. Please specify a"
          + " version by adding the LinkedIn-Version header.");
    }
    if (version.compareTo(oldestVersion) < 0) {
      return error(426, 0, "NONEXISTENT_VERSION", "Requested version " + version
          + " is not active");
    }
    if ((url.encodedPathSegments().size() > 2 && url.encodedPathSegments().get(1)
        .equals("socialActions") && url.encodedPathSegments().get(2).contains(":"))
        || Optional.ofNullable(url.encodedQuery()).orElse("").contains("urn:li:")) {
      return error(400, 0, "ILLEGAL_ARGUMENT", "Syntax exception in path variables or query:"
          + " URNs must be URL-encoded");
    }
    if (!"2.0.0".equals(headers.get("x-restli-protocol-version"))) {
      return error(400, 0, "ILLEGAL_ARGUMENT", "X-Restli-Protocol-Version 2.0.0 is required");
    }
    String resource = path.startsWith("/rest/socialActions/") ? "comments"
        : path.startsWith("/rest/images") ? "images" : path.startsWith("/rest/posts") ? "posts"
        : "";
    if (resource.isEmpty()) {
      return error(404, 0, "NOT_FOUND", "No such resource");
    }
    Optional<MockResponse> throttled = quota(resource);
    if (throttled.isPresent()) {
      return throttled.get();
    }
    if (resource.equals("images") && method.equals("POST")
        && "initializeUpload".equals(url.queryParameter("action"))) {
      if (!body.path("initializeUploadRequest").path("owner").asText("")
          .equals("urn:li:organization:" + organizationId)) {
        return error(403, 100, "ACCESS_DENIED", "Not allowed to upload for this owner");
      }
      String id = "C4E10AQ" + ids.incrementAndGet();
      uploads.add(id);
      ObjectNode v = JSON.createObjectNode();
      v.putObject("value").put("uploadUrlExpiresAt", clock.millis() + 86_400_000L)
          .put("uploadUrl", server.url("/upload/" + id).toString())
          .put("image", "urn:li:image:" + id);
      return json(200, v.toString());
    }
    if (resource.equals("posts") && method.equals("POST")) {
      return createPost(body);
    }
    if (resource.equals("posts") && method.equals("GET")) {
      if (!"author".equals(url.queryParameter("q"))
          || !("urn:li:organization:" + organizationId).equals(url.queryParameter("author"))) {
        return error(400, 100, "ILLEGAL_ARGUMENT", "q=author with the author's URN required");
      }
      int count = Integer.parseInt(Optional.ofNullable(url.queryParameter("count")).orElse("10"));
      List<Post> all = new ArrayList<>(posts.values());
      java.util.Collections.reverse(all);
      ObjectNode root = JSON.createObjectNode();
      ArrayNode elements = root.putArray("elements");
      all.stream().limit(count).forEach(p -> elements.addObject().put("id", p.urn())
          .put("author", "urn:li:organization:" + organizationId)
          .put("commentary", p.commentary()).put("createdAt", p.at().toEpochMilli()));
      root.putObject("paging").put("start", 0).put("count", count).put("total", all.size());
      return json(200, root.toString());
    }
    // /rest/socialActions/{post}/comments[/{id}]
    String rest = path.substring("/rest/socialActions/".length());
    int slash = rest.indexOf("/comments");
    if (slash < 0) {
      return error(404, 0, "NOT_FOUND", "No such resource");
    }
    String postUrn = rest.substring(0, slash);
    Post post = posts.get(postUrn);
    if (post == null) {
      return error(404, 0, "NOT_FOUND", "No such post: " + postUrn);
    }
    String tail = rest.substring(slash + "/comments".length());
    if (method.equals("GET") && tail.isEmpty()) {
      int start = Integer.parseInt(Optional.ofNullable(url.queryParameter("start")).orElse("0"));
      int count = Integer.parseInt(Optional.ofNullable(url.queryParameter("count"))
          .orElse("10"));
      List<StoredComment> on = comments.values().stream()
          .filter(c -> c.postUrn().equals(postUrn)).toList();
      ObjectNode root = JSON.createObjectNode();
      ArrayNode elements = root.putArray("elements");
      for (StoredComment c : on.subList(Math.min(start, on.size()),
          Math.min(start + count, on.size()))) {
        ObjectNode e = elements.addObject();
        e.put("actor", c.actor());
        e.put("commentUrn", c.urn());
        e.put("$URN", c.urn());
        e.put("id", c.urn().substring(c.urn().lastIndexOf(',') + 1, c.urn().length() - 1));
        e.put("object", post.activity());
        e.putObject("message").put("text", c.text());
        e.putObject("created").put("actor", c.actor()).put("time", c.at().toEpochMilli());
        c.parent().ifPresent(p -> e.put("parentComment", p));
      }
      root.putObject("paging").put("start", start).put("count", count).put("total", on.size());
      return json(200, root.toString());
    }
    if (method.equals("POST") && tail.isEmpty()) {
      String actor = body.path("actor").asText("");
      String text = body.path("message").path("text").asText("");
      if (!actor.equals("urn:li:organization:" + organizationId) || text.isBlank()) {
        return error(422, 100, "UNPROCESSABLE_ENTITY", "actor and message.text are required");
      }
      if (text.length() > 1250) {
        return error(422, 100, "UNPROCESSABLE_ENTITY", "message.text is too long");
      }
      Optional<String> parent = Optional.ofNullable(body.get("parentComment"))
          .map(JsonNode::asText);
      if (parent.isPresent() && !comments.containsKey(parent.get())) {
        return error(404, 0, "NOT_FOUND", "No such parent comment");
      }
      String urn = "urn:li:comment:(" + post.activity() + "," + ids.incrementAndGet() + ")";
      comments.put(urn, new StoredComment(urn, postUrn, actor, text, parent, clock.instant()));
      ObjectNode created = JSON.createObjectNode();
      created.put("commentUrn", urn).put("$URN", urn).put("actor", actor)
          .putObject("message").put("text", text);
      return new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
          .addHeader("x-restli-id", urn).body(created.toString()).build();
    }
    if (method.equals("DELETE") && tail.startsWith("/")) {
      String id = tail.substring(1);
      if (!("urn:li:organization:" + organizationId).equals(url.queryParameter("actor"))) {
        return error(403, 100, "ACCESS_DENIED", "actor must be the comment's author");
      }
      Optional<StoredComment> target = comments.values().stream()
          .filter(c -> c.postUrn().equals(postUrn) && c.urn().endsWith("," + id + ")"))
          .findFirst();
      if (target.isEmpty()) {
        return error(404, 0, "NOT_FOUND", "No such comment");
      }
      if (!target.get().actor().equals("urn:li:organization:" + organizationId)) {
        return error(403, 100, "ACCESS_DENIED", "Not allowed to delete another's comment");
      }
      comments.remove(target.get().urn());
      return new MockResponse.Builder().code(204).build();
    }
    return error(405, 0, "METHOD_NOT_ALLOWED", "Not supported");
  }

  private MockResponse createPost(JsonNode body) {
    if (!body.path("author").asText("").equals("urn:li:organization:" + organizationId)
        || !body.has("commentary") || !body.path("visibility").asText("").equals("PUBLIC")
        || !body.path("distribution").has("feedDistribution")
        || !body.path("lifecycleState").asText("").equals("PUBLISHED")) {
      return error(422, 100, "UNPROCESSABLE_ENTITY",
          "author, commentary, visibility, distribution and lifecycleState are required");
    }
    String commentary = body.get("commentary").asText();
    if (commentary.length() > 3000 + 500) {
      return error(422, 100, "UNPROCESSABLE_ENTITY", "commentary is too long");
    }
    Optional<String> image = Optional.ofNullable(body.path("content").path("media").get("id"))
        .map(JsonNode::asText);
    if (image.isPresent() && !uploaded.contains(image.get())) {
      return error(422, 100, "UNPROCESSABLE_ENTITY", "media " + image.get()
          + " was not uploaded");
    }
    Optional<String> article = Optional.ofNullable(body.path("content").path("article")
        .get("source")).map(JsonNode::asText);
    String urn = "urn:li:share:" + ids.incrementAndGet();
    posts.put(urn, new Post(urn, "urn:li:activity:" + ids.incrementAndGet(), commentary, image,
        article, clock.instant()));
    return new MockResponse.Builder().code(201).addHeader("x-restli-id", urn).build();
  }

  private Optional<MockResponse> quota(String resource) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (!today.equals(day)) {
      day = today;
      used.clear();
    }
    Integer app = appDaily.get(resource);
    int resourceUsed = used.merge("app:" + resource, 1, Integer::sum);
    int memberUsed = used.merge("member", 1, Integer::sum);
    if (app != null && resourceUsed > app) {
      return Optional.of(error(429, 101, "TOO_MANY_REQUESTS", "Resource level throttle"
          + " APPLICATION DAY limit for calls to this resource is reached."));
    }
    if (memberDaily > 0 && memberUsed > memberDaily) {
      return Optional.of(error(429, 101, "TOO_MANY_REQUESTS", "Resource level throttle"
          + " MEMBER DAY limit for calls to this resource is reached."));
    }
    return Optional.empty();
  }

  private MockResponse token(String form) {
    HttpUrl parsed = HttpUrl.get("http://x/?" + form);
    if (!"refresh_token".equals(parsed.queryParameter("grant_type"))
        || !clientId.equals(parsed.queryParameter("client_id"))
        || !clientSecret.reveal().equals(parsed.queryParameter("client_secret"))
        || !refreshToken.equals(parsed.queryParameter("refresh_token"))) {
      return new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
          .body("{\"error\":\"invalid_request\",\"error_description\":\"The provided"
              + " authorization grant or refresh token is invalid, expired or revoked\"}")
          .build();
    }
    tokenVersion++;
    accessToken = "li-access-" + tokenVersion;
    return json(200, "{\"access_token\":\"" + accessToken + "\",\"expires_in\":5184000,"
        + "\"refresh_token\":\"" + refreshToken + "\",\"refresh_token_expires_in\":31536000}");
  }

  private static MockResponse error(int status, int serviceErrorCode, String code,
      String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("status", status);
    if (serviceErrorCode > 0) {
      n.put("serviceErrorCode", serviceErrorCode);
    }
    n.put("code", code);
    n.put("message", message);
    return json(status, n.toString());
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
        .body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }

  /** Configures a {@link LinkedInSimulator}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String organizationId = "2414183";
    private Secret clientSecret = Secret.of("test-client-secret");
    private String clientId = "test-client-id";
    private String oldestVersion = "202411";
    private String webhookPath = "/webhooks/linkedin-gemeente";
    private final Map<String, Integer> appDaily = new HashMap<>();
    private int memberDaily;

    private Builder() {}

    /**
     * Sets the clock days are counted on.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the organisation's id.
     *
     * @param id the numeric id
     * @return this builder
     */
    public Builder organizationId(String id) {
      this.organizationId = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Sets the oldest {@code LinkedIn-Version} still active; older ones get 426.
     *
     * @param version {@code YYYYMM}
     * @return this builder
     */
    public Builder oldestVersion(String version) {
      this.oldestVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets the path webhooks are addressed to; its last segment names the channel.
     *
     * @param path the path
     * @return this builder
     */
    public Builder webhookPath(String path) {
      this.webhookPath = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * Limits the application's calls to a resource per day (UTC).
     *
     * @param resource {@code posts}, {@code comments} or {@code images}
     * @param calls the most calls per day
     * @return this builder
     */
    public Builder applicationDaily(String resource, int calls) {
      appDaily.put(resource, calls);
      return this;
    }

    /**
     * Limits the member's calls per day (UTC), over all resources.
     *
     * @param calls the most calls per day
     * @return this builder
     */
    public Builder memberDaily(int calls) {
      this.memberDaily = calls;
      return this;
    }

    /**
     * Starts the simulator.
     *
     * @return the running simulator
     */
    public LinkedInSimulator build() {
      return new LinkedInSimulator(this);
    }
  }
}
