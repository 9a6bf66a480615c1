package org.webcare4j.webchat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.channel.ChannelContext;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.json.Json;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;
import org.webcare4j.webchat.internal.ChatSessions.Event;
import org.webcare4j.webchat.internal.ChatSessions.Listener;
import org.webcare4j.webchat.internal.ChatSessions.Session;

/**
 * The transport-neutral webchat endpoint: visitor sessions with secret tokens, messages in and
 * out, typing and waiting, opening hours, offline messages, transcripts, and the widget's files.
 * The HTTP adapters translate their server's requests into {@link Call} and write {@link Reply}
 * or a {@link Stream}. Sessions and their events are kept by {@link ChatSessions} in the channel's
 * journals, so they survive a restart and any instance on the store serves them.
 *
 * <p>Routes, under the adapter's mount point: {@code GET widget.js}, {@code GET widget.css},
 * {@code GET status}, {@code POST session}, {@code POST messages}, {@code POST stream/ticket},
 * {@code GET stream} (Server-Sent Events with a one-time {@code ticket} in the query, since an
 * {@code EventSource} cannot send headers, or the token as a bearer header; {@code Last-Event-ID}
 * resumes), {@code GET events?after=n} (long-poll), {@code GET transcript}, {@code POST
 * transcript/email}, {@code POST offline}. The session token itself is only ever sent in the
 * {@code Authorization} header, never in a URL, so it does not end up in access logs.
 */
