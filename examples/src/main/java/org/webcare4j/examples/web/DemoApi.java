package org.webcare4j.examples.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.ReplyDraft;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.HideComment;
import org.webcare4j.core.channel.PrivateReply;
import org.webcare4j.core.error.FourEyesViolationException;
import org.webcare4j.core.error.PublicationStateException;
import org.webcare4j.core.error.ReplyWindowClosedException;
import org.webcare4j.core.error.TextTooLongException;
import org.webcare4j.core.error.WebcareException;
import org.webcare4j.core.json.Json;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.ConversationState;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.MessageFlag;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;
import org.webcare4j.core.model.PublicationVariant;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.publish.CalendarDay;
import org.webcare4j.core.publish.CalendarEntry;
import org.webcare4j.core.publish.CalendarQuery;
import org.webcare4j.core.publish.ChannelReport;
import org.webcare4j.core.publish.InvalidPublicationException;
import org.webcare4j.core.publish.PublicationDraft;
import org.webcare4j.core.publish.PublicationReport;
import org.webcare4j.core.tone.Finding;
import org.webcare4j.core.tone.ToneBlockedException;
import org.webcare4j.core.tone.ToneReport;

/** The demo's JSON API under {@code /api/}: what the inbox and the planner pages call. */
final class DemoApi implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(DemoApi.class);
  private static final ObjectMapper JSON = Json.mapper();
  static final Map<String, AgentIdentity> AGENTS = Map.of(
      "sanne", new AgentIdentity("sanne", "Sanne", "SV"),
      "carla", new AgentIdentity("carla", "Carla", "CB"));

  /** The largest request body the demo API reads. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /** The session cookie's name. */
  static final String COOKIE = "webcare4j-demo";

  /** Who signed in with a session cookie, and that session's CSRF token. */
  private record SignedIn(String user, String csrf) {}

  private final Map<String, SignedIn> sessions = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.security.SecureRandom random = new java.security.SecureRandom();
  private final Demo demo;
  private final Webcare webcare;
  private final String origin;
  private final java.util.Set<String> hosts;

  /**
   * Creates the API.
   *
   * @param demo the demo
   * @param origin the demo's own origin, such as {@code http://127.0.0.1:8080}
   */
  DemoApi(Demo demo, String origin) {
    this.demo = demo;
    this.webcare = demo.webcare;
    this.origin = origin;
    String port = origin.substring(origin.lastIndexOf(':') + 1);
    this.hosts = java.util.Set.of("127.0.0.1:" + port, "localhost:" + port);
  }

  /**
   * Refuses what a page elsewhere or a rebound DNS name could make a browser send: a Host that is
   * not this demo's (DNS rebinding), a change whose Origin is another site's, and a change that
   * is not JSON (a cross-site form or text/plain post, which needs no CORS preflight).
   */
  private void guard(HttpExchange ex) {
    String host = Optional.ofNullable(ex.getRequestHeaders().getFirst("Host")).orElse("");
    if (!hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
      throw new Refused(403, error("Onbekende host; open de demo op " + origin + "."
          + " / Unknown host; open the demo at " + origin + "."));
    }
    if (!ex.getRequestMethod().equals("GET")) {
      String from = ex.getRequestHeaders().getFirst("Origin");
      if (from != null && !from.equals(origin)) {
        throw new Refused(403, error("Verzoek van een andere website geweigerd."
            + " / Request from another site refused."));
      }
      String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type"))
          .orElse("");
      if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
        throw new Refused(415, error("Stuur JSON (Content-Type: application/json)."
            + " / Send JSON (Content-Type: application/json)."));
      }
    }
  }

  private String token() {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /**
   * Signs a named demo user in: a session cookie ({@code HttpOnly; SameSite=Strict}) and a CSRF
   * token the page sends back in {@code X-CSRF-Token} with every change. There are no
   * passwords: the users are the demo's own, but who approves a publication is who signed in,
   * not a name any request may carry.
   */
  private JsonNode signIn(HttpExchange ex, JsonNode body) {
    String user = body.path("user").asText("");
    if (!AGENTS.containsKey(user)) {
      throw new Refused(400, error("Onbekende gebruiker. / Unknown user."));
    }
    signedIn(ex).ifPresent(old -> sessions.values().remove(old));
    String cookie = token();
    SignedIn session = new SignedIn(user, token());
    sessions.put(cookie, session);
    ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + cookie
        + "; Path=/; HttpOnly; SameSite=Strict");
    ObjectNode out = JSON.createObjectNode();
    out.put("user", user);
    out.put("csrf", session.csrf());
    return out;
  }

  private Optional<SignedIn> signedIn(HttpExchange ex) {
    for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";")) {
        String[] kv = part.strip().split("=", 2);
        if (kv.length == 2 && kv[0].equals(COOKIE) && sessions.containsKey(kv[1])) {
          return Optional.of(sessions.get(kv[1]));
        }
      }
    }
    return Optional.empty();
  }

  /** The signed-in user, checked for the CSRF token on a change; refused otherwise. */
  private String user(HttpExchange ex) {
    SignedIn session = signedIn(ex).orElseThrow(() -> new Refused(401,
        error("Meld u eerst aan. / Sign in first.")));
    if (!ex.getRequestMethod().equals("GET") && !java.security.MessageDigest.isEqual(
        session.csrf().getBytes(StandardCharsets.UTF_8),
        Optional.ofNullable(ex.getRequestHeaders().getFirst("X-CSRF-Token")).orElse("")
            .getBytes(StandardCharsets.UTF_8))) {
      throw new Refused(403, error("Het verzoek mist het juiste CSRF-token; laad de pagina"
          + " opnieuw. / The request lacks the right CSRF token; reload the page."));
    }
    return session.user();
  }

  private static JsonNode readBody(HttpExchange ex) throws IOException {
    byte[] raw;
    try (java.io.InputStream in = ex.getRequestBody()) {
      raw = in.readNBytes(MAX_BODY_BYTES + 1);
      if (raw.length > MAX_BODY_BYTES) {
        // read (and drop) a bounded rest, so that the client, still sending, can read the 413
        byte[] sink = new byte[8192];
        long skipped = 0;
        int n;
        while (skipped < 4 * 1024 * 1024 && (n = in.read(sink)) != -1) {
          skipped += n;
        }
        ex.getResponseHeaders().set("Connection", "close");
      }
    }
    if (raw.length > MAX_BODY_BYTES) {
      throw new Refused(413, error("Het verzoek is te groot (hoogstens 64 KiB)."
          + " / The request is too large (64 KiB at most)."));
    }
    if (raw.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(raw);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Refused(400, error("Het verzoek is geen geldige JSON."
          + " / The request is not valid JSON."));
    }
  }

  /** A refusal the page shows as it is. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final transient JsonNode body;

    Refused(int status, JsonNode body) {
      super(body.toString(), null, false, false);
      this.status = status;
      this.body = body;
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    int status = 200;
    JsonNode out;
    try {
      guard(ex);
      String[] path = ex.getRequestURI().getPath().substring("/api/".length()).split("/");
      JsonNode body = readBody(ex);
      String head = ex.getRequestMethod() + " " + path[0];
      if (head.equals("POST session")) {
        out = signIn(ex, body);
      } else if (head.equals("GET meta")) {
        out = route(ex.getRequestMethod(), path, query(ex), body);
      } else {
        // Who acts is who signed in: whatever name a request carries is replaced.
        String user = user(ex);
        if (body.isObject()) {
          ((ObjectNode) body).put("by", user).put("agent", user);
        }
        out = route(ex.getRequestMethod(), path, query(ex), body);
      }
    } catch (Refused e) {
      status = e.status;
      out = e.body;
    } catch (IllegalArgumentException | IllegalStateException | WebcareException e) {
      status = 400;
      out = error(e.getMessage());
    } catch (RuntimeException e) {
      log.error("demo API failed", e);
      status = 500;
      out = error("Er ging iets mis in de demo; zie het logboek van de server."
          + " / Something went wrong in the demo; see the server's log.");
    }
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(bytes);
    }
  }

  private static Map<String, String> query(HttpExchange ex) {
    String raw = ex.getRequestURI().getRawQuery();
    Map<String, String> q = new java.util.HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        q.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length < 2 ? ""
            : java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private JsonNode route(String method, String[] p, Map<String, String> q, JsonNode body) {
    String head = method + " " + p[0];
    switch (head) {
      case "GET meta":
        return meta();
      case "GET conversations":
        return p.length == 1 ? conversations(q) : conversation(ConversationId.of(p[1]));
      case "POST conversations":
        return conversationAction(ConversationId.of(p[1]), p[2], body);
      case "POST simulate":
        demo.inwonerWrites(ChannelId.of(body.path("channel").asText()),
            body.path("text").asText("Goedemiddag, ik heb een vraag over mijn afvalpas."));
        return ok();
      case "GET publications":
        return publications();
      case "POST publications":
        return p.length == 1 ? publication(webcare.publications().create(
            body.path("by").asText("sanne"), draft(body.path("draft"))))
            : p[1].equals("validate") ? report(webcare.publications().validate(
                draft(body.path("draft"))))
            : publicationAction(PublicationId.of(p[1]), p[2], body);
      case "GET calendar":
        return calendar(q);
      case "GET crisis":
        return crisis();
      case "POST crisis":
        if (p.length > 1 && p[1].equals("release")) {
          webcare.publications().releaseAll(body.path("by").asText("sanne"));
        } else {
          webcare.publications().crisisPause(body.path("by").asText("sanne"),
              body.path("reason").asText("crisis"));
        }
        return crisis();
      default:
        throw new Refused(404, error("no such route"));
    }
  }

  // ---- inbox ----

  private JsonNode meta() {
    ObjectNode out = JSON.createObjectNode();
    ArrayNode channels = out.putArray("channels");
    for (Channel c : webcare.channels()) {
      ObjectNode n = channels.addObject();
      n.put("id", c.id().value());
      n.put("kind", c.kind().name());
      n.put("publishes", c.supports(Capability.PUBLISHING));
      n.put("simulated", demo.simulated().containsKey(c.id()));
      n.put("label", demo.simulated().getOrDefault(c.id(), c.id().value()));
    }
    ArrayNode agents = out.putArray("agents");
    for (String id : List.of("sanne", "carla")) {
      agents.addObject().put("id", id).put("name", AGENTS.get(id).firstName()
          + (id.equals("carla") ? " (teamleider)" : " (webcare)"));
    }
    out.put("live", demo.live);
    return out;
  }

  private JsonNode conversations(Map<String, String> q) {
    InboxQuery.Builder query = InboxQuery.builder().limit(200);
    Optional.ofNullable(q.get("channel")).filter(v -> !v.isEmpty())
        .ifPresent(v -> query.channel(ChannelId.of(v)));
    Optional.ofNullable(q.get("state")).filter(v -> !v.isEmpty())
        .ifPresent(v -> query.state(ConversationState.valueOf(v)));
    Optional.ofNullable(q.get("flag")).filter(v -> !v.isEmpty())
        .ifPresent(v -> query.flag(MessageFlag.valueOf(v)));
    ArrayNode out = JSON.createArrayNode();
    Instant now = Instant.now();
    for (Conversation c : webcare.inbox().query(query.build()).items()) {
      ObjectNode n = summary(c, now);
      List<Message> messages = webcare.inbox().messages(c.id());
      if (!messages.isEmpty()) {
        n.put("lastText", messages.get(messages.size() - 1).text());
      }
      out.add(n);
    }
    return out;
  }

  private ObjectNode summary(Conversation c, Instant now) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", c.id().value());
    n.put("channel", c.channel().value());
    n.put("kind", webcare.channel(c.channel()).map(ch -> ch.kind().name()).orElse("?"));
    n.put("visibility", c.visibility().name());
    n.put("state", c.state().name());
    c.subject().ifPresent(s -> n.put("subject", s));
    c.assignee().ifPresent(a -> n.put("assignee", a));
    ArrayNode labels = n.putArray("labels");
    c.labels().forEach(labels::add);
    ArrayNode flags = n.putArray("flags");
    c.flags().forEach(f -> flags.add(f.name()));
    c.participants().stream().filter(p -> p.role().name().equals("INWONER")).findFirst()
        .ifPresent(p -> n.put("inwoner", p.displayName()));
    c.lastInboundAt().ifPresent(at -> n.put("waitingSeconds", Duration.between(at, now)
        .toSeconds()));
    n.put("lastActivityAt", c.lastActivityAt().toString());
    return n;
  }

  private JsonNode conversation(ConversationId id) {
    Conversation c = webcare.inbox().conversation(id)
        .orElseThrow(() -> new Refused(404, error("no such conversation")));
    ObjectNode out = summary(c, Instant.now());
    Optional<Channel> channel = webcare.channel(c.channel());
    out.put("canHide", channel.map(ch -> ch.supports(Capability.HIDE_COMMENTS)).orElse(false)
        && c.visibility() == Visibility.PUBLIC);
    out.put("canMovePrivate", channel.map(ch -> ch.supports(
        Capability.PRIVATE_REPLY_TO_COMMENT)).orElse(false) && c.visibility()
        == Visibility.PUBLIC);
    ArrayNode messages = out.putArray("messages");
    for (Message m : webcare.inbox().messages(id)) {
      ObjectNode n = messages.addObject();
      n.put("id", m.id().value());
      n.put("direction", m.direction().name());
      n.put("author", m.author().displayName());
      n.put("text", m.text());
      n.put("at", m.sentAt().toString());
      n.put("status", m.status().name());
      n.put("hidden", m.hidden());
      m.platformId().ifPresent(v -> n.put("platformId", v));
      ArrayNode f = n.putArray("flags");
      m.flags().forEach(x -> f.add(x.name()));
    }
    return out;
  }

  private JsonNode conversationAction(ConversationId id, String action, JsonNode body) {
    switch (action) {
      case "assign":
        webcare.inbox().assign(id, body.path("agent").asText("sanne"));
        return conversation(id);
      case "label":
        webcare.inbox().addLabel(id, body.path("label").asText());
        return conversation(id);
      case "resolve":
        webcare.inbox().setState(id, ConversationState.RESOLVED);
        return conversation(id);
      case "check":
        typing(id, !body.path("text").asText("").isBlank());
        return tone(draft(id, body).check(), true);
      case "reply":
        return reply(id, body);
      case "hide":
        return hide(id, body);
      case "private":
        return movePrivate(id, body);
      default:
        throw new Refused(404, error("no such action"));
    }
  }

  /** The composer checks as the agent types: a chat visitor sees "typing…" meanwhile. */
  private void typing(ConversationId id, boolean typing) {
    webcare.inbox().conversation(id).filter(c -> c.channel().equals(demo.webchat.id()))
        .ifPresent(c -> demo.webchat.agentTyping(c.platformThreadId(), typing));
  }

  private ReplyDraft draft(ConversationId id, JsonNode body) {
    AgentIdentity agent = AGENTS.getOrDefault(body.path("agent").asText("sanne"),
        AGENTS.get("sanne"));
    ReplyDraft d = webcare.compose(id).agent(agent).text(body.path("text").asText(""));
    latestInbound(id).flatMap(Message::platformId).ifPresent(d::inReplyTo);
    return d;
  }

  private Optional<Message> latestInbound(ConversationId id) {
    List<Message> all = webcare.inbox().messages(id);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).direction() == Direction.INBOUND) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  private JsonNode reply(ConversationId id, JsonNode body) {
    ReplyDraft d = draft(id, body);
    if (body.path("addSignOff").asBoolean(false)) {
      d.applyFixes();
    }
    String reason = body.path("overrideReason").asText("");
    if (!reason.isBlank()) {
      d.override(body.path("agent").asText("sanne"), reason);
    }
    try {
      OutboxEntry sent = d.send().await(Duration.ofSeconds(15));
      ObjectNode out = JSON.createObjectNode();
      out.put("state", sent.state().name());
      sent.failure().ifPresent(f -> out.put("failure", f.code() + ": " + f.reason()));
      out.set("conversation", conversation(id));
      return out;
    } catch (ToneBlockedException e) {
      ObjectNode out = (ObjectNode) tone(e.report(), false);
      out.put("blocked", true);
      throw new Refused(422, out);
    } catch (ReplyWindowClosedException | TextTooLongException e) {
      throw new Refused(422, error(e.getMessage()));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new Refused(504, error("the reply is queued; it was not confirmed in time"));
    }
  }

  private JsonNode hide(ConversationId id, JsonNode body) {
    Conversation c = webcare.inbox().conversation(id).orElseThrow();
    Message m = latestInbound(id).orElseThrow(() -> new Refused(400, error("nothing to hide")));
    OutboxEntry e = await(webcare.outbox().enqueue(new HideComment(c.channel(),
        c.platformThreadId(), m.platformId().orElseThrow(), true), "hide:" + m.id().value()));
    ObjectNode out = JSON.createObjectNode();
    out.put("state", e.state().name());
    return out;
  }

  private JsonNode movePrivate(ConversationId id, JsonNode body) {
    Conversation c = webcare.inbox().conversation(id).orElseThrow();
    Message m = latestInbound(id).orElseThrow(() -> new Refused(400, error("no comment")));
    AgentIdentity agent = AGENTS.getOrDefault(body.path("agent").asText("sanne"),
        AGENTS.get("sanne"));
    OutboxEntry e = await(webcare.outbox().enqueue(new PrivateReply(c.channel(), c.id(),
        c.platformThreadId(), m.platformId().orElseThrow(), agent.participant(),
        body.path("text").asText("We sturen je een privébericht, dan kun je je gegevens veilig"
            + " met ons delen. ^" + agent.firstName())), "private:" + m.id().value()));
    ObjectNode out = JSON.createObjectNode();
    out.put("state", e.state().name());
    return out;
  }

  private static OutboxEntry await(org.webcare4j.core.outbox.OutboxHandle h) {
    try {
      return h.await(Duration.ofSeconds(15));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new Refused(504, error("queued; not confirmed in time"));
    }
  }

  private static JsonNode tone(ToneReport report, boolean withFix) {
    ObjectNode out = JSON.createObjectNode();
    out.put("sendable", report.sendable());
    ArrayNode findings = out.putArray("findings");
    for (Finding f : report.findings()) {
      findings.add(finding(f));
    }
    if (withFix) {
      report.fixedText().ifPresent(t -> out.put("fixedText", t));
    }
    return out;
  }

  private static ObjectNode finding(Finding f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("rule", f.rule());
    n.put("severity", f.severity().name());
    n.put("start", f.span().start());
    n.put("end", f.span().end());
    n.put("message", f.message());
    f.suggestion().ifPresent(s -> n.put("suggestion", s));
    return n;
  }

  // ---- planner ----

  private static PublicationDraft draft(JsonNode d) {
    PublicationDraft.Builder b = PublicationDraft.text(d.path("text").asText(""));
    if (!d.path("link").asText("").isBlank()) {
      b.link(d.path("link").asText().strip());
    }
    if (!d.path("image").asText("").isBlank()) {
      b.media(Attachment.builder(AttachmentKind.IMAGE).url(d.path("image").asText().strip())
          .mimeType("image/jpeg").build());
    }
    for (JsonNode c : d.path("channels")) {
      b.channels(ChannelId.of(c.asText()));
    }
    d.path("variants").properties().forEach(e -> {
      if (!e.getValue().asText("").isBlank()) {
        b.variant(ChannelId.of(e.getKey()), PublicationVariant.text(e.getValue().asText()));
      }
    });
    return b.build();
  }

  private static JsonNode report(PublicationReport report) {
    ObjectNode out = JSON.createObjectNode();
    out.put("schedulable", report.schedulable());
    ObjectNode channels = out.putObject("channels");
    for (ChannelReport r : report.channels().values()) {
      ObjectNode n = channels.putObject(r.channel().value());
      n.put("length", r.length());
      n.put("maxLength", r.maxLength());
      ArrayNode f = n.putArray("findings");
      r.findings().forEach(x -> f.add(finding(x)));
    }
    return out;
  }

  private JsonNode publicationAction(PublicationId id, String action, JsonNode body) {
    String by = body.path("by").asText("sanne");
    try {
      Publication p = switch (action) {
        case "schedule" -> webcare.publications().schedule(id, by,
            LocalDateTime.parse(body.path("at").asText()));
        case "approve" -> webcare.publications().approve(id, by, body.path("comment").asText(""));
        case "reject" -> webcare.publications().reject(id, by,
            body.path("comment").asText("Graag aanpassen"));
        case "release" -> webcare.publications().release(id, by);
        case "retry" -> webcare.publications().retry(id, by);
        case "withdraw" -> webcare.publications().withdraw(id, by, "ingetrokken in de demo");
        default -> throw new Refused(404, error("no such action"));
      };
      return publication(p);
    } catch (InvalidPublicationException e) {
      ObjectNode out = (ObjectNode) report(e.report());
      out.put("error", e.getMessage());
      throw new Refused(422, out);
    } catch (FourEyesViolationException e) {
      throw new Refused(403, error(e.getMessage()));
    } catch (PublicationStateException e) {
      throw new Refused(409, error(e.getMessage()));
    }
  }

  private ObjectNode publication(Publication p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", p.id().value());
    n.put("author", p.author());
    n.put("text", p.text());
    n.put("state", p.state().name());
    p.scheduledFor().ifPresent(at -> n.put("scheduledFor", at.toLocalDateTime().toString()));
    ArrayNode channels = n.putArray("channels");
    p.results().values().forEach(r -> {
      ObjectNode c = channels.addObject();
      c.put("channel", r.channel().value());
      c.put("status", r.status().name());
      r.permalink().ifPresent(l -> c.put("permalink", l));
      r.failure().ifPresent(f -> c.put("failure", f.code() + ": " + f.reason()));
    });
    return n;
  }

  private JsonNode publications() {
    ArrayNode out = JSON.createArrayNode();
    for (PublicationState s : EnumSet.allOf(PublicationState.class)) {
      webcare.publications().list(s, 100).forEach(p -> out.add(publication(p)));
    }
    return out;
  }

  private JsonNode calendar(Map<String, String> q) {
    LocalDate from = Optional.ofNullable(q.get("from")).map(LocalDate::parse)
        .orElse(LocalDate.now());
    LocalDate to = Optional.ofNullable(q.get("to")).map(LocalDate::parse)
        .orElse(from.plusDays(6));
    ArrayNode out = JSON.createArrayNode();
    for (CalendarDay d : webcare.publications().calendar(CalendarQuery.between(from, to))) {
      ObjectNode day = out.addObject();
      day.put("date", d.date().toString());
      ArrayNode entries = day.putArray("entries");
      for (CalendarEntry e : d.entries()) {
        entries.addObject().put("publication", e.publication().value())
            .put("channel", e.channel().value()).put("time", e.at().toLocalTime().toString())
            .put("state", e.state().name()).put("text", e.text());
      }
    }
    return out;
  }

  private JsonNode crisis() {
    ObjectNode out = JSON.createObjectNode();
    webcare.publications().crisisPause().ifPresentOrElse(c -> {
      out.put("active", true);
      out.put("reason", c.reason());
      out.put("by", c.by());
      out.put("at", c.at().toString());
    }, () -> out.put("active", false));
    return out;
  }

  private static ObjectNode ok() {
    ObjectNode n = JSON.createObjectNode();
    n.put("ok", true);
    return n;
  }

  private static ObjectNode error(String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("error", message == null ? "error" : message);
    return n;
  }
}
