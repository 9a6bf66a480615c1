package org.webcare4j.examples.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.http.OAuthTokens;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.webhook.HmacSignature;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.core.webhook.WebhookResponse;
import org.webcare4j.graph.GraphWebhookVerifier;
import org.webcare4j.linkedin.LinkedInChannel;
import org.webcare4j.meta.FacebookPageChannel;
import org.webcare4j.meta.InstagramChannel;
import org.webcare4j.whatsapp.WhatsAppChannel;
import org.webcare4j.x.XChannel;

/**
 * Runs every webhook payload in {@code ../shared/fixtures/webhooks} — real payloads from other
 * projects' test suites and the platforms' documentation, none written for webcare4j — through
 * the channel its {@code expected.json} names, signed the platform's way, and checks the answer
 * and the events the listeners see against that file's expectations. The fixtures are data from
 * elsewhere and are read in place, never copied into the project: without the folder the test
 * is skipped and says so.
 */
class WebhookConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ChannelId ID = ChannelId.of("conformance");
  private static final Secret SECRET = Secret.of("conformance-app-secret");
  private static final Secret VERIFY = Secret.of("conformance-verify-token");

  /** Finds {@code shared/fixtures/webhooks} beside this checkout or one of its parents. */
  static Optional<Path> fixtures() {
    String configured = System.getProperty("webcare4j.fixtures");
    if (configured != null) {
      return Optional.of(Path.of(configured)).filter(Files::isDirectory);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("fixtures").resolve("webhooks");
      if (Files.isRegularFile(candidate.resolve("expected.json"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureIsAnsweredAndYieldsItsExpectedEvents() throws IOException {
    Optional<Path> dir = fixtures();
    Assumptions.assumeTrue(dir.isPresent(), "skipped: ../shared/fixtures/webhooks is not here"
        + " (set -Dwebcare4j.fixtures=<dir> to point at it)");
    JsonNode expected = JSON.readTree(dir.get().resolve("expected.json").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode fixture : expected.path("fixtures")) {
      String file = fixture.path("file").asText();
      tests.add(DynamicTest.dynamicTest(file, () -> check(dir.get(), fixture)));
    }
    assertTrue(tests.size() >= 87, "expected.json lists " + tests.size() + " fixtures");
    return tests.stream();
  }

  private static void check(Path dir, JsonNode fixture) throws Exception {
    String file = fixture.path("file").asText();
    byte[] body = Files.readAllBytes(dir.resolve(file));
    assertEquals(fixture.path("sha256").asText(),
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)),
        file + " is not the file expected.json describes");
    JsonNode config = fixture.path("config");
    JsonNode expect = fixture.path("expect");
    List<InboundEvent> seen = new CopyOnWriteArrayList<>();
    String delivery = fixture.path("delivery").asText();
    if (delivery.equals("webhook")) {
      Channel channel = channel(config, "http://127.0.0.1:9/");
      try (Webcare webcare = Webcare.builder().store(InMemoryWebcareStore.create()).channel(channel)
          .listener(r -> seen.add(r.event())).dispatchExecutor(Runnable::run).build()) {
        WebhookResponse answer = webcare.webhooks().handle(ID.value(), signed(config, body));
        assertEquals(expect.path("status").asInt(200), answer.status(),
            file + " answered " + answer.status() + ": " + answer.bodyText());
      }
    } else {
      poll(delivery, config, body, seen, expect.path("events").size());
    }
    compare(file, expect, seen);
  }

  /** Builds the channel the fixture's config names, with made-up secrets. */
  private static Channel channel(JsonNode config, String baseUrl) {
    String type = config.path("channelType").asText();
    OAuthTokens tokens = OAuthTokens.of(Secret.of("conformance-access-token"));
    return switch (type) {
      case "WhatsAppChannel" -> WhatsAppChannel.builder(ID)
          .phoneNumberId(config.path("phoneNumberId").asText()).appSecret(SECRET)
          .verifyToken(VERIFY).accessToken(Secret.of("token")).baseUrl(baseUrl).build();
      case "FacebookPageChannel" -> FacebookPageChannel.builder(ID)
          .pageId(config.path("pageId").asText()).appSecret(SECRET).verifyToken(VERIFY)
          .pageAccessToken(Secret.of("token")).baseUrl(baseUrl).build();
      case "InstagramChannel" -> InstagramChannel.builder(ID)
          .accountId(config.path("accountId").asText()).appSecret(SECRET).verifyToken(VERIFY)
          .accessToken(Secret.of("token")).baseUrl(baseUrl).build();
      case "XChannel" -> XChannel.builder(ID).userId(config.path("userId").asText())
          .consumerSecret(SECRET).oauth2(tokens, "client", Optional.empty()).baseUrl(baseUrl)
          .build();
      case "LinkedInChannel" -> LinkedInChannel.builder(ID)
          .organizationId(config.path("organizationId").asText()).tokens(tokens)
          .clientId("client").clientSecret(SECRET).baseUrl(baseUrl).build();
      default -> throw new AssertionError("unknown channelType " + type);
    };
  }

  /** Signs the raw bytes as the platform does. */
  private static WebhookRequest signed(JsonNode config, byte[] body) {
    WebhookRequest.Builder request = WebhookRequest.builder("POST", "/webhooks/" + ID.value())
        .header("Content-Type", "application/json").body(body);
    switch (config.path("channelType").asText()) {
      case "XChannel" -> request.header("x-twitter-webhooks-signature",
          HmacSignature.sha256(SECRET, HmacSignature.Encoding.BASE64, "sha256=").sign(body));
      case "LinkedInChannel" -> request.header("X-LI-Signature",
          HmacSignature.sha256(SECRET, HmacSignature.Encoding.HEX, "").sign(body));
      default -> request.header(GraphWebhookVerifier.SIGNATURE_HEADER,
          new GraphWebhookVerifier(SECRET, VERIFY).sign(body));
    }
    return request.build();
  }

  /** Serves a poll fixture as the platform's answer to the channel's poller. */
  private static void poll(String delivery, JsonNode config, byte[] body,
      List<InboundEvent> seen, int expectedEvents) throws Exception {
    String bodyText = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    List<String> paths = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          String path = request.getUrl().encodedPath();
          paths.add(path);
          String answer = switch (delivery) {
            case "poll-x-mentions" -> path.endsWith("/mentions")
                && request.getUrl().queryParameter("since_id") == null
                ? bodyText : "{\"meta\":{\"result_count\":0}}";
            case "poll-linkedin-comments" -> path.endsWith("/rest/posts")
                ? "{\"elements\":[{\"id\":\"urn:li:share:7095684521320169472\"}],"
                    + "\"paging\":{\"start\":0,\"count\":10,\"total\":1}}"
                : path.contains("/comments") ? bodyText
                : "{\"elements\":[],\"paging\":{\"start\":0,\"count\":0,\"total\":0}}";
            default -> throw new AssertionError("unknown delivery " + delivery);
          };
          return new MockResponse.Builder().code(200)
              .addHeader("Content-Type", "application/json").body(answer).build();
        }
      });
      server.start();
      String base = server.url("/").toString();
      Channel channel = pollingChannel(config, base);
      try (Webcare webcare = Webcare.builder().store(InMemoryWebcareStore.create()).channel(channel)
          .listener(r -> seen.add(r.event())).dispatchExecutor(Runnable::run).build()) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String served = delivery.equals("poll-x-mentions") ? "/mentions" : "/comments";
        // Two polls of the served endpoint: the first delivers the page, the second proves the
        // page was taken in full before anything else came in.
        while (paths.stream().filter(p -> p.endsWith(served)).count() < 2
            && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertTrue(paths.stream().filter(p -> p.endsWith(served)).count() >= 2,
            "the poller never asked twice for " + served + ": " + paths);
      }
    }
  }

  private static Channel pollingChannel(JsonNode config, String baseUrl) {
    OAuthTokens tokens = OAuthTokens.of(Secret.of("conformance-access-token"));
    return switch (config.path("channelType").asText()) {
      case "XChannel" -> XChannel.builder(ID).userId(config.path("userId").asText())
          .oauth2(tokens, "client", Optional.empty()).baseUrl(baseUrl)
          .polling(Duration.ofMillis(50)).build();
      case "LinkedInChannel" -> LinkedInChannel.builder(ID)
          .organizationId(config.path("organizationId").asText()).tokens(tokens)
          .clientId("client").baseUrl(baseUrl).polling(Duration.ofMillis(50)).build();
      default -> throw new AssertionError("no poller for " + config);
    };
  }

  // ---- the expectation vocabulary of expected.json ----

  private static void compare(String file, JsonNode expect, List<InboundEvent> seen) {
    List<JsonNode> wanted = new ArrayList<>();
    expect.path("events").forEach(wanted::add);
    String got = describe(seen);
    if (expect.path("exact").asBoolean(false)) {
      assertEquals(wanted.size(), seen.size(), file + ": expected exactly " + wanted.size()
          + " events, listeners saw " + got);
      for (int i = 0; i < wanted.size(); i++) {
        Optional<String> mismatch = mismatch(wanted.get(i), seen.get(i));
        if (mismatch.isPresent()) {
          fail(file + ": event " + i + " " + mismatch.get() + "; listeners saw " + got);
        }
      }
    } else {
      List<InboundEvent> left = new ArrayList<>(seen);
      for (JsonNode w : wanted) {
        Optional<InboundEvent> match = left.stream().filter(e -> mismatch(w, e).isEmpty())
            .findFirst();
        if (match.isEmpty()) {
          fail(file + ": no event matches " + w + "; listeners saw " + got);
        }
        left.remove(match.get());
      }
    }
    for (JsonNode forbid : expect.path("forbid")) {
      String type = forbid.isTextual() ? forbid.asText() : forbid.path("type").asText();
      Optional<String> role = forbid.isObject()
          ? Optional.of(forbid.path("role").asText()) : Optional.empty();
      for (InboundEvent e : seen) {
        boolean sameType = e.getClass().getSimpleName().equals(type);
        boolean sameRole = role.isEmpty() || participant(e)
            .map(p -> p.role().name().equals(role.get())).orElse(false);
        if (sameType && sameRole) {
          fail(file + ": forbidden " + forbid + " occurred; listeners saw " + got);
        }
      }
    }
  }

  private static String describe(List<InboundEvent> events) {
    return events.isEmpty() ? "nothing" : events.toString();
  }

  private static Optional<Participant> participant(InboundEvent e) {
    for (String name : List.of("sender", "author")) {
      Object value = component(e, name);
      if (value instanceof Participant p) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static Object component(Object record, String name) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        try {
          return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    return Missing.INSTANCE;
  }

  private enum Missing { INSTANCE }

  /** Empty when the event has everything the expectation names; else what differs. */
  private static Optional<String> mismatch(JsonNode want, InboundEvent event) {
    for (Map.Entry<String, JsonNode> field : want.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      Optional<String> problem = switch (name) {
        case "type" -> same(name, value.asText(), event.getClass().getSimpleName());
        case "platformIdOneOf" -> {
          String id = String.valueOf(component(event, "platformId"));
          List<String> allowed = new ArrayList<>();
          value.forEach(v -> allowed.add(v.asText()));
          yield allowed.contains(id) ? Optional.empty()
              : Optional.of("platformId " + id + " is none of " + allowed);
        }
        case "sender", "author" -> participantMismatch(name, value, component(event, name));
        case "attachments" -> attachmentsMismatch(value, component(event, name));
        case "failure" -> failureMismatch(value, component(event, name));
        case "occurredAt" -> same(name, Instant.parse(value.asText()),
            component(event, name));
        default -> scalarMismatch(name, value, component(event, name));
      };
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> same(String name, Object want, Object got) {
    return want.equals(got) ? Optional.empty()
        : Optional.of(name + " is " + got + ", expected " + want);
  }

  private static Object unwrap(Object value) {
    if (value instanceof Optional<?> o) {
      return o.orElse(null);
    }
    return value;
  }

  private static Optional<String> scalarMismatch(String name, JsonNode want, Object actual) {
    if (actual == Missing.INSTANCE) {
      return Optional.of("has no " + name);
    }
    Object got = unwrap(actual);
    if (want.isNull()) {
      boolean empty = got == null || "".equals(got)
          || (got instanceof List<?> l && l.isEmpty());
      return empty ? Optional.empty() : Optional.of(name + " is " + got + ", expected none");
    }
    if (got == null) {
      return Optional.of(name + " is absent, expected " + want.asText());
    }
    if (want.isBoolean()) {
      return same(name, want.asBoolean(), got);
    }
    return same(name, want.asText(), got instanceof Enum<?> e ? e.name() : got.toString());
  }

  private static Optional<String> participantMismatch(String name, JsonNode want,
      Object actual) {
    if (!(actual instanceof Participant p)) {
      return Optional.of("has no " + name);
    }
    if (want.has("id") && !want.path("id").asText().equals(p.id())) {
      return Optional.of(name + ".id is " + p.id() + ", expected " + want.path("id").asText());
    }
    if (want.has("role") && !want.path("role").asText().equals(p.role().name())) {
      return Optional.of(name + ".role is " + p.role() + ", expected "
          + want.path("role").asText());
    }
    if (want.has("displayName")
        && !want.path("displayName").asText().equals(p.displayName())) {
      return Optional.of(name + ".displayName is '" + p.displayName() + "', expected '"
          + want.path("displayName").asText() + "'");
    }
    return Optional.empty();
  }

  private static Optional<String> failureMismatch(JsonNode want, Object actual) {
    Object got = unwrap(actual);
    if (want.isNull()) {
      return got == null ? Optional.empty() : Optional.of("failure " + got + ", expected none");
    }
    if (!(got instanceof org.webcare4j.core.model.DeliveryFailure f)) {
      return Optional.of("no failure, expected " + want);
    }
    if (want.has("code") && !want.path("code").asText().equals(f.code())) {
      return Optional.of("failure code " + f.code() + ", expected " + want.path("code"));
    }
    if (want.has("reasonContains") && !f.reason().contains(want.path("reasonContains").asText())) {
      return Optional.of("failure reason '" + f.reason() + "' lacks "
          + want.path("reasonContains"));
    }
    return Optional.empty();
  }

  private static Optional<String> attachmentsMismatch(JsonNode want, Object actual) {
    if (!(actual instanceof List<?> list)) {
      return Optional.of("has no attachments");
    }
    if (list.size() != want.size()) {
      return Optional.of(list.size() + " attachments, expected " + want.size() + ": " + list);
    }
    for (int i = 0; i < want.size(); i++) {
      Attachment a = (Attachment) list.get(i);
      for (Map.Entry<String, JsonNode> field : want.get(i).properties()) {
        String name = field.getKey();
        JsonNode value = field.getValue();
        Optional<String> got = switch (name) {
          case "kind" -> Optional.of(a.kind().name());
          case "mediaId" -> a.mediaId();
          case "mimeType" -> a.mimeType();
          case "fileName" -> a.fileName();
          case "caption" -> a.caption();
          case "url" -> a.url().or(() -> Optional.ofNullable(a.properties().get("url")));
          default -> Optional.ofNullable(a.properties().get(name));
        };
        boolean equal = got.isPresent() && (value.isNumber()
            ? numeric(got.get()) == value.asDouble() : got.get().equals(value.asText()));
        if (!equal) {
          return Optional.of("attachment " + i + " " + name + " is " + got.orElse("absent")
              + ", expected " + value + ": " + a);
        }
      }
    }
    return Optional.empty();
  }

  private static double numeric(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