public final class ChatEndpoint implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatEndpoint.class);
  private static final ObjectMapper JSON = Json.mapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]{1,255}\\.[A-Za-z]{2,24}");
  private static final int MAX_BODY = 16 * 1024;
  private static final Duration LONG_POLL = Duration.ofSeconds(25);
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final Duration TICKET_TTL = Duration.ofSeconds(60);
  private static final Duration TYPING_REFRESH = Duration.ofSeconds(10);
  private static final Duration SESSION_WINDOW = Duration.ofHours(1);

  /**
   * The endpoint's limits.
   *
   * @param maxLength the longest visitor message, in characters
   * @param perMinute the most messages one visitor sends per minute
   * @param sessionTtl how long an idle session lives
   * @param sessionsPerAddress the most sessions one client address starts per hour
   * @param maxSessions the most sessions alive at once
   * @param addressHeader the header a trusted reverse proxy puts the client's address in (its
   *     last entry counts), or empty to use the connection's address
   */
  public record Limits(int maxLength, int perMinute, Duration sessionTtl, int sessionsPerAddress,
      int maxSessions, Optional<String> addressHeader) {}

  /**
   * A request as an adapter hands it over.
   *
   * @param method the method
   * @param path the path under the mount point, without a leading slash
   * @param query the query parameters (first value each)
   * @param headers the headers, names in lower case
   * @param body the body
   * @param remoteAddress the address of the connection's other end
   */
  public record Call(String method, String path, Map<String, String> query,
      Map<String, String> headers, byte[] body, String remoteAddress) {
    /** Lower-cases header names. */
    public Call {
      Map<String, String> h = new HashMap<>();
      headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
      headers = Map.copyOf(h);
      query = Map.copyOf(query);
    }

    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name));
    }
  }

  /**
   * A complete answer.
   *
   * @param status the status
   * @param contentType the content type
   * @param headers extra headers
   * @param body the body
   */
  public record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {}

  /** An open response the endpoint writes to over time (SSE, long-poll). */
  public interface Stream {
    /**
     * Sends the status and headers; called once, first.
     *
     * @param status the status
     * @param contentType the content type
     * @param headers extra headers
     * @throws IOException when the client is gone
     */
    void start(int status, String contentType, Map<String, String> headers) throws IOException;

    /**
     * Writes and flushes text.
     *
     * @param text the text
     * @throws IOException when the client is gone
     */
    void write(String text) throws IOException;

    /** Ends the response. */
    void close();
  }

  private static final Duration FOLLOW = Duration.ofSeconds(1);
  private static final Duration FOLLOW_OVERLAP = Duration.ofSeconds(5);
  private static final Duration PRUNE = Duration.ofMinutes(10);

  private final ChannelId channel;
  private final Set<String> allowedOrigins;
  private final Hours hours;
  private final Limits limits;
  private final Optional<TranscriptMailerBridge> mailer;
  private final Clock clock;
  private final Supplier<Optional<ChannelContext>> context;
  private final ChatSessions sessions;
  private final Cache<String, Session> tickets;
  private final Cache<String, Deque<Instant>> startsByAddress;
  /** Offline messages per client address in the last hour. */
  private final Cache<String, Deque<Instant>> offlineByAddress;
  /** Per session: the one address its transcript may go to, and how often it went. */
  private final Cache<String, TranscriptMail> transcriptMails;
  private final java.util.concurrent.atomic.AtomicBoolean warnedNoProxyHeader =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Offline messages one address may leave in an hour. */
  static final int OFFLINE_PER_ADDRESS_PER_HOUR = 5;
  /** Times one chat's transcript may be mailed. */
  static final int TRANSCRIPT_MAILS_PER_SESSION = 2;
  /** Event streams and long-polls open at once on one session. */
  static final int STREAMS_PER_SESSION = 3;
  /** Event streams and long-polls open at once from one address. */
  static final int STREAMS_PER_ADDRESS = 30;

  /** The address a session's transcript goes to, fixed by its first request, and the count. */
  private static final class TranscriptMail {
    final String address;
    int sent;

    TranscriptMail(String address) {
      this.address = address;
    }
  }
  private volatile Instant followedUntil = Instant.EPOCH;
  private final Deque<Duration> replyTimes = new ArrayDeque<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "webcare4j-webchat-timer");
    t.setDaemon(true);
    return t;
  });

  /** Sends transcripts by e-mail, when the host configured a mailer. */
  public interface TranscriptMailerBridge {
    /**
     * Sends a transcript.
     *
     * @param to the visitor's address
     * @param subject the subject
     * @param body the transcript
     */
    void send(String to, String subject, String body);
  }

  /**
   * Creates the endpoint.
   *
   * @param channel the channel
   * @param allowedOrigins the origins whose pages may embed the chat
   * @param hours the opening hours
   * @param limits the limits
   * @param mailer sends transcripts by e-mail, if configured
   * @param clock the clock
   * @param context the channel's context once started
   */
  public ChatEndpoint(ChannelId channel, Set<String> allowedOrigins, Hours hours,
      Limits limits, Optional<TranscriptMailerBridge> mailer, Clock clock,
      Supplier<Optional<ChannelContext>> context) {
    this.channel = channel;
    this.allowedOrigins = Set.copyOf(allowedOrigins);
    this.hours = hours;
    this.limits = limits;
    this.mailer = mailer;
    this.clock = clock;
    this.context = context;
    this.tickets = Caffeine.newBuilder().expireAfterWrite(TICKET_TTL).build();
    this.startsByAddress = Caffeine.newBuilder().expireAfterAccess(SESSION_WINDOW)
        .maximumSize(100_000).build();
    this.offlineByAddress = Caffeine.newBuilder().expireAfterAccess(SESSION_WINDOW)
        .maximumSize(100_000).build();
    this.transcriptMails = Caffeine.newBuilder().expireAfterAccess(limits.sessionTtl())
        .maximumSize(100_000).build();
    this.sessions = new ChatSessions(context, clock, limits.sessionTtl(), s -> {
      for (Listener l : s.listeners) { // the widget notices and starts afresh
        s.listeners.remove(l);
        l.done = true;
        l.stream.close();
      }
    });
    timer.scheduleAtFixedRate(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
        TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::follow, FOLLOW.toMillis(), FOLLOW.toMillis(),
        TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::prune, PRUNE.toMillis(), PRUNE.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  // ---- routing ----

  /**
   * Tells whether a call gets a streamed answer ({@link #stream}) rather than a {@link Reply}.
   *
   * @param call the call
   * @return true for the event stream and long-poll
   */
  public boolean streams(Call call) {
    return call.method().equals("GET") && (call.path().equals("stream")
        || call.path().equals("events"));
  }

  /**
   * Answers a call that is not streamed.
   *
   * @param call the call
   * @return the answer
   */
  public Reply handle(Call call) {
    try {
      if (call.method().equals("GET") && (call.path().equals("widget.js")
          || call.path().equals("widget.css"))) {
        return resource(call.path());
      }
      Optional<String> origin = call.header("origin");
      if (origin.isPresent() && !allowedOrigins.contains(origin.get())) {
        log.info("{}: refused a call from origin {}", channel, origin.get());
        return json(403, error("origin not allowed"), Map.of());
      }
      Map<String, String> cors = cors(origin);
      if (call.method().equals("OPTIONS")) {
        return new Reply(204, "text/plain", cors, new byte[0]);
      }
      if (call.body().length > MAX_BODY) {
        return json(413, error("request too large"), cors);
      }
      return switch (call.method() + " " + call.path()) {
        case "GET status" -> json(200, status(), cors);
        case "POST session" -> session(call, cors);
        case "POST stream/ticket" -> ticket(call, cors);
        case "POST messages" -> message(call, cors);
        case "POST offline" -> offline(call, cors);
        case "GET transcript" -> transcript(call, cors);
        case "POST transcript/email" -> emailTranscript(call, cors);
        default -> json(404, error("no such route"), cors);
      };
    } catch (BadRequest e) {
      return json(e.status, error(e.getMessage()), cors(call.header("origin")
          .filter(allowedOrigins::contains)));
    }
  }

  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private Map<String, String> cors(Optional<String> origin) {
    if (origin.isEmpty()) {
      return Map.of();
    }
    return Map.of("Access-Control-Allow-Origin", origin.get(), "Vary", "Origin",
        "Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID",
        "Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  }

  private Reply resource(String name) {
    try (InputStream in = ChatEndpoint.class.getResourceAsStream(
        "/org/webcare4j/webchat/" + name)) {
      if (in == null) {
        return json(404, error("no such file"), Map.of());
      }
      return new Reply(200, name.endsWith(".js") ? "text/javascript; charset=utf-8"
          : "text/css; charset=utf-8", Map.of("Cache-Control", "public, max-age=300"),
          in.readAllBytes());
    } catch (IOException e) {
      return json(500, error("could not read " + name), Map.of());
    }
  }

  // ---- sessions ----

  private Session session(Call call) {
    String auth = call.header("authorization").filter(h -> h.startsWith("Bearer "))
        .map(h -> h.substring(7))
        .orElseThrow(() -> new BadRequest(401, "a session token is required"));
    return sessions.byToken(auth)
        .orElseThrow(() -> new BadRequest(401, "unknown or expired session"));
  }

  /** The session of an event stream: a one-time ticket, else the bearer token. */
  private Session streamSession(Call call) {
    String ticket = call.query().get("ticket");
    if (ticket == null) {
      return session(call);
    }
    Session s = tickets.asMap().remove(ChatSessions.digest(ticket));
    if (s == null) {
      throw new BadRequest(401, "unknown, used or expired ticket");
    }
    return s;
  }

  private Reply ticket(Call call, Map<String, String> cors) {
    Session s = session(call);
    String ticket = newSecret();
    tickets.put(ChatSessions.digest(ticket), s);
    ObjectNode out = JSON.createObjectNode();
    out.put("ticket", ticket);
    out.put("expiresIn", TICKET_TTL.toSeconds());
    Map<String, String> headers = new LinkedHashMap<>(cors);
    headers.put("Cache-Control", "no-store");
    return json(201, out, headers);
  }

  private static String newSecret() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** The client's address: the trusted proxy's header's last entry, else the connection's. */
  private String clientAddress(Call call) {
    Optional<String> behindProxy = limits.addressHeader()
        .flatMap(h -> call.header(h.toLowerCase(Locale.ROOT)))
        .map(v -> v.substring(v.lastIndexOf(',') + 1).strip()).filter(v -> !v.isEmpty());
    if (limits.addressHeader().isPresent() && behindProxy.isEmpty()
        && warnedNoProxyHeader.compareAndSet(false, true)) {
      log.warn("{}: clientAddressHeader {} is set but a request came without it: is the chat"
          + " served behind the trusted proxy that sets it? Without that proxy a client picks"
          + " its own address.", channel, limits.addressHeader().get());
    }
    return behindProxy.orElse(call.remoteAddress());
  }

  /** Takes one from a per-key sliding hourly allowance; the wait when none is left. */
  private Optional<Duration> take(Cache<String, Deque<Instant>> windows, String key, int max) {
    Instant now = clock.instant();
    Deque<Instant> taken = windows.get(key, a -> new ArrayDeque<>());
    synchronized (taken) {
      while (!taken.isEmpty() && !taken.peekFirst().isAfter(now.minus(SESSION_WINDOW))) {
        taken.pollFirst();
      }
      if (taken.size() >= max) {
        return Optional.of(Duration.between(now, taken.peekFirst().plus(SESSION_WINDOW)));
      }
      taken.addLast(now);
      return Optional.empty();
    }
  }

  private static Reply tooMany(Duration wait, String message, Map<String, String> cors) {
    Map<String, String> headers = new LinkedHashMap<>(cors);
    headers.put("Retry-After", String.valueOf(Math.max(1, wait.toSeconds() + 1)));
    return json(429, error(message), headers);
  }

  /** Counts a session start against its address; refuses beyond the hourly allowance. */
  private Optional<Reply> refuseStart(Call call, Map<String, String> cors) {
    Instant now = clock.instant();
    Deque<Instant> starts = startsByAddress.get(clientAddress(call), a -> new ArrayDeque<>());
    synchronized (starts) {
      while (!starts.isEmpty() && !starts.peekFirst().isAfter(now.minus(SESSION_WINDOW))) {
        starts.pollFirst();
      }
      if (starts.size() >= limits.sessionsPerAddress()) {
        Duration wait = Duration.between(now, starts.peekFirst().plus(SESSION_WINDOW));
        Map<String, String> headers = new LinkedHashMap<>(cors);
        headers.put("Retry-After", String.valueOf(Math.max(1, wait.toSeconds() + 1)));
        log.info("{}: refused a new chat session, {} started from one address within the hour",
            channel, starts.size());
        return Optional.of(json(429, error("too many new chats; wait a while"), headers));
      }
      long open = sessions.open();
      if (open >= limits.maxSessions()) {
        log.warn("{}: refused a new chat session, {} sessions are open", channel, open);
        Map<String, String> headers = new LinkedHashMap<>(cors);
        headers.put("Retry-After", "60");
        return Optional.of(json(503, error("the chat is full; try again later"), headers));
      }
      starts.addLast(now);
      return Optional.empty();
    }
  }

  private Reply session(Call call, Map<String, String> cors) {
    JsonNode body = body(call);
    String lang = body.path("lang").asText("nl").startsWith("en") ? "en" : "nl";
    Optional<Reply> refused = refuseStart(call, cors);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (context.get().isEmpty()) {
      throw new BadRequest(503, "the chat is starting; try again");
    }
    String token = newSecret();
    Session s = sessions.create(token, lang);
    ObjectNode out = status();
    out.put("token", token);
    out.put("session", s.id);
    return json(201, out, cors);
  }

  private JsonNode body(Call call) {
    if (call.body().length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode n = JSON.readTree(call.body());
      if (n == null || !n.isObject()) {
        throw new BadRequest(400, "the body is not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new BadRequest(400, "the body is not JSON");
    }
  }

  // ---- messages ----

  private Reply message(Call call, Map<String, String> cors) {
    Session s = session(call);
    JsonNode body = body(call);
    String text = body.path("text").asText("").strip();
    String clientId = body.path("clientId").asText("");
    if (text.isEmpty()) {
      throw new BadRequest(400, "text is required");
    }
    if (text.codePointCount(0, text.length()) > limits.maxLength()) {
      throw new BadRequest(413, "the message is longer than " + limits.maxLength()
          + " characters");
    }
    if (!clientId.matches("[A-Za-z0-9\\-_]{1,64}")) {
      throw new BadRequest(400, "clientId is required: 1 to 64 letters, digits, - or _");
    }
    Instant now = clock.instant();
    Event event;
    synchronized (s) {
      sessions.refresh(s); // another instance may have taken this very message
      Long known = s.clientIds.get(clientId);
      if (known != null) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", known);
        return json(200, out, cors); // a retry: stored once
      }
      while (!s.recent.isEmpty() && s.recent.peekFirst().isBefore(now.minusSeconds(60))) {
        s.recent.pollFirst();
      }
      if (s.recent.size() >= limits.perMinute()) {
        Duration wait = Duration.between(now, s.recent.peekFirst().plusSeconds(60));
        Map<String, String> headers = new LinkedHashMap<>(cors);
        headers.put("Retry-After", String.valueOf(Math.max(1, wait.toSeconds() + 1)));
        return json(429, error("too many messages; wait a moment"), headers);
      }
      ChannelContext ctx = context.get().orElseThrow(() -> new BadRequest(503,
          "the chat is starting; try again"));
      ctx.ingest(List.of(MessageReceived.text(channel, s.thread + ":" + clientId, s.thread,
          Participant.inwoner("visitor:" + s.id, s.lang.equals("en") ? "Visitor" : "Bezoeker"),
          text, now)));
      s.recent.addLast(now);
      ObjectNode data = JSON.createObjectNode();
      data.put("from", "visitor");
      data.put("text", text);
      data.put("clientId", clientId);
      data.put("at", now.toString());
      event = sessions.append(s, "message", data);
    }
    deliver(s);
    ObjectNode out = JSON.createObjectNode();
    out.put("id", event.id());
    return json(201, out, cors);
  }

  /**
   * Delivers an agent's reply to the visitor's session, once per idempotency key.
   *
   * @param thread the conversation's thread id
   * @param author the agent's display name
   * @param text the reply
   * @param key the outbox entry's idempotency key
   * @return the event's id
   * @throws IllegalStateException when the session is gone
   */
  public long reply(String thread, String author, String text, String key) {
    Session s = sessions.byThread(thread).orElseThrow(() -> new IllegalStateException(
        "the visitor's chat session has ended"));
    Event e;
    synchronized (s) {
      sessions.refresh(s);
      Long known = s.replyKeys.get(key);
      if (known != null) {
        return known; // the attempt that broke off had delivered it
      }
      boolean first = s.firstReply == null && s.firstInbound != null;
      ObjectNode data = JSON.createObjectNode();
      data.put("from", "agent");
      data.put("author", author);
      data.put("text", text);
      data.put("at", clock.instant().toString());
      data.put("key", key);
      e = sessions.append(s, "message", data);
      if (first && s.firstReply != null) {
        synchronized (replyTimes) {
          replyTimes.addLast(Duration.between(s.firstInbound, s.firstReply));
          while (replyTimes.size() > 50) {
            replyTimes.pollFirst();
          }
        }
      }
    }
    deliver(s);
    return e.id();
  }

  /**
   * Finds the reply delivered under an idempotency key, for the outbox after an attempt broke
   * off.
   *
   * @param thread the conversation's thread id
   * @param key the idempotency key
   * @return the event's id, or empty when it was not delivered (or the session is gone)
   */
  public Optional<Long> delivered(String thread, String key) {
    Optional<Session> found = sessions.byThread(thread);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Session s = found.get();
    synchronized (s) {
      sessions.refresh(s);
      return Optional.ofNullable(s.replyKeys.get(key));
    }
  }

  /**
   * Shows or hides "typing…" in the visitor's widget.
   *
   * @param thread the conversation's thread id
   * @param typing whether the agent is typing
   * @return false when the session is gone
   */
  public boolean typing(String thread, boolean typing) {
    Optional<Session> found = sessions.byThread(thread);
    if (found.isEmpty()) {
      return false;
    }
    Session s = found.get();
    boolean changed;
    synchronized (s) {
      changed = setTyping(s, typing, clock.instant());
    }
    if (changed) {
      deliver(s);
    }
    return true;
  }

  /**
   * Records the agent's typing as an event when it changes, or when "typing" was last said
   * {@link #TYPING_REFRESH} ago (the widget hides it after a while without news); not once per
   * keystroke.
   */
  private boolean setTyping(Session s, boolean typing, Instant now) {
    if (typing == s.typing && (!typing || now.isBefore(s.typingAt.plus(TYPING_REFRESH)))) {
      return false;
    }
    ObjectNode data = JSON.createObjectNode();
    data.put("typing", typing);
    sessions.append(s, "typing", data);
    return true;
  }

  // ---- status and waiting ----

  private ObjectNode status() {
    Instant now = clock.instant();
    ObjectNode out = JSON.createObjectNode();
    boolean open = hours.isOpen(now);
    out.put("open", open);
    hours.nextOpening(now).filter(z -> !open)
        .ifPresent(z -> out.put("opensAt", z.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
    long waiting = sessions.loaded().stream().filter(x -> x.firstInbound != null
        && x.firstReply == null).count();
    out.put("waiting", waiting);
    Optional<Duration> typical = typicalReply();
    if (open && typical.isPresent()) {
      // Honest: what the last chats took to a first answer, times the visitors ahead.
      out.put("expectedWaitSeconds", typical.get().multipliedBy(Math.max(1, waiting))
          .toSeconds());
    }
    return out;
  }

  private Optional<Duration> typicalReply() {
    synchronized (replyTimes) {
      if (replyTimes.size() < 3) {
        return Optional.empty();
      }
      List<Duration> sorted = new ArrayList<>(replyTimes);
      sorted.sort(null);
      return Optional.of(sorted.get(sorted.size() / 2));
    }
  }

  // ---- offline messages and transcripts ----

  private Reply offline(Call call, Map<String, String> cors) {
    JsonNode body = body(call);
    String email = body.path("email").asText("").strip();
    String text = body.path("text").asText("").strip();
    if (!EMAIL.matcher(email).matches()) {
      throw new BadRequest(400, "a valid e-mail address is required for the answer");
    }
    if (text.isEmpty() || text.codePointCount(0, text.length()) > limits.maxLength()) {
      throw new BadRequest(text.isEmpty() ? 400 : 413, "text is required, at most "
          + limits.maxLength() + " characters");
    }
    ChannelContext ctx = context.get().orElseThrow(() -> new BadRequest(503,
        "the chat is starting; try again"));
    Optional<Duration> wait = take(offlineByAddress, clientAddress(call),
        OFFLINE_PER_ADDRESS_PER_HOUR);
    if (wait.isPresent()) {
      log.info("{}: refused an offline message, {} left from one address within the hour",
          channel, OFFLINE_PER_ADDRESS_PER_HOUR);
      return tooMany(wait.get(), "too many messages; wait a while", cors);
    }
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    ctx.ingest(List.of(new MessageReceived(channel, "offline:" + id, "offline:" + id,
        Participant.inwoner("email:" + email.toLowerCase(Locale.ROOT), email), text, List.of(),
        Optional.empty(), Optional.of("Chatbericht buiten openingstijden; antwoord per e-mail aan "
            + email), now)));
    ObjectNode out = JSON.createObjectNode();
    out.put("received", true);
    hours.nextOpening(now).ifPresent(z -> out.put("opensAt",
        z.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
    return json(202, out, cors);
  }

  private String transcriptText(Session s) {
    StringBuilder out = new StringBuilder();
    boolean en = s.lang.equals("en");
    out.append(en ? "Chat transcript, started " : "Verslag van het chatgesprek, begonnen ")
        .append(ZonedDateTime.ofInstant(s.startedAt, hours.zone())
            .format(DateTimeFormatter.ofPattern("d-M-yyyy HH:mm"))).append("\n\n");
    for (Event e : sessions.all(s)) { // from the journal: the whole chat, however long
      if (!e.type().equals("message")) {
        continue;
      }
      String who = e.data().path("from").asText().equals("visitor") ? (en ? "You" : "U")
          : e.data().path("author").asText(en ? "Team" : "Team");
      String at = ZonedDateTime.ofInstant(Instant.parse(e.data().path("at").asText()),
          hours.zone()).format(DateTimeFormatter.ofPattern("HH:mm"));
      out.append('[').append(at).append("] ").append(who).append(": ")
          .append(e.data().path("text").asText()).append('\n');
    }
    return out.toString();
  }

  private Reply transcript(Call call, Map<String, String> cors) {
    Session s = session(call);
    Map<String, String> headers = new LinkedHashMap<>(cors);
    headers.put("Content-Disposition", "attachment; filename=\"chat-" + s.id.substring(0, 8)
        + ".txt\"");
    headers.put("Cache-Control", "no-store");
    return new Reply(200, "text/plain; charset=utf-8", headers,
        transcriptText(s).getBytes(StandardCharsets.UTF_8));
  }

  private Reply emailTranscript(Call call, Map<String, String> cors) {
    Session s = session(call);
    if (mailer.isEmpty()) {
      throw new BadRequest(404, "transcripts by e-mail are not offered");
    }
    String email = body(call).path("email").asText("").strip();
    if (!EMAIL.matcher(email).matches()) {
      throw new BadRequest(400, "a valid e-mail address is required");
    }
    // A transcript goes to the one address the visitor gave first in this chat, at most twice:
    // the endpoint must not relay mail to whatever addresses a script supplies.
    TranscriptMail sent = transcriptMails.get(s.id, id -> new TranscriptMail(
        email.toLowerCase(Locale.ROOT)));
    synchronized (sent) {
      if (!sent.address.equals(email.toLowerCase(Locale.ROOT))) {
        throw new BadRequest(403, "this chat's transcript goes only to the address given first");
      }
      if (sent.sent >= TRANSCRIPT_MAILS_PER_SESSION) {
        throw new BadRequest(429, "this chat's transcript was sent already");
      }
      sent.sent++;
    }
    mailer.get().send(email, s.lang.equals("en") ? "Your chat transcript"
        : "Verslag van uw chatgesprek", transcriptText(s));
    ObjectNode out = JSON.createObjectNode();
    out.put("sent", true);
    return json(202, out, cors);
  }

  // ---- streams ----

  /**
   * Serves the event stream ({@code stream}: Server-Sent Events) or a long-poll ({@code
   * events?after=n}): first the events after the position the client names, then new ones.
   *
   * @param call the call
   * @param out the open response
   */
  public void stream(Call call, Stream out) {
    Optional<String> origin = call.header("origin");
    try {
      if (origin.isPresent() && !allowedOrigins.contains(origin.get())) {
        out.start(403, "application/json", Map.of());
        out.write(error("origin not allowed").toString());
        out.close();
        return;
      }
      Map<String, String> cors = cors(origin);
      Session s;
      try {
        s = streamSession(call);
      } catch (BadRequest e) {
        out.start(e.status, "application/json", cors);
        out.write(error(e.getMessage()).toString());
        out.close();
        return;
      }
      boolean sse = call.path().equals("stream");
      long after = parseLong(sse ? call.header("last-event-id").orElse(call.query()
          .getOrDefault("lastEventId", "0")) : call.query().getOrDefault("after", "0"));
      Map<String, String> headers = new LinkedHashMap<>(cors);
      headers.put("Cache-Control", "no-store");
      String address = clientAddress(call);
      long fromAddress;
      int onSession;
      synchronized (s) {
        onSession = s.listeners.size();
      }
      fromAddress = sessions.loaded().stream().flatMap(x -> x.listeners.stream())
          .filter(x -> x.address.equals(address)).count();
      if (onSession >= STREAMS_PER_SESSION || fromAddress >= STREAMS_PER_ADDRESS) {
        Map<String, String> refused = new LinkedHashMap<>(cors);
        refused.put("Retry-After", "10");
        out.start(429, "application/json", refused);
        out.write(error("too many open streams; close one first").toString());
        out.close();
        return;
      }
      Listener l = new Listener(out, sse, after, address);
      if (sse) {
        out.start(200, "text/event-stream; charset=utf-8", headers);
        out.write("retry: 2000\n\n");
        List<Event> backlog;
        synchronized (s) {
          backlog = sessions.since(s, after);
          s.listeners.add(l);
        }
        write(l, backlog);
      } else {
        // Started before the listener is registered: an event delivered at once must find the
        // response ready to write to.
        out.start(200, "application/json", headers);
        List<Event> backlog;
        synchronized (s) {
          backlog = sessions.since(s, after);
          if (backlog.isEmpty()) {
            s.listeners.add(l);
          }
        }
        if (!backlog.isEmpty()) {
          write(l, backlog);
        } else {
          timer.schedule(() -> {
            if (s.listeners.remove(l)) {
              write(l, List.of());
            }
          }, LONG_POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (IOException e) {
      out.close();
    }
  }

  private static long parseLong(String v) {
    try {
      return Math.max(0, Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void deliver(Session s) {
    for (Listener l : s.listeners) {
      List<Event> events;
      synchronized (s) {
        events = sessions.since(s, l.position);
      }
      if (events.isEmpty()) {
        continue;
      }
      if (l.sse || s.listeners.remove(l)) {
        write(l, events);
      }
    }
  }

  /** Writes events to a listener; a long-poll is answered once and closed. */
  private void write(Listener l, List<Event> events) {
    if (l.done) {
      return;
    }
    try {
      if (l.sse) {
        // Deliveries may race: under the listener's lock each event goes out once, in order.
        synchronized (l) {
          StringBuilder out = new StringBuilder();
          for (Event e : events) {
            if (e.id() <= l.position) {
              continue;
            }
            ObjectNode data = e.data().deepCopy();
            data.put("id", e.id());
            data.put("type", e.type());
            out.append("id: ").append(e.id()).append("\nevent: ").append(e.type())
                .append("\ndata: ").append(data).append("\n\n");
            l.position = e.id();
          }
          if (out.length() > 0) {
            l.stream.write(out.toString());
          }
        }
      } else {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("events");
        for (Event e : events) {
          ObjectNode data = e.data().deepCopy();
          data.put("id", e.id());
          data.put("type", e.type());
          list.add(data);
        }
        l.done = true;
        l.stream.write(root.toString());
        l.stream.close();
      }
    } catch (IOException | RuntimeException e) {
      // A visitor's broken connection must not fail the delivery itself: the event is kept and
      // the widget gets it when it reconnects.
      l.done = true;
      l.stream.close();
    }
  }

  private void heartbeat() {
    for (Session s : sessions.loaded()) {
      for (Listener l : s.listeners) {
        if (!l.sse) {
          continue;
        }
        sessions.touch(s); // a visitor with the chat open is not idle
        try {
          synchronized (l) {
            l.stream.write(": keep-alive\n\n");
          }
        } catch (IOException e) {
          l.done = true;
          s.listeners.remove(l);
          l.stream.close();
        }
      }
    }
  }

  /**
   * Follows what other instances on the same store wrote to the sessions this one streams:
   * once a second, while anyone is connected here.
   */
  private void follow() {
    try {
      if (sessions.loaded().stream().allMatch(s -> s.listeners.isEmpty())) {
        return;
      }
      Optional<ChannelContext> ctx = context.get();
      if (ctx.isEmpty()) {
        return;
      }
      Instant now = ctx.get().clock().instant();
      // Sessions are loaded whole; from then on, what changed lately (with a margin for
      // transactions that committed late and clocks a little apart).
      Instant from = (followedUntil.equals(Instant.EPOCH) ? now : followedUntil)
          .minus(FOLLOW_OVERLAP);
      followedUntil = now;
      for (String thread : sessions.changedSince(from)) {
        Optional<Session> found = sessions.byThread(thread);
        if (found.isPresent()) {
          Session s = found.get();
          boolean fresh;
          synchronized (s) {
            fresh = sessions.refresh(s);
          }
          if (fresh) {
            deliver(s);
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("{}: could not follow the chat journals; trying again", channel, e);
    }
  }

  private void prune() {
    try {
      int deleted = sessions.prune();
      if (deleted > 0) {
        log.debug("{}: deleted {} records of ended chats", channel, deleted);
      }
    } catch (RuntimeException e) {
      log.warn("{}: could not delete ended chats; trying again later", channel, e);
    }
  }

  // ---- helpers ----

  private static ObjectNode error(String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("error", message);
    return n;
  }

  private static Reply json(int status, JsonNode body, Map<String, String> headers) {
    return new Reply(status, "application/json", headers,
        body.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    timer.shutdownNow();
    for (Session s : sessions.loaded()) {
      for (Listener l : s.listeners) {
        l.done = true;
        l.stream.close();
      }
    }
  }

  @Override
  public String toString() {
    return "ChatEndpoint[" + channel + "]";
  }
}
