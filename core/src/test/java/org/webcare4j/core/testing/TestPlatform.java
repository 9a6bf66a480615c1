package org.webcare4j.core.testing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;

/**
 * A platform on MockWebServer for the outbox's tests: {@code POST /messages} with an {@code
 * Idempotency-Key} header creates a message, {@code GET /messages?key=…} looks one up. Faults are
 * scripted per request; a quota window answers like X does, with {@code x-rate-limit-*} headers
 * counting down and 429 plus {@code Retry-After} when exhausted.
 */
public final class TestPlatform implements AutoCloseable {

  /** What the platform does with the next {@code POST /messages}. */
  public enum Fault {
    /** 503 without acting on it. */
    UNAVAILABLE,
    /** 429 with Retry-After: 2, without acting on it. */
    RATE_LIMITED,
    /** 400 invalid recipient, without acting on it. */
    INVALID_RECIPIENT,
    /** 401 expired token, without acting on it. */
    TOKEN_EXPIRED,
    /** Acts on it, then answers too late for the client's read timeout. */
    ACCEPT_BUT_ANSWER_LATE,
    /** Acts on it, then drops the connection before answering. */
    ACCEPT_THEN_RESET,
    /** Drops the connection without acting on it. */
    RESET_BEFORE_ACTING
  }

  private final MockWebServer server = new MockWebServer();
  private final Clock clock;
  private final Deque<Fault> script = new ConcurrentLinkedDeque<>();
  private final Map<String, String> created = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  private final List<Instant> arrivals = Collections.synchronizedList(new ArrayList<>());
  private final List<String> acceptedOrder = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger rateLimitedAnswers = new AtomicInteger();
  private volatile Instant downUntil = Instant.MIN;
  private volatile boolean lookupSupported = true;
  private volatile Duration lateBy = Duration.ofSeconds(3);
  private volatile Quota quota;
  private volatile Duration answerDelay = Duration.ZERO;

  private record Quota(int limit, Duration window, Map<Long, AtomicInteger> used) {}

