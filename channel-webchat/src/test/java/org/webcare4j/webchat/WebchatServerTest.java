package org.webcare4j.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.outbox.OutboundMessage;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;

/** The chat's server side over real HTTP: isolation, origins, floods, sizes, reconnects. */
class WebchatServerTest {
  private static final AgentIdentity SANNE = new AgentIdentity("u-17", "Sanne", "SV");

  private static List<Conversation> conversations(Webcare w) {
    return w.inbox().query(InboxQuery.builder().build()).items();
  }

  @Test
  void oneVisitorCannotReadOrWriteAnothersConversation() throws Exception {
    try (ChatServer s = new ChatServer(b -> b, "nl")) {
      String a = s.session();
      String b = s.session();
      assertEquals(201, s.send(a, "Mijn adres is Dorpsstraat 1, mijn BSN 111222333", "a-1"));
      assertEquals(201, s.send(b, "Hoi, ik heb een vraag", "b-1"));

      JsonNode bEvents = s.json(s.call("GET", "events?after=0", b, null, s.origin));
      assertEquals(1, bEvents.path("events").size());
      assertEquals("Hoi, ik heb een vraag", bEvents.path("events").get(0).path("text").asText());
      try (Response t = s.call("GET", "transcript", b, null, s.origin)) {
        String text = t.body().string();
        assertTrue(text.contains("Hoi, ik heb een vraag"));
        assertFalse(text.contains("Dorpsstraat"), "B's transcript holds nothing of A's");
      }
      assertEquals(2, conversations(s.webcare).size(), "each visitor a conversation");
      for (Conversation c : conversations(s.webcare)) {
        assertEquals(1, s.webcare.inbox().messages(c.id()).size());
      }
      // No token, a made-up token, a token in another place: refused.
      try (Response r = s.call("GET", "events?after=0", null, null, s.origin)) {
        assertEquals(401, r.code());
      }
      try (Response r = s.call("GET", "transcript", "bm90LWEtdG9rZW4", null, s.origin)) {
        assertEquals(401, r.code());
      }
      assertEquals(401, s.send("x" + a, "ingebroken", "x-1"));
      assertEquals(2, conversations(s.webcare).size());
    }
  }

  @Test
  void callsFromPagesOfOtherOriginsAreRefused() throws Exception {
    try (ChatServer s = new ChatServer(b -> b, "nl")) {
      try (Response r = s.call("POST", "session", null, "{}", "https://evil.example")) {
        assertEquals(403, r.code());
        assertEquals(null, r.header("Access-Control-Allow-Origin"));
      }
      String token = s.session();
      try (Response r = s.call("POST", "messages", token,
          "{\"text\":\"hoi\",\"clientId\":\"e-1\"}", "https://evil.example")) {
        assertEquals(403, r.code());
      }
      try (Response r = s.call("GET", "stream", token, null, "https://evil.example")) {
        assertEquals(403, r.code());
      }
      try (Response r = s.call("POST", "session", null, "{}", s.origin)) {
        assertEquals(201, r.code());
        assertEquals(s.origin, r.header("Access-Control-Allow-Origin"));
      }
      assertTrue(conversations(s.webcare).isEmpty());
    }
  }

