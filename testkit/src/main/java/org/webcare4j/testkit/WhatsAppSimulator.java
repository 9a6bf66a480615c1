package org.webcare4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.webhook.HmacSignature;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.testkit.internal.NoDelayServerSocketFactory;

/**
 * The WhatsApp Business Cloud API on a local port, for tests and demos: it takes the documented
 * request shapes on {@code POST /{version}/{phone-number-id}/messages} and {@code GET
 * /{version}/{media-id}}, answers with the documented bodies and Graph errors, keeps the 24-hour
 * customer-service window per inwoner, enforces a throughput quota with error 130429, and signs
 * the webhooks it emits ({@code X-Hub-Signature-256}) with the app secret.
 *
 * <pre>{@code
 * try (WhatsAppSimulator wa = WhatsAppSimulator.builder().build()) {
 *   WhatsAppChannel channel = WhatsAppChannel.builder(ChannelId.of("whatsapp-main"))
 *       .baseUrl(wa.baseUrl()).phoneNumberId(wa.phoneNumberId())
 *       .appSecret(wa.appSecret()).verifyToken(Secret.of("verify"))
 *       .accessToken(wa.accessToken()).build();
 *   webcare.webhooks().handle(wa.inboundText("31612345678", "Jan", "Hallo"));
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class WhatsAppSimulator implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WINDOW = Duration.ofHours(24);
  private static final int MAX_TEXT = 4096;

  /**
   * A message the simulator accepted.
   *
   * @param id the wamid it answered with
   * @param to the recipient's wa_id
   * @param type {@code text}, {@code image}, {@code template}, ...
   * @param body the request body as sent
   * @param at when it arrived
   */
  public record Sent(String id, String to, String type, JsonNode body, Instant at) {
    /**
     * Returns the text of a text message, or the caption of media, or empty.
     *
     * @return the text
     */
    public String text() {
      return type.equals("text") ? body.path("text").path("body").asText("")
          : body.path(type).path("caption").asText("");
    }
  }

  private record Template(String language, int parameters) {}

  private record Media(byte[] bytes, String mimeType) {}

  private final MockWebServer server = new MockWebServer();
  private final Clock clock;
  private final Secret appSecret;
  private final Secret accessToken;
  private final String phoneNumberId;
  private final String displayNumber;
  private final String webhookPath;
  private final int throughput;
  private final HmacSignature signature;
  private final AtomicLong ids = new AtomicLong();
  private final Object lock = new Object();
  private final Map<String, Instant> lastInbound = new HashMap<>();
  private final Map<String, Template> templates = new HashMap<>();
  private final Map<String, Media> media = new HashMap<>();
  private final List<Sent> sent = new ArrayList<>();
  private final List<String> read = new ArrayList<>();
  private final Deque<Instant> recentSends = new ArrayDeque<>();
  private final Deque<MockResponse> injected = new ArrayDeque<>();
  private int rateLimited;
  private int apiCalls;

  private WhatsAppSimulator(Builder b) {
    this.clock = b.clock;
    this.appSecret = b.appSecret;
    this.accessToken = b.accessToken;
    this.phoneNumberId = b.phoneNumberId;
    this.displayNumber = b.displayNumber;
    this.webhookPath = b.webhookPath;
    this.throughput = b.throughput;
    this.signature = HmacSignature.sha256(appSecret, HmacSignature.Encoding.HEX, "sha256=");
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return WhatsAppSimulator.this.dispatch(request);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("the WhatsApp simulator could not start", e);
    }
  }

  /**
   * Starts configuring a simulator.
   *
   * @return a builder with test credentials, 80 messages a second, webhooks to
   *     {@code /webhooks/whatsapp-main}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the base URL to give the channel ({@code WhatsAppChannel.Builder.baseUrl}).
   *
   * @return such as {@code http://127.0.0.1:54321/}
   */
  public String baseUrl() {
    return server.url("/").toString();
  }

  /**
   * Returns the business phone number's id.
   *
   * @return the id
   */
  public String phoneNumberId() {
    return phoneNumberId;
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
   * Returns the access token the simulator accepts.
   *
   * @return the token
   */
  public Secret accessToken() {
    return accessToken;
  }

  /**
   * Approves a template, so that sends of it are accepted.
   *
   * @param name the template's name
   * @param language its language code, such as {@code nl}
   * @param bodyParameters how many body parameters it takes
   * @return this simulator
   */
  public WhatsAppSimulator approveTemplate(String name, String language, int bodyParameters) {
    synchronized (lock) {
      templates.put(name, new Template(language, bodyParameters));
    }
    return this;
  }

  /**
   * Stores media that inbound messages can refer to and the channel can download.
   *
   * @param bytes the content
   * @param mimeType its type
   * @return the media id
   */
  public String addMedia(byte[] bytes, String mimeType) {
    String id = String.valueOf(1_000_000_000_000L + ids.incrementAndGet());
    synchronized (lock) {
      media.put(id, new Media(bytes.clone(), mimeType));
    }
    return id;
  }

  /**
   * Answers the next API call with a Graph error, once, before anything else is checked.
   *
   * @param httpStatus the HTTP status, such as 400
   * @param code the Graph error code, such as 131026
   * @param message the message
   * @return this simulator
   */
  public WhatsAppSimulator failNext(int httpStatus, int code, String message) {
    synchronized (lock) {
      injected.add(error(httpStatus, code, null, message, ""));
    }
    return this;
  }

  /**
   * Returns the messages accepted so far, in order.
   *
   * @return the messages
   */
  public List<Sent> sent() {
    synchronized (lock) {
      return List.copyOf(sent);
    }
  }

  /**
   * Returns the inbound message ids marked read so far.
   *
   * @return the wamids
   */
  public List<String> markedRead() {
    synchronized (lock) {
      return List.copyOf(read);
    }
  }

  /**
   * Returns how many sends were refused with 130429 (throughput).
   *
   * @return the count
   */
  public int rateLimitedAnswers() {
    synchronized (lock) {
      return rateLimited;
    }
  }

  /**
   * Returns how many API calls arrived, answered or refused.
   *
   * @return the count
   */
  public int apiCalls() {
    synchronized (lock) {
      return apiCalls;
    }
  }

  /**
   * Records that an inwoner wrote at a moment, opening their 24-hour window, without emitting a
   * webhook: for hosts that deliver inbound messages another way.
   *
   * @param waId the inwoner's WhatsApp id
   * @param at when they wrote
   * @return this simulator
   */
  public WhatsAppSimulator customerWrote(String waId, Instant at) {
    synchronized (lock) {
      lastInbound.merge(waId, at, (a, b) -> a.isAfter(b) ? a : b);
    }
    return this;
  }

  // ---- webhooks the platform sends ----

  /**
   * Builds the signed webhook of an inbound text message, and opens that inwoner's window.
   *
   * @param waId the inwoner's WhatsApp id (phone number, digits)
   * @param name the profile name
   * @param text the text
   * @return the request as Meta would POST it
   */
  public WebhookRequest inboundText(String waId, String name, String text) {
    ObjectNode message = JSON.createObjectNode();
    message.putObject("text").put("body", text);
    return inbound(waId, name, "text", message);
  }

  /**
   * Builds the signed webhook of an inbound text from someone who hides their phone number behind
   * a username: no {@code from}, no {@code wa_id}, only the business-scoped user id ({@code
   * from_user_id}, {@code user_id} in {@code contacts}) and the username; opens their window.
   *
   * @param userId the business-scoped user id, such as {@code NL.13491208655302741918}
   * @param username the username, such as {@code @fatima.nl}
   * @param name the profile name
   * @param text the text
   * @return the request
   */
  public WebhookRequest inboundTextFromUsername(String userId, String username, String name,
      String text) {
    Instant now = clock.instant();
    ObjectNode message = JSON.createObjectNode();
    message.put("from_user_id", userId);
    message.put("id", "wamid.SIM" + ids.incrementAndGet());
    message.put("timestamp", String.valueOf(now.getEpochSecond()));
    message.put("type", "text");
    message.putObject("text").put("body", text);
    ObjectNode value = value();
    ObjectNode contact = value.putArray("contacts").addObject();
    contact.putObject("profile").put("name", name).put("username", username);
    contact.put("user_id", userId);
    value.putArray("messages").add(message);
    synchronized (lock) {
      lastInbound.merge(userId, now, (a, b) -> a.isAfter(b) ? a : b);
    }
    return webhook(value);
  }

  /**
   * Builds the signed webhook of an inbound image, with media the channel can download.
   *
   * @param waId the inwoner's WhatsApp id
   * @param name the profile name
   * @param bytes the image
   * @param mimeType its type
   * @return the request
   */
  public WebhookRequest inboundImage(String waId, String name, byte[] bytes, String mimeType) {
    String id = addMedia(bytes, mimeType);
    ObjectNode message = JSON.createObjectNode();
    ObjectNode image = message.putObject("image");
    image.put("mime_type", mimeType);
    image.put("sha256", sha256(bytes));
    image.put("id", id);
    return inbound(waId, name, "image", message);
  }

  private WebhookRequest inbound(String waId, String name, String type, ObjectNode message) {
    Instant now = clock.instant();
    String wamid = "wamid.SIM" + ids.incrementAndGet();
    message.put("from", waId);
    message.put("id", wamid);
    message.put("timestamp", String.valueOf(now.getEpochSecond()));
    message.put("type", type);
    ObjectNode value = value();
    ObjectNode contact = value.putArray("contacts").addObject();
    contact.putObject("profile").put("name", name);
    contact.put("wa_id", waId);
    value.putArray("messages").add(message);
    synchronized (lock) {
      lastInbound.merge(waId, now, (a, b) -> a.isAfter(b) ? a : b);
    }
    return webhook(value);
  }

  /**
   * Builds the signed webhook of a status update on a message the simulator accepted.
   *
   * @param wamid the message's id
   * @param status {@code sent}, {@code delivered} or {@code read}
   * @return the request
   */
  public WebhookRequest status(String wamid, String status) {
    return statusWebhook(wamid, status, Optional.empty());
  }

  /**
   * Builds the signed webhook of a failed delivery.
   *
   * @param wamid the message's id
   * @param code the error code, such as 131026
   * @param title the error's title
   * @return the request
   */
  public WebhookRequest failed(String wamid, int code, String title) {
    ObjectNode error = JSON.createObjectNode();
    error.put("code", code);
    error.put("title", title);
    error.put("message", title);
    return statusWebhook(wamid, "failed", Optional.of(error));
  }

  private WebhookRequest statusWebhook(String wamid, String status, Optional<ObjectNode> error) {
    String to;
    synchronized (lock) {
      to = sent.stream().filter(s -> s.id().equals(wamid)).map(Sent::to).findFirst()
          .orElse("31600000000");
    }
    ObjectNode value = value();
    ObjectNode s = value.putArray("statuses").addObject();
    s.put("id", wamid);
    s.put("status", status);
    s.put("timestamp", String.valueOf(clock.instant().getEpochSecond()));
    s.put("recipient_id", to);
    error.ifPresent(e -> s.putArray("errors").add(e));
    return webhook(value);
  }

  private ObjectNode value() {
    ObjectNode value = JSON.createObjectNode();
    value.put("messaging_product", "whatsapp");
    ObjectNode metadata = value.putObject("metadata");
    metadata.put("display_phone_number", displayNumber);
    metadata.put("phone_number_id", phoneNumberId);
    return value;
  }

  private WebhookRequest webhook(ObjectNode value) {
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "whatsapp_business_account");
    ObjectNode entry = root.putArray("entry").addObject();
    entry.put("id", "102290129340398");
    ObjectNode change = entry.putArray("changes").addObject();
    change.set("value", value);
    change.put("field", "messages");
    byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
    return WebhookRequest.builder("POST", webhookPath)
        .header("Content-Type", "application/json")
        .header("X-Hub-Signature-256", signature.sign(body))
        .body(body)
        .build();
  }

  // ---- the API ----

  private MockResponse dispatch(RecordedRequest request) {
    synchronized (lock) {
      apiCalls++;
      MockResponse fault = injected.poll();
      if (fault != null) {
        return fault;
      }
    }
    Headers headers = request.getHeaders();
    String auth = headers.get("Authorization");
    if (auth == null || !auth.equals("Bearer " + accessToken.reveal())) {
      return error(401, 190, "463", "Error validating access token: Session has expired.", "");
    }
    List<String> path = request.getUrl().pathSegments();
    if (request.getMethod().equals("GET") && path.size() == 2) {
      return mediaInfo(path.get(1));
    }
    if (request.getMethod().equals("GET") && path.size() == 3 && path.get(0).equals("download")) {
      return mediaBytes(path.get(2));
    }
    if (!request.getMethod().equals("POST") || path.size() != 3
        || !path.get(1).equals(phoneNumberId) || !path.get(2).equals("messages")) {
      return error(400, 100, "33", "Unsupported request - method type: "
          + request.getMethod().toLowerCase(java.util.Locale.ROOT), "");
    }
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
    } catch (IOException e) {
      return error(400, 100, null, "(#100) Invalid JSON in the request body", "");
    }
    if (body == null || !"whatsapp".equals(body.path("messaging_product").asText())) {
      return error(400, 100, null, "(#100) The parameter messaging_product is required.", "");
    }
    if (body.has("status")) {
      return markRead(body);
    }
    return send(body);
  }

  private MockResponse markRead(JsonNode body) {
    if (!"read".equals(body.path("status").asText()) || !body.hasNonNull("message_id")) {
      return error(400, 100, null, "(#100) Invalid parameter", "status must be read");
    }
    synchronized (lock) {
      read.add(body.get("message_id").asText());
    }
    return json(200, "{\"success\":true}");
  }

  private MockResponse send(JsonNode body) {
    // to (a phone number, or a group id with recipient_type group) wins over recipient (a
    // business-scoped user id), as Meta documents for usernames
    boolean group = "group".equals(body.path("recipient_type").asText("individual"));
    boolean byUserId = !body.hasNonNull("to") && body.hasNonNull("recipient");
    String to = byUserId ? body.path("recipient").asText("") : body.path("to").asText("");
    String type = body.path("type").asText("text");
    if (byUserId ? !to.matches("[A-Z]{2}\\.[A-Za-z0-9.]{1,128}")
        : group ? to.isBlank() : !to.matches("[0-9]{6,20}")) {
      return error(400, 100, null, "(#100) Invalid parameter",
          "to must be a phone number, or recipient a business-scoped user id");
    }

    Instant now = clock.instant();
    synchronized (lock) {
      while (!recentSends.isEmpty() && !recentSends.peekFirst().isAfter(now.minusSeconds(1))) {
        recentSends.pollFirst();
      }
      if (recentSends.size() >= throughput) {
        rateLimited++;
        return error(400, 130429, null, "(#130429) Rate limit hit",
            "Cloud API message throughput has been reached.");
      }
    }
    Optional<MockResponse> invalid = validate(body, type, to, now);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    String id = "wamid.HBgL" + Long.toHexString(0x1000000L + ids.incrementAndGet())
        .toUpperCase(java.util.Locale.ROOT) + "AA==";
    synchronized (lock) {
      recentSends.addLast(now);
      sent.add(new Sent(id, to, type, body, now));
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("messaging_product", "whatsapp");
    ObjectNode contact = answer.putArray("contacts").addObject();
    contact.put("input", to);
    contact.put(byUserId ? "user_id" : "wa_id", to);
    ObjectNode message = answer.putArray("messages").addObject();
    message.put("id", id);
    if (type.equals("template")) {
      message.put("message_status", "accepted");
    }
    return json(200, answer.toString());
  }

  private Optional<MockResponse> validate(JsonNode body, String type, String to, Instant now) {
    switch (type) {
      case "text" -> {
        String text = body.path("text").path("body").asText(null);
        if (text == null || text.isEmpty()) {
          return Optional.of(error(400, 100, null, "(#100) The parameter text['body'] is required.",
              ""));
        }
        if (text.length() > MAX_TEXT) {
          return Optional.of(error(400, 100, null, "(#100) Param text['body'] must be at most "
              + MAX_TEXT + " characters long.", ""));
        }
      }
      case "image", "video", "audio", "document", "sticker" -> {
        JsonNode m = body.path(type);
        if (!m.hasNonNull("id") && !m.hasNonNull("link")) {
          return Optional.of(error(400, 100, null, "(#100) Param " + type
              + " must have an id or a link", ""));
        }
      }
      case "template" -> {
        JsonNode t = body.path("template");
        Template known;
        synchronized (lock) {
          known = templates.get(t.path("name").asText(""));
        }
        if (known == null
            || !known.language().equals(t.path("language").path("code").asText(""))) {
          return Optional.of(error(404, 132001, null,
              "(#132001) Template name does not exist in the translation", ""));
        }
        int given = 0;
        for (JsonNode c : t.path("components")) {
          given += c.path("parameters").size();
        }
        if (given != known.parameters()) {
          return Optional.of(error(400, 132000, null, "(#132000) Number of parameters does not"
              + " match the expected number of params", ""));
        }
        return Optional.empty(); // templates may be sent outside the window
      }
      default -> {
        return Optional.of(error(400, 131051, null, "(#131051) Unsupported message type", ""));
      }
    }
    Instant last;
    synchronized (lock) {
      last = lastInbound.get(to);
    }
    if (last == null || now.isAfter(last.plus(WINDOW))) {
      return Optional.of(error(400, 131047, null, "(#131047) Re-engagement message",
          "Message failed to send because more than 24 hours have passed since the customer"
              + " last replied to this number."));
    }
    return Optional.empty();
  }

  private MockResponse mediaInfo(String id) {
    Media m;
    synchronized (lock) {
      m = media.get(id);
    }
    if (m == null) {
      return error(400, 100, "33", "Unsupported get request. Object with ID '" + id
          + "' does not exist", "");
    }
    ObjectNode info = JSON.createObjectNode();
    info.put("messaging_product", "whatsapp");
    info.put("url", server.url("/download/" + phoneNumberId + "/" + id).toString());
    info.put("mime_type", m.mimeType());
    info.put("sha256", sha256(m.bytes()));
    info.put("file_size", m.bytes().length);
    info.put("id", id);
    return json(200, info.toString());
  }

  private MockResponse mediaBytes(String id) {
    Media m;
    synchronized (lock) {
      m = media.get(id);
    }
    if (m == null) {
      return new MockResponse.Builder().code(404).build();
    }
    return new MockResponse.Builder().code(200).addHeader("Content-Type", m.mimeType())
        .body(new okio.Buffer().write(m.bytes())).build();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .body(body).build();
  }

  private MockResponse error(int status, int code, String subcode, String message,
      String details) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode e = root.putObject("error");
    e.put("message", message);
    e.put("type", "OAuthException");
    e.put("code", code);
    if (subcode != null) {
      e.put("error_subcode", Integer.parseInt(subcode));
    }
    if (!details.isEmpty()) {
      ObjectNode data = e.putObject("error_data");
      data.put("messaging_product", "whatsapp");
      data.put("details", details);
    }
    e.put("fbtrace_id", "AbCdEf" + ids.incrementAndGet());
    return json(status, root.toString());
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the simulator. */
  @Override
  public void close() {
    server.close();
  }

  /** Configures a {@link WhatsAppSimulator}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Secret appSecret = Secret.of("simulated-app-secret");
    private Secret accessToken = Secret.of("simulated-access-token");
    private String phoneNumberId = "106540352242922";
    private String displayNumber = "31201234567";
    private String webhookPath = "/webhooks/whatsapp-main";
    private int throughput = 80;

    private Builder() {}

    /**
     * Sets the clock the window and the quota run on.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the app secret webhooks are signed with.
     *
     * @param secret the secret
     * @return this builder
     */
    public Builder appSecret(Secret secret) {
      this.appSecret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /**
     * Sets the access token accepted.
     *
     * @param token the token
     * @return this builder
     */
    public Builder accessToken(Secret token) {
      this.accessToken = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Sets the phone number id.
     *
     * @param id digits
     * @return this builder
     */
    public Builder phoneNumberId(String id) {
      this.phoneNumberId = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Sets the path the webhook requests carry, the channel's in the host.
     *
     * @param path such as {@code /webhooks/whatsapp-main}
     * @return this builder
     */
    public Builder webhookPath(String path) {
      this.webhookPath = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * Sets how many messages a second are accepted before error 130429.
     *
     * @param perSecond at least 1
     * @return this builder
     */
    public Builder throughput(int perSecond) {
      if (perSecond < 1) {
        throw new IllegalArgumentException("throughput must be positive");
      }
      this.throughput = perSecond;
      return this;
    }

    /**
     * Starts the simulator.
     *
     * @return the running simulator
     */
    public WhatsAppSimulator build() {
      return new WhatsAppSimulator(this);
    }
  }
}
