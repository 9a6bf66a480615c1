package org.webcare4j.webchat.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.webcare4j.core.channel.ChannelContext;
import org.webcare4j.core.channel.JournalEntry;
import org.webcare4j.core.json.Json;

/**
 * The visitors' chat sessions. Each session is a journal in the store ({@code chat:<id>}): its
 * first record says when it started and in which language, every record after it is an event
 * the visitor sees (a message either way, typing), numbered by the store — and those numbers are
 * the event ids the widget resumes from. So a session survives a restart, any instance on the
 * same store can serve it, and the same event has the same id everywhere. Memory holds the
 * sessions in use, with their latest events.
 */
final class ChatSessions {
  static final String PREFIX = "chat:";
  private static final ObjectMapper JSON = Json.mapper();
  private static final int MAX_LOG = 1000;

  /** One event in a session, numbered as in its journal. */
  record Event(long id, String type, ObjectNode data) {}

  /** A registered listener on a session's events. */
  static final class Listener {
    final ChatEndpoint.Stream stream;
    final boolean sse;
    final String address;
    volatile boolean done;
    long position;

    Listener(ChatEndpoint.Stream stream, boolean sse, long position, String address) {
      this.stream = stream;
      this.sse = sse;
      this.position = position;
      this.address = address;
    }
  }

  /** A visitor's chat; guarded by its own monitor. */
  static final class Session {
    final String id;
    final String thread;
    final String lang;
    final Instant startedAt;
    final TreeMap<Long, Event> log = new TreeMap<>();
    final Map<String, Long> clientIds = new HashMap<>();
    final Map<String, Long> replyKeys = new HashMap<>();
    final Deque<Instant> recent = new ArrayDeque<>();
    final List<Listener> listeners = new CopyOnWriteArrayList<>();
    long last = 1; // the journal's session record
    boolean trimmed;
    Instant firstInbound;
    Instant firstReply;
    boolean typing;
    Instant typingAt = Instant.EPOCH;

    Session(String id, String lang, Instant startedAt) {
      this.id = id;
      this.thread = PREFIX + id;
      this.lang = lang;
      this.startedAt = startedAt;
    }
  }

  private final Supplier<Optional<ChannelContext>> context;
  private final Clock clock;
  private final Duration ttl;
  private final Cache<String, Session> byId;
  private final Map<String, Session> byThread = new ConcurrentHashMap<>();

  ChatSessions(Supplier<Optional<ChannelContext>> context, Clock clock, Duration ttl,
      Consumer<Session> evicted) {
    this.context = context;
    this.clock = clock;
    this.ttl = ttl;
    this.byId = Caffeine.newBuilder().expireAfterAccess(ttl)
        .scheduler(Scheduler.systemScheduler())
        .<String, Session>removalListener((k, s, cause) -> {
          if (s != null && cause.wasEvicted()) {
            byThread.remove(s.thread, s);
            evicted.accept(s);
          }
        }).build();
  }

  /** The session id a token stands for: one-way, so a thread id reveals nothing of the token. */
  static String idOf(String token) {
    return digest("webcare4j-chat-session:" + token).substring(0, 32);
  }