  @Test
  void aFloodIsLimitedAndOverlongMessagesAreRefused() throws Exception {
    try (ChatServer s = new ChatServer(b -> b.messagesPerMinute(5).maxMessageLength(200),
        "nl")) {
      String token = s.session();
      List<Integer> codes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        codes.add(s.send(token, "spam " + i, "f-" + i));
      }
      assertEquals(List.of(201, 201, 201, 201, 201, 429, 429, 429), codes);
      try (Response r = s.call("POST", "messages", token,
          "{\"text\":\"nog een\",\"clientId\":\"f-9\"}", s.origin)) {
        assertNotNull(r.header("Retry-After"));
      }
      assertEquals(5, s.webcare.inbox().messages(conversations(s.webcare).get(0).id()).size());

      String other = s.session();
      assertEquals(413, s.send(other, "x".repeat(201), "l-1"));
      assertEquals(201, s.send(other, "x".repeat(200), "l-2"));
      // A retry of the same message is stored once.
      assertEquals(200, s.send(other, "x".repeat(200), "l-2"));
      int total = conversations(s.webcare).stream()
          .mapToInt(c -> s.webcare.inbox().messages(c.id()).size()).sum();
      assertEquals(5 + 1, total, "the flood stored 5, the retry nothing more");
    }
  }

  /** Reads Server-Sent Events from an open stream into a queue. */
  private static Thread reader(Response r, BlockingQueue<JsonNode> events) {
    Thread t = new Thread(() -> {
      try (BufferedSource src = r.body().source()) {
        String line;
        while ((line = src.readUtf8Line()) != null) {
          if (line.startsWith("data: ")) {
            events.add(ChatServer.JSON.readTree(line.substring(6)));
          }
        }
      } catch (IOException closed) {
        // the test closed the stream
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static int startSession(ChatServer s, String forwardedFor) throws IOException {
    Request.Builder b = new Request.Builder().url(s.base + "session").header("Origin", s.origin)
        .post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json")));
    if (forwardedFor != null) {
      b.header("X-Forwarded-For", forwardedFor);
    }
    try (Response r = s.http.newCall(b.build()).execute()) {
      if (r.code() == 429) {
        long retry = Long.parseLong(r.header("Retry-After"));
        assertTrue(retry > 3500 && retry <= 3601, "until the oldest start is an hour old: "
            + retry);
      }
      return r.code();
    }
  }

  @Test
  void oneAddressCannotStartChatsWithoutEnd() throws Exception {
    try (ChatServer s = new ChatServer(b -> b.sessionsPerAddressPerHour(3), "nl")) {
      List<Integer> codes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        codes.add(startSession(s, null));
      }
      assertEquals(List.of(201, 201, 201, 429, 429), codes);
      // Without a trusted proxy, a header the client writes changes nothing.
      assertEquals(429, startSession(s, "203.0.113.7"));
    }
    try (ChatServer s = new ChatServer(b -> b.sessionsPerAddressPerHour(2)
        .clientAddressHeader("X-Forwarded-For"), "nl")) {
      // Behind the proxy each visitor counts by the address the proxy added (the last one).
      assertEquals(201, startSession(s, "198.51.100.1"));
      assertEquals(201, startSession(s, "198.51.100.1"));
      assertEquals(429, startSession(s, "198.51.100.1"));
      assertEquals(429, startSession(s, "203.0.113.99, 198.51.100.1"), "a made-up first entry");
      assertEquals(201, startSession(s, "198.51.100.2"));
    }
    try (ChatServer s = new ChatServer(b -> b.maxSessions(2), "nl")) {
      String a = s.session();
      s.session();
      try (Response r = s.call("POST", "session", null, "{}", s.origin)) {
        assertEquals(503, r.code());
        assertEquals("60", r.header("Retry-After"));
      }
      assertEquals(201, s.send(a, "De open sessies werken door", "m-1"));
    }
  }

  @Test
  void aVeryLongChatKeepsItsStartForTheTranscriptAndForAResume() throws Exception {
    try (ChatServer s = new ChatServer(b -> b, "nl")) {
      String token = s.session();
      assertEquals(201, s.send(token, "Eerste vraag", "t-1"));
      Conversation c = conversations(s.webcare).get(0);
      try (Response r = s.call("GET", "transcript", token, null, s.origin)) {
        String text = r.body().string();
        assertTrue(text.contains("Eerste vraag") && !text.contains("niet meer bewaard"), text);
      }
      for (int i = 0; i < 1200; i++) { // a very long chat: the session keeps the last 1,000
        s.channel.agentTyping(c.platformThreadId(), i % 2 == 0);
      }
      try (Response r = s.call("GET", "transcript", token, null, s.origin)) {
        String text = r.body().string();
        assertTrue(text.contains("Eerste vraag"), text);
      }
      // A widget that resumes from the start still gets the first message, then the rest.
      JsonNode events = s.json(s.call("GET", "events?after=1", token, null, s.origin))
          .path("events");
      assertEquals("Eerste vraag", events.get(0).path("text").asText());
      assertEquals(1201, events.size());
      assertEquals(1, s.webcare.inbox().messages(c.id()).size(), "the store keeps all");
    }
  }

  @Test
  void aReplyToAChatThatHasEndedFailsWithAReasonTheAgentCanActOn() throws Exception {
    try (ChatServer s = new ChatServer(b -> b.sessionTtl(Duration.ofMillis(500)), "nl")) {
      String token = s.session();
      assertEquals(201, s.send(token, "Hallo?", "e-1"));
      Conversation c = conversations(s.webcare).get(0);
      Thread.sleep(1500); // idle: each call would count as activity
      try (Response r = s.call("GET", "transcript", token, null, s.origin)) {
        assertEquals(401, r.code(), "the idle session ended");
      }
      var entry = s.webcare.outbox().send(c.id(), OutboundMessage.text(SANNE.participant(),
          "Bent u er nog? ^SV").build()).await(Duration.ofSeconds(10));
      assertEquals(OutboxState.FAILED, entry.state());
      assertEquals("SESSION_ENDED", entry.failure().orElseThrow().code());
      assertTrue(entry.failure().orElseThrow().reason().contains("e-mail or phone"),
          entry.failure().toString());
    }
  }

  @Test
  void aChatSurvivesARestartOfTheServer(@TempDir Path dir) throws Exception {
    String token;
    long last;
    try (JdbcWebcareStore store = JdbcWebcareStore.embedded(dir);
        ChatServer s = new ChatServer(b -> b, "nl", store)) {
      token = s.session();
      assertEquals(201, s.send(token, "Wanneer is de milieustraat open?", "q-1"));
      Conversation c = conversations(s.webcare).get(0);
      assertEquals(OutboxState.SENT, s.webcare.outbox().send(c.id(), OutboundMessage.text(
          SANNE.participant(), "Ik zoek het even voor je op. ^SV").build())
          .await(Duration.ofSeconds(10)).state());
      JsonNode events = s.json(s.call("GET", "events?after=0", token, null, s.origin))
          .path("events");
      last = events.get(events.size() - 1).path("id").asLong();
    }
    try (JdbcWebcareStore store = JdbcWebcareStore.embedded(dir);
        ChatServer s = new ChatServer(b -> b, "nl", store)) {
      // The same token, the same conversation; the answer sent after the restart reaches it.
      Conversation c = conversations(s.webcare).get(0);
      assertEquals(OutboxState.SENT, s.webcare.outbox().send(c.id(), OutboundMessage.text(
          SANNE.participant(), "Zaterdag van 9 tot 16 uur. ^SV").build())
          .await(Duration.ofSeconds(10)).state());
      JsonNode events = s.json(s.call("GET", "events?after=" + last, token, null, s.origin))
          .path("events");
      assertEquals(List.of("Zaterdag van 9 tot 16 uur. ^SV"), events.findValuesAsText("text"));
      assertEquals(200, s.send(token, "Wanneer is de milieustraat open?", "q-1"),
          "a retry from before the restart is still known");
      assertEquals(201, s.send(token, "Dank je!", "q-2"));
      assertEquals(1, conversations(s.webcare).size());
      assertEquals(4, s.webcare.inbox().messages(c.id()).size());
      try (Response r = s.call("GET", "transcript", token, null, s.origin)) {
        String text = r.body().string();
        assertTrue(text.contains("milieustraat") && text.contains("Ik zoek het even")
            && text.contains("Zaterdag van 9") && text.contains("Dank je!"), text);
      }
    }
  }

  @Test
  void anotherInstanceOnTheSameStoreServesTheChatAndTheStreamFollowsIt() throws Exception {
    try (WebcareStore store = InMemoryWebcareStore.create();
        ChatServer a = new ChatServer(b -> b, "nl", store);
        ChatServer b = new ChatServer(x -> x.allowedOrigins(a.origin), "nl", store)) {
      String token = a.session();
      assertEquals(201, a.send(token, "Hallo, is er iemand?", "i-1"));
      Conversation c = conversations(a.webcare).get(0);
      BlockingQueue<JsonNode> seen = new LinkedBlockingQueue<>();
      okhttp3.Call stream = a.http.newCall(new Request.Builder()
          .url(a.base + "stream?ticket=" + a.ticket(token)).build());
      reader(stream.execute(), seen);
      assertEquals("Hallo, is er iemand?", seen.poll(5, TimeUnit.SECONDS).path("text").asText());

      // The visitor's next request lands on instance B, and an agent there starts typing.
      try (Response r = b.call("POST", "messages", token,
          "{\"text\":\"Ik wacht wel even.\",\"clientId\":\"i-2\"}", a.origin)) {
        assertEquals(201, r.code());
      }
      assertTrue(b.channel.agentTyping(c.platformThreadId(), true));
      JsonNode mine = seen.poll(5, TimeUnit.SECONDS);
      assertEquals("Ik wacht wel even.", mine.path("text").asText(), "followed from B");
      JsonNode typing = seen.poll(5, TimeUnit.SECONDS);
      assertEquals("typing", typing.path("type").asText());
      assertEquals(mine.path("id").asLong() + 1, typing.path("id").asLong(), "one numbering");
      assertTrue(seen.poll(1500, TimeUnit.MILLISECONDS) == null, "nothing twice");
      stream.cancel();
      assertEquals(1, conversations(a.webcare).size());
    }
  }

  @Test
  void aReconnectResumesAfterTheLastEventWithoutLossOrDuplicates() throws Exception {
    try (ChatServer s = new ChatServer(b -> b, "nl")) {
      String token = s.session();
      assertEquals(201, s.send(token, "Is het stadhuis open?", "r-1"));
      Conversation c = conversations(s.webcare).get(0);

      BlockingQueue<JsonNode> first = new LinkedBlockingQueue<>();
      String ticket = s.ticket(token);
      okhttp3.Call firstCall = s.http.newCall(new Request.Builder()
          .url(s.base + "stream?ticket=" + ticket).build());
      Response stream = firstCall.execute();
      assertEquals("text/event-stream; charset=utf-8", stream.header("Content-Type"));
      reader(stream, first);
      assertEquals("Is het stadhuis open?", first.poll(5, TimeUnit.SECONDS).path("text")
          .asText());

      // An agent types (the composer says so at every keystroke: one event) and answers live.
      for (int i = 0; i < 50; i++) {
        s.channel.agentTyping(c.platformThreadId(), true);
      }
      JsonNode typingOn = first.poll(5, TimeUnit.SECONDS);
      assertEquals("typing", typingOn.path("type").asText());
      assertTrue(typingOn.path("typing").asBoolean());
      assertEquals(OutboxState.SENT, s.webcare.outbox().send(c.id(), OutboundMessage.text(
          SANNE.participant(), "Ja, tot 17.00 uur. ^SV").build()).await(Duration.ofSeconds(10))
          .state());
      JsonNode reply = first.poll(5, TimeUnit.SECONDS); // one typing event, then the answer
      assertEquals("Ja, tot 17.00 uur. ^SV", reply.path("text").asText());
      assertEquals("Sanne", reply.path("author").asText());
      long last = reply.path("id").asLong();
      firstCall.cancel(); // the visitor's connection drops

      // While the visitor is away two more answers come.
      for (String text : List.of("En op zaterdag van 10 tot 13 uur. ^SV", "Fijne dag! ^SV")) {
        s.webcare.outbox().send(c.id(), OutboundMessage.text(SANNE.participant(), text).build())
            .await(Duration.ofSeconds(10));
      }

      // A ticket opens one stream; the token itself is not taken from a URL.
      try (Response r = s.call("GET", "stream?ticket=" + ticket, null, null, null)) {
        assertEquals(401, r.code());
      }
      try (Response r = s.call("GET", "stream?token=" + token, null, null, null)) {
        assertEquals(401, r.code());
      }
      BlockingQueue<JsonNode> second = new LinkedBlockingQueue<>();
      okhttp3.Call secondCall = s.http.newCall(new Request.Builder()
          .url(s.base + "stream?ticket=" + s.ticket(token))
          .header("Last-Event-ID", String.valueOf(last)).build());
      Response again = secondCall.execute();
      reader(again, second);
      List<String> texts = new ArrayList<>();
      JsonNode e;
      while ((e = second.poll(1, TimeUnit.SECONDS)) != null) {
        assertTrue(e.path("id").asLong() > last, "nothing before the last event again");
        if (e.path("type").asText().equals("message")) {
          texts.add(e.path("text").asText());
        }
      }
      secondCall.cancel();
      assertEquals(List.of("En op zaterdag van 10 tot 13 uur. ^SV", "Fijne dag! ^SV"), texts);

      // The long-poll fallback gives the same after the same position.
      JsonNode polled = s.json(s.call("GET", "events?after=" + last, token, null, null));
      assertEquals(texts, polled.path("events").findValuesAsText("text"));
      // And waits for the next one when there is none yet.
      long end = polled.path("events").get(polled.path("events").size() - 1).path("id")
          .asLong();
      Thread later = new Thread(() -> {
        try {
          Thread.sleep(300);
          s.channel.agentTyping(c.platformThreadId(), true);
        } catch (InterruptedException ignored) {
          Thread.currentThread().interrupt();
        }
      });
      later.start();
      Instant asked = Instant.now();
      JsonNode waited = s.json(s.call("GET", "events?after=" + end, token, null, null));
      assertTrue(Duration.between(asked, Instant.now()).toMillis() >= 250, "it waited");
      assertEquals("typing", waited.path("events").get(0).path("type").asText());
      assertTrue(waited.path("events").get(0).path("typing").asBoolean());
    }
  }

  @Test
  void outsideOpeningHoursAMessageWithAnEmailAddressIsTaken() throws Exception {
    // Closed all week: the next opening is found across a public holiday and a weekend.
    OpeningHours hours = OpeningHours.builder(ZoneId.of("Europe/Amsterdam"))
        .open(java.time.DayOfWeek.MONDAY, LocalTime.of(3, 0), LocalTime.of(3, 1)).build();
    try (ChatServer s = new ChatServer(b -> b.openingHours(hours), "nl")) {
      JsonNode status = s.json(s.call("GET", "status", null, null, s.origin));
      boolean open = hours.isOpen(Instant.now());
      assertEquals(open, status.path("open").asBoolean());
      if (!open) {
        assertTrue(status.path("opensAt").asText().contains("T03:00"), status.toString());
      }
      try (Response r = s.call("POST", "offline", null,
          "{\"email\":\"geen-adres\",\"text\":\"Bel mij\"}", s.origin)) {
        assertEquals(400, r.code());
      }
      try (Response r = s.call("POST", "offline", null,
          "{\"email\":\"fatima@example.nl\",\"text\":\"Mijn container is niet geleegd.\"}",
          s.origin)) {
        assertEquals(202, r.code());
      }
      Conversation c = conversations(s.webcare).get(0);
      assertTrue(c.subject().orElseThrow().contains("fatima@example.nl"));
      assertEquals("Mijn container is niet geleegd.",
          s.webcare.inbox().messages(c.id()).get(0).text());
    }
  }

  @Test
  void offlineMessagesAreLimitedPerAddress() throws Exception {
    try (ChatServer s = new ChatServer(b -> b, "nl")) {
      List<Integer> codes = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        try (Response r = s.call("POST", "offline", null, "{\"email\":\"fatima@example.nl\","
            + "\"text\":\"Vraag " + i + "\"}", s.origin)) {
          codes.add(r.code());
          if (r.code() == 429) {
            assertTrue(Long.parseLong(r.header("Retry-After")) > 3500);
          }
        }
      }
      assertEquals(List.of(202, 202, 202, 202, 202, 429, 429), codes);
      assertEquals(5, conversations(s.webcare).size());
    }
  }

  @Test
  void aTranscriptGoesOnlyToTheFirstAddressGivenAndAtMostTwice() throws Exception {
    List<String> mailed = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ChatServer s = new ChatServer(b -> b.transcriptMailer(
        (to, subject, text) -> mailed.add(to)), "nl")) {
      String token = s.session();
      assertEquals(201, s.send(token, "Graag een verslag", "t-1"));
      List<Integer> codes = new ArrayList<>();
      for (String to : List.of("fatima@example.nl", "someone@elsewhere.example",
          "FATIMA@example.nl", "fatima@example.nl")) {
        try (Response r = s.call("POST", "transcript/email", token,
            "{\"email\":\"" + to + "\"}", s.origin)) {
          codes.add(r.code());
        }
      }
      assertEquals(List.of(202, 403, 202, 429), codes);
      assertEquals(List.of("fatima@example.nl", "FATIMA@example.nl"), mailed);
    }
  }

  @Test
  void aSessionCannotOpenStreamsWithoutEnd() throws Exception {
    try (ChatServer s = new ChatServer(b -> b, "nl")) {
      String token = s.session();
      List<Response> open = new ArrayList<>();
      try {
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          Response r = s.http.newCall(new Request.Builder()
              .url(s.base + "stream?ticket=" + s.ticket(token)).build()).execute();
          codes.add(r.code());
          open.add(r);
        }
        assertEquals(List.of(200, 200, 200, 429, 429), codes);
      } finally {
        open.forEach(Response::close);
      }
    }
  }

  @Test
  void theServletAdapterServesTheSameChat() throws Exception {
    WebchatChannel channel = WebchatChannel.builder(ChatServer.ID).build();
    try (Webcare webcare = Webcare.builder().store(InMemoryWebcareStore.create()).channel(channel)
        .build()) {
      Server jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      jetty.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      ServletHolder holder = new ServletHolder(new WebchatServlet(channel));
      holder.setAsyncSupported(true);
      context.addServlet(holder, "/webchat/*");
      jetty.setHandler(context);
      jetty.start();
      try {
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
        String base = "http://127.0.0.1:" + connector.getLocalPort() + "/webchat/";
        JsonNode session;
        try (Response r = http.newCall(new Request.Builder().url(base + "session")
            .post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json")))
            .build()).execute()) {
          assertEquals(201, r.code());
          session = ChatServer.JSON.readTree(r.body().string());
        }
        String token = session.path("token").asText();
        long sent;
        try (Response r = http.newCall(new Request.Builder().url(base + "messages")
            .header("Authorization", "Bearer " + token)
            .post(okhttp3.RequestBody.create("{\"text\":\"Via de servlet\",\"clientId\":\"s-1\"}",
                okhttp3.MediaType.get("application/json"))).build()).execute()) {
          assertEquals(201, r.code());
          sent = ChatServer.JSON.readTree(r.body().string()).path("id").asLong();
        }
        Conversation c = conversations(webcare).get(0);
        webcare.outbox().send(c.id(), OutboundMessage.text(SANNE.participant(), "Ontvangen ^SV")
            .build()).await(Duration.ofSeconds(10));
        try (Response r = http.newCall(new Request.Builder().url(base + "events?after=" + sent)
            .header("Authorization", "Bearer " + token).build()).execute()) {
          JsonNode events = ChatServer.JSON.readTree(r.body().string()).path("events");
          assertEquals("Ontvangen ^SV", events.findValuesAsText("text").get(0));
        }
        try (Response r = http.newCall(new Request.Builder().url(base + "widget.js").build())
            .execute()) {
          assertEquals(200, r.code());
          assertTrue(r.body().string().contains("textContent"));
        }
      } finally {
        jetty.stop();
      }
    }
  }

  /** A clock the test moves. */
  private static final class TestClock extends java.time.Clock {
    private volatile Instant now = Instant.parse("2027-03-25T09:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void theExpectedWaitIsWhatRecentChatsTookTimesTheVisitorsWaiting() throws Exception {
    TestClock clock = new TestClock();
    try (ChatServer s = new ChatServer(b -> b.clock(clock), "nl")) {
      assertFalse(s.json(s.call("GET", "status", null, null, s.origin))
          .has("expectedWaitSeconds"), "no guess without history");
      for (int i = 0; i < 3; i++) {
        String token = s.session();
        s.send(token, "Vraag " + i, "w-" + i);
        clock.now = clock.now.plusSeconds(60 + 60 * i); // first answers after 1, 2, 3 minutes
        Conversation c = conversations(s.webcare).stream()
            .filter(x -> s.webcare.inbox().messages(x.id()).size() == 1).findFirst()
            .orElseThrow();
        s.webcare.outbox().send(c.id(), OutboundMessage.text(SANNE.participant(),
            "Antwoord " + i + " ^SV").build()).await(Duration.ofSeconds(10));
      }
      // Two visitors now wait for a first answer: the median of 1, 2, 3 minutes, twice.
      s.send(s.session(), "Nog een vraag", "w-a");
      s.send(s.session(), "En nog een", "w-b");
      JsonNode status = s.json(s.call("GET", "status", null, null, s.origin));
      assertEquals(2, status.path("waiting").asInt());
      assertEquals(240, status.path("expectedWaitSeconds").asLong());
    }
  }
}