  public TestPlatform(Clock clock) throws IOException {
    this.clock = clock;
    server.setServerSocketFactory(new NoDelayServerSockets());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return TestPlatform.this.dispatch(request);
      }
    });
    server.start();
  }

  public TestPlatform() throws IOException {
    this(Clock.systemUTC());
  }

  public HttpUrl url() {
    return server.url("/");
  }

  /** Scripts faults for the next requests, in order; afterwards requests succeed. */
  public TestPlatform then(Fault... faults) {
    script.addAll(List.of(faults));
    return this;
  }

  /** Answers 503 to every request until the given time. */
  public TestPlatform downUntil(Instant until) {
    this.downUntil = until;
    return this;
  }

  /** Makes {@code GET /messages?key=} answer 501, so nothing can be looked up. */
  public TestPlatform withoutLookup() {
    this.lookupSupported = false;
    return this;
  }

  /** Allows {@code limit} messages per window (aligned to whole seconds), like X. */
  public TestPlatform quota(int limit, Duration window) {
    this.quota = new Quota(limit, window, new ConcurrentHashMap<>());
    return this;
  }

  /** Delays every successful answer, as a busy platform does. */
  public TestPlatform answerAfter(Duration delay) {
    this.answerDelay = delay;
    return this;
  }

  public TestPlatform answerLateBy(Duration late) {
    this.lateBy = late;
    return this;
  }

  /** How often the platform acted on a message with this key. */
  public int deliveries(String key) {
    AtomicInteger n = deliveries.get(key);
    return n == null ? 0 : n.get();
  }

  public Map<String, Integer> allDeliveries() {
    Map<String, Integer> copy = new java.util.TreeMap<>();
    deliveries.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  /** When each {@code POST /messages} arrived, acted on or not. */
  public List<Instant> arrivals() {
    synchronized (arrivals) {
      return List.copyOf(arrivals);
    }
  }

  /** The texts of the messages acted on, in the order the platform acted on them. */
  public List<String> acceptedTexts() {
    synchronized (acceptedOrder) {
      return List.copyOf(acceptedOrder);
    }
  }

  public int rateLimitedAnswers() {
    return rateLimitedAnswers.get();
  }

  private MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    if (request.getMethod().equals("GET") && url.encodedPath().equals("/messages")) {
      return lookup(url.queryParameter("key"));
    }
    if (!request.getMethod().equals("POST") || !url.encodedPath().equals("/messages")) {
      return json(404, "{\"error\":{\"code\":\"not_found\"}}");
    }
    Instant now = clock.instant();
    arrivals.add(now);
    String key = request.getHeaders().get("Idempotency-Key");
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    if (now.isBefore(downUntil)) {
      return json(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"down\"}}");
    }
    Fault fault = script.poll();
    if (fault != null) {
      switch (fault) {
        case UNAVAILABLE:
          return json(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"try later\"}}");
        case RATE_LIMITED:
          rateLimitedAnswers.incrementAndGet();
          return new MockResponse.Builder().code(429).addHeader("Retry-After", "2")
              .body("{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}").build();
        case INVALID_RECIPIENT:
          return json(400, "{\"error\":{\"code\":\"invalid_recipient\","
              + "\"message\":\"recipient cannot be reached\"}}");
        case TOKEN_EXPIRED:
          return json(401, "{\"error\":{\"code\":\"token_expired\",\"message\":\"expired\"}}");
        case RESET_BEFORE_ACTING:
          return new MockResponse.Builder()
              .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
        case ACCEPT_THEN_RESET:
          accept(key, body);
          return new MockResponse.Builder()
              .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
        case ACCEPT_BUT_ANSWER_LATE:
          String id = accept(key, body);
          return new MockResponse.Builder().code(200)
              .headersDelay(lateBy.toMillis(), TimeUnit.MILLISECONDS)
              .body("{\"id\":\"" + id + "\"}").build();
        default:
          throw new IllegalStateException(fault.toString());
      }
    }
    Quota q = quota;
    MockResponse.Builder ok = new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json")
        .headersDelay(answerDelay.toMillis(), TimeUnit.MILLISECONDS);
    if (q != null) {
      long windowMillis = q.window.toMillis();
      long window = now.toEpochMilli() / windowMillis;
      Instant reset = Instant.ofEpochMilli((window + 1) * windowMillis);
      int used = q.used.computeIfAbsent(window, w -> new AtomicInteger()).incrementAndGet();
      if (used > q.limit) {
        rateLimitedAnswers.incrementAndGet();
        long seconds = (long) Math.ceil(Duration.between(now, reset).toMillis() / 1000.0);
        return new MockResponse.Builder().code(429)
            .addHeader("Retry-After", Long.toString(Math.max(1, seconds)))
            .addHeader("x-rate-limit-limit", q.limit)
            .addHeader("x-rate-limit-remaining", 0)
            .addHeader("x-rate-limit-reset", reset.getEpochSecond())
            .body("{\"error\":{\"code\":\"rate_limited\",\"message\":\"window exhausted\"}}")
            .build();
      }
      ok.addHeader("x-rate-limit-limit", q.limit)
          .addHeader("x-rate-limit-remaining", q.limit - used)
          .addHeader("x-rate-limit-reset", reset.getEpochSecond());
    }
    return ok.body("{\"id\":\"" + accept(key, body) + "\"}").build();
  }

  /** The windows the quota counted, with the messages acted on in each. */
  public Map<Long, Integer> usedPerWindow() {
    Map<Long, Integer> copy = new java.util.TreeMap<>();
    if (quota != null) {
      quota.used.forEach((w, n) -> copy.put(w, Math.min(n.get(), quota.limit)));
    }
    return copy;
  }

  private String accept(String key, String body) {
    String id = created.computeIfAbsent(key == null ? "no-key-" + ids.incrementAndGet() : key,
        k -> "pm-" + ids.incrementAndGet());
    deliveries.computeIfAbsent(key == null ? id : key, k -> new AtomicInteger()).incrementAndGet();
    Matcher text = Pattern.compile("\"text\":\"([^\"]*)\"").matcher(body);
    acceptedOrder.add(text.find() ? text.group(1) : "");
    return id;
  }

  private MockResponse lookup(String key) {
    if (!lookupSupported) {
      return json(501, "{\"error\":{\"code\":\"not_supported\"}}");
    }
    String id = key == null ? null : created.get(key);
    return id == null ? json(404, "{\"error\":{\"code\":\"not_found\"}}")
        : json(200, "{\"id\":\"" + id + "\"}");
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .body(body).build();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
