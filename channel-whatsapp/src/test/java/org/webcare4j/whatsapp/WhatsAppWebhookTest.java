package org.webcare4j.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.MessageId;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.core.webhook.WebhookResponse;
import org.webcare4j.graph.GraphWebhookVerifier;

class WhatsAppWebhookTest {
  private static final Secret APP_SECRET = Secret.of("meta-app-secret");
  private static final String OUTBOUND = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NjI4QTQ0OTE2MzNCNUM2MDcA";

  private final WhatsAppChannel channel = WhatsAppChannel.builder(ChannelId.of("whatsapp-main"))
      .phoneNumberId("106540352242922")
      .appSecret(APP_SECRET)
      .verifyToken(Secret.of("gemeente-verify"))
      .build();
  private final WebcareStore store = InMemoryWebcareStore.create();
  private final List<EventRecord> received = new CopyOnWriteArrayList<>();
  private final Webcare webcare = Webcare.builder().store(store).channel(channel)
      .listener(received::add).dispatchExecutor(Runnable::run).build();

  @AfterEach
  void close() {
    webcare.close();
  }

  private WebhookResponse deliver(byte[] body, String signature) {
    return webcare.webhooks().handle(WebhookRequest.builder("POST", "/webhooks/whatsapp-main")
        .header("X-Hub-Signature-256", signature).body(body).build());
  }

  private WebhookResponse deliver(String fixture) {
    byte[] body = Fixtures.bytes(fixture);
    return deliver(body, new GraphWebhookVerifier(APP_SECRET, Secret.of("x")).sign(body));
  }

  private WebhookResponse handshake(String token) {
    return webcare.webhooks().handle(WebhookRequest.builder("GET", "/webhooks/whatsapp-main")
        .queryParameter("hub.mode", "subscribe")
        .queryParameter("hub.verify_token", token)
        .queryParameter("hub.challenge", "1158201444")
        .build());
  }

  @Test
  void answersTheSubscriptionHandshakeOnlyWithTheRightToken() {
    WebhookResponse ok = handshake("gemeente-verify");
    assertEquals(200, ok.status());
    assertEquals("1158201444", ok.bodyText());
    WebhookResponse wrong = handshake("gemeente-verify2");
    assertEquals(403, wrong.status());
  }

  @Test
  void filesASignedDocumentedMessage() {
    assertEquals(200, deliver("text.json").status());
    List<Conversation> inbox = webcare.inbox().query(InboxQuery.all()).items();
    assertEquals(1, inbox.size());
    Conversation c = inbox.get(0);
    assertEquals("16505551234", c.platformThreadId());
    assertEquals(Instant.ofEpochSecond(1749416383).plus(WhatsAppChannel.CUSTOMER_SERVICE_WINDOW),
        c.replyWindow().closesAt().orElseThrow());
    assertEquals("Does it come in another color?",
        webcare.inbox().messages(c.id()).get(0).text());
  }

  @Test
  void refusesATamperedOrUnsignedDelivery() {
    byte[] body = Fixtures.bytes("text.json");
    String signature = new GraphWebhookVerifier(APP_SECRET, Secret.of("x")).sign(body);
    byte[] tampered = new String(body, java.nio.charset.StandardCharsets.UTF_8)
        .replace("another color", "another colour").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(403, deliver(tampered, signature).status());
    assertEquals(401, webcare.webhooks().handle(WebhookRequest.builder("POST",
        "/webhooks/whatsapp-main").body(body).build()).status());
    String otherApp = new GraphWebhookVerifier(Secret.of("other-app"), Secret.of("x")).sign(body);
    assertEquals(403, deliver(body, otherApp).status());
    assertTrue(received.isEmpty());
  }