  /** SHA-256 of a secret, in hex: how tokens and tickets are kept. */
  static String digest(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private ChannelContext ctx() {
    return context.get().orElseThrow(() -> new IllegalStateException("the chat is starting"));
  }

  /**
   * Starts a session for a new token.
   *
   * @throws IllegalStateException when the channel has not started
   */
  Session create(String token, String lang) {
    Session s = new Session(idOf(token), lang, clock.instant());
    ObjectNode start = JSON.createObjectNode();
    start.put("type", "session");
    start.put("lang", lang);
    start.put("startedAt", s.startedAt.toString());
    long seq = ctx().appendJournal(s.thread, start.toString());
    if (seq != 1) {
      throw new IllegalStateException("a new session's journal was not empty");
    }
    byId.put(s.id, s);
    byThread.put(s.thread, s);
    return s;
  }

  /** The session of a token: in memory, else from its journal unless it ended. */
  Optional<Session> byToken(String token) {
    String id = idOf(token);
    Session s = byId.getIfPresent(id);
    return s != null ? Optional.of(s) : load(PREFIX + id);
  }

  /** The session of a conversation's thread, in memory or from its journal. */
  Optional<Session> byThread(String thread) {
    Session s = byThread.get(thread);
    if (s != null) {
      return Optional.of(s);
    }
    return thread.startsWith(PREFIX) ? load(thread) : Optional.empty();
  }

  /** The sessions in memory. */
  Collection<Session> loaded() {
    return byThread.values();
  }

  /** Keeps a session with an open stream from expiring while nothing is said. */
  void touch(Session s) {
    byId.getIfPresent(s.id);
  }

  long open() {
    byId.cleanUp();
    return byId.estimatedSize();
  }

  private Optional<Session> load(String thread) {
    Optional<ChannelContext> ctx = context.get();
    if (ctx.isEmpty()) {
      return Optional.empty();
    }
    List<JournalEntry> entries = ctx.get().readJournal(thread, 0);
    // The journal's times are the library's clock's.
    if (entries.isEmpty() || entries.get(entries.size() - 1).at().plus(ttl)
        .isBefore(ctx.get().clock().instant())) {
      return Optional.empty();
    }
    ObjectNode start = parse(entries.get(0));
    if (!start.path("type").asText().equals("session")) {
      return Optional.empty();
    }
    Session loaded = new Session(thread.substring(PREFIX.length()),
        start.path("lang").asText("nl"), Instant.parse(start.path("startedAt").asText()));
    synchronized (loaded) {
      entries.stream().skip(1).forEach(e -> apply(loaded, e));
    }
    // Two calls may load one session at once: the first one kept wins.
    Session s = byId.asMap().computeIfAbsent(loaded.id, k -> loaded);
    byThread.putIfAbsent(s.thread, s);
    return Optional.of(s);
  }

  /**
   * Appends an event to a session, in its journal first; returns it with the number the store
   * gave it. Call under the session's monitor.
   */
  Event append(Session s, String type, ObjectNode data) {
    ObjectNode record = data.deepCopy();
    record.put("type", type);
    long seq = ctx().appendJournal(s.thread, record.toString());
    if (seq != s.last + 1) {
      refresh(s); // another instance wrote in between: take its events too, in order
    } else {
      apply(s, new JournalEntry(s.thread, seq, clock.instant(), record.toString()));
    }
    return s.log.get(seq);
  }

  /**
   * Reads what other instances appended to a session's journal. Call under its monitor.
   *
   * @return whether there was anything new
   */
  boolean refresh(Session s) {
    Optional<ChannelContext> ctx = context.get();
    if (ctx.isEmpty()) {
      return false;
    }
    long before = s.last;
    ctx.get().readJournal(s.thread, s.last).forEach(e -> apply(s, e));
    return s.last > before;
  }

  /** The events after a position, from memory or, for what memory no longer holds, the journal. */
  List<Event> since(Session s, long after) {
    if (s.trimmed && !s.log.isEmpty() && after < s.log.firstKey() - 1) {
      List<Event> out = new ArrayList<>();
      for (JournalEntry e : ctx().readJournal(s.thread, Math.max(1, after))) {
        out.add(event(e));
      }
      return out;
    }
    return new ArrayList<>(s.log.tailMap(after, false).values());
  }

  /** Every event of a session, from its journal where it is kept. */
  List<Event> all(Session s) {
    Optional<ChannelContext> ctx = context.get();
    if (ctx.isEmpty()) {
      return new ArrayList<>(s.log.values());
    }
    List<Event> out = new ArrayList<>();
    for (JournalEntry e : ctx.get().readJournal(s.thread, 1)) {
      out.add(event(e));
    }
    return out;
  }

  /** Sessions with new records in their journals since a moment, for following other instances. */
  List<String> changedSince(Instant since) {
    Optional<ChannelContext> ctx = context.get();
    if (ctx.isEmpty()) {
      return List.of();
    }
    List<String> changed = new ArrayList<>();
    ctx.get().journalHeadsSince(since).forEach((journal, head) -> {
      Session s = byThread.get(journal);
      if (s != null && head > s.last) {
        changed.add(journal);
      }
    });
    return changed;
  }

  /** Deletes the journals of sessions idle longer than they live. */
  int prune() {
    return context.get().map(c -> c.pruneJournals(c.clock().instant().minus(ttl))).orElse(0);
  }

  private void apply(Session s, JournalEntry e) {
    if (e.seq() <= s.last) {
      return;
    }
    String key = parse(e).path("key").asText("");
    Event ev = event(e);
    s.log.put(ev.id(), ev);
    s.last = Math.max(s.last, ev.id());
    Instant at = ev.data().has("at") ? Instant.parse(ev.data().path("at").asText()) : e.at();
    if (ev.type().equals("message")) {
      if (ev.data().path("from").asText().equals("visitor")) {
        s.clientIds.put(ev.data().path("clientId").asText(), ev.id());
        if (s.firstInbound == null) {
          s.firstInbound = at;
        }
      } else {
        s.replyKeys.put(key, ev.id());
        s.typing = false;
        if (s.firstReply == null && s.firstInbound != null) {
          s.firstReply = at;
        }
      }
    } else if (ev.type().equals("typing")) {
      s.typing = ev.data().path("typing").asBoolean();
      s.typingAt = e.at();
    }
    while (s.log.size() > MAX_LOG) {
      s.log.pollFirstEntry();
      s.trimmed = true;
    }
  }

  private static Event event(JournalEntry e) {
    ObjectNode data = parse(e);
    String type = data.path("type").asText();
    data.remove("type");
    data.remove("key"); // the outbox's key is not the visitor's business
    return new Event(e.seq(), type, data);
  }

  private static ObjectNode parse(JournalEntry e) {
    try {
      return (ObjectNode) JSON.readTree(e.payload());
    } catch (JsonProcessingException | ClassCastException bad) {
      throw new IllegalStateException("journal " + e.journal() + " record " + e.seq()
          + " is not a chat record", bad);
    }
  }
}