  @Test
  void aDeliveryOfThreeWhoseMiddleItemIsUnreadableFilesTwoAndKeepsTheThird(
      @TempDir java.nio.file.Path dir) {
    String good1 = "{\"from\":\"31612345678\",\"id\":\"wamid.one\",\"timestamp\":\"1749416383\","
        + "\"type\":\"text\",\"text\":{\"body\":\"Eerste vraag\"}}";
    String broken = "{\"from\":\"31612345679\",\"id\":\"wamid.two\",\"timestamp\":\"gisteren\","
        + "\"type\":\"text\",\"text\":{\"body\":\"Mijn BSN is 111222333\"}}";
    String good3 = "{\"from\":\"31612345670\",\"id\":\"wamid.three\",\"timestamp\":\"1749416390\","
        + "\"type\":\"text\",\"text\":{\"body\":\"Derde vraag\"}}";
    byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\","
        + "\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
        + "\"metadata\":{\"phone_number_id\":\"106540352242922\"},\"messages\":[" + good1 + ","
        + broken + "," + good3 + "]}}]}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String signature = new GraphWebhookVerifier(APP_SECRET, Secret.of("x")).sign(body);
    List<EventRecord> seen = new CopyOnWriteArrayList<>();
    try (org.webcare4j.core.store.jdbc.JdbcWebcareStore h2 =
            org.webcare4j.core.store.jdbc.JdbcWebcareStore.embedded(dir);
        Webcare w = Webcare.builder().store(h2).channel(channel).listener(seen::add)
            .dispatchExecutor(Runnable::run).build()) {
      WebhookResponse answer = w.webhooks().handle(WebhookRequest.builder("POST",
          "/webhooks/whatsapp-main").header("X-Hub-Signature-256", signature).body(body).build());
      assertEquals(200, answer.status(), answer.bodyText());
      assertEquals(List.of("wamid.one", "wamid.three"), seen.stream()
          .map(r -> ((org.webcare4j.core.event.MessageReceived) r.event()).platformId()).toList());
      List<org.webcare4j.core.event.UnreadableItem> kept = w.unreadableItems(10);
      assertEquals(1, kept.size());
      assertEquals("entry[0].changes[0].value.messages[1]", kept.get(0).location());
      assertEquals(broken, kept.get(0).json(), "kept as it came, for a person or a later version");
      assertTrue(kept.get(0).reason().contains("timestamp"), kept.get(0).reason());
      assertTrue(!kept.get(0).reason().contains("111222333"), "the reason quotes no content");
    }
    // Stored, not just remembered: a new Webcare on the same file finds it.
    try (org.webcare4j.core.store.jdbc.JdbcWebcareStore h2 =
            org.webcare4j.core.store.jdbc.JdbcWebcareStore.embedded(dir);
        Webcare w = Webcare.builder().store(h2).channel(channel).build()) {
      assertEquals(broken, w.unreadableItems(10).get(0).json());
      assertEquals(2, w.inbox().query(InboxQuery.all()).items().size());
    }
  }

  @Test
  void filesEveryEventOfABatchOnce() {
    assertEquals(200, deliver("batch-multi-entry.json").status());
    assertEquals(200, deliver("batch-multi-entry.json").status());
    assertEquals(5, received.size());
    assertEquals(2, webcare.inbox().query(InboxQuery.all()).items().size());
  }

  private MessageId sentReply() {
    deliver("text.json");
    Conversation c = webcare.inbox().query(InboxQuery.all()).items().get(0);
    MessageId id = MessageId.of("reply-1");
    store.inTransaction(tx -> {
      tx.insertMessage(Message.builder(id, c.id(), channel.id(), Direction.OUTBOUND,
              Participant.agent("u-17", "Sanne"), Instant.ofEpochSecond(1750263770))
          .text("Ja, ook in het groen. ^Sanne")
          .platformId(OUTBOUND)
          .status(DeliveryStatus.SENT)
          .build());
      return null;
    });
    return id;
  }

  private Message stored(MessageId id) {
    return store.inTransaction(tx -> tx.message(id)).orElseThrow();
  }

  @Test
  void statusUpdatesMoveTheOutboundMessageForwardOnly() {
    MessageId id = sentReply();
    deliver("status-delivered.json");
    assertEquals(DeliveryStatus.DELIVERED, stored(id).status());
    deliver("status-read.json");
    assertEquals(DeliveryStatus.READ, stored(id).status());
    deliver("status-sent.json");
    deliver("status-delivered.json");
    assertEquals(DeliveryStatus.READ, stored(id).status());
  }

  @Test
  void aFailedStatusCarriesTheCodeAndReason() {
    MessageId id = sentReply();
    deliver("status-failed.json");
    Message m = stored(id);
    assertEquals(DeliveryStatus.FAILED, m.status());
    assertEquals("131047", m.failure().orElseThrow().code());
  }

  @Test
  void neverShowsSecretsInToString() {
    assertTrue(!channel.toString().contains("meta-app-secret"));
    assertTrue(!channel.toString().contains("gemeente-verify"));
  }
}
