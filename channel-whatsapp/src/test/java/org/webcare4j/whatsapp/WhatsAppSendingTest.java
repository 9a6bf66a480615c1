package org.webcare4j.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.channel.MarkRead;
import org.webcare4j.core.channel.MessageTemplate;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.error.ReplyWindowClosedException;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.MediaContent;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.outbox.OutboundMessage;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxHandle;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.testkit.WhatsAppSimulator;

/** Sending through the composer and the outbox to the WhatsApp simulator, end to end. */
class WhatsAppSendingTest {
  private static final AgentIdentity SANNE = new AgentIdentity("sanne.vos", "Sanne", "SV");
  private static final Duration AWAIT = Duration.ofSeconds(20);
  private static final String REPLY = "Hoi Jan, dank je voor je vraag. De milieustraat is op"
      + " zaterdag open tot vier uur. Je kunt daar gratis je snoeiafval kwijt.\n^Sanne";

  private WhatsAppSimulator simulator;
  private WhatsAppChannel channel;
  private Webcare webcare;

  private void start(WhatsAppSimulator sim, int channelThroughput, Secret token) {
    simulator = sim;
    channel = WhatsAppChannel.builder(ChannelId.of("whatsapp-main"))
        .baseUrl(sim.baseUrl()).phoneNumberId(sim.phoneNumberId())
        .appSecret(sim.appSecret()).verifyToken(Secret.of("verify"))
        .accessToken(token).sendsPerSecond(channelThroughput).build();
    webcare = Webcare.builder().store(InMemoryWebcareStore.create()).channel(channel)
        .dispatchExecutor(Runnable::run).build();
  }

  private void start() {
    WhatsAppSimulator sim = WhatsAppSimulator.builder().build();
    start(sim, 80, sim.accessToken());
  }

  @AfterEach
  void stop() {
    if (webcare != null) {
      webcare.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  private ConversationId inbound(String waId, String text) {
    assertEquals(200, webcare.webhooks().handle(simulator.inboundText(waId, "Jan", text))
        .status());
    return webcare.inbox().query(InboxQuery.all()).items().stream()
        .filter(c -> c.platformThreadId().equals(waId)).findFirst().orElseThrow().id();
  }

  private Message lastOutbound(ConversationId c) {
    List<Message> out = webcare.inbox().messages(c).stream()
        .filter(m -> m.direction() == Direction.OUTBOUND).toList();
    return out.get(out.size() - 1);
  }

  @Test
  void aReplyGoesThroughTheComposerAndOutboxWithItsContext() throws Exception {
    start();
    ConversationId c = inbound("31612345678", "Wanneer is de milieustraat open?");
    String asked = webcare.inbox().messages(c).get(0).platformId().orElseThrow();
    OutboxEntry done = webcare.compose(c).agent(SANNE).text(REPLY).inReplyTo(asked).send()
        .await(AWAIT);
    assertEquals(OutboxState.SENT, done.state());

    WhatsAppSimulator.Sent sent = simulator.sent().get(0);
    assertEquals("31612345678", sent.to());
    assertEquals("text", sent.type());
    assertEquals(REPLY, sent.text());
    assertEquals(asked, sent.body().path("context").path("message_id").asText());
    assertEquals("individual", sent.body().path("recipient_type").asText());
    assertEquals(sent.id(), lastOutbound(c).platformId().orElseThrow());
  }

  @Test
  void someoneKnownOnlyByTheirUsernameIsOneConversationAndIsAnsweredByUserId() throws Exception {
    start();
    String userId = "NL.13491208655302741918";
    assertEquals(200, webcare.webhooks().handle(simulator.inboundTextFromUsername(userId,
        "@fatima.nl", "Fatima", "Hoe vraag ik een parkeervergunning aan?")).status());
    assertEquals(200, webcare.webhooks().handle(simulator.inboundTextFromUsername(userId,
        "@fatima.nl", "Fatima", "Het gaat om de Kerkstraat.")).status());
    List<Conversation> all = webcare.inbox().query(InboxQuery.all()).items();
    assertEquals(1, all.size(), "one person, one conversation: " + all);
    Conversation c = all.get(0);
    assertEquals(userId, c.platformThreadId());
    assertEquals("Fatima", webcare.inbox().messages(c.id()).get(0).author().displayName());

    OutboxEntry done = webcare.compose(c.id()).agent(SANNE).text(REPLY.replace("Jan", "Fatima"))
        .send().await(AWAIT);
    assertEquals(OutboxState.SENT, done.state(), done.toString());
    WhatsAppSimulator.Sent sent = simulator.sent().get(0);
    assertEquals(userId, sent.body().path("recipient").asText());
    assertTrue(sent.body().path("to").isMissingNode(), "no phone number to send to");
  }

  @Test
  void statusWebhooksMoveTheOutboundMessageOn() throws Exception {
    start();
    ConversationId c = inbound("31612345678", "Vraag");
    webcare.compose(c).agent(SANNE).text(REPLY).send().await(AWAIT);
    String wamid = simulator.sent().get(0).id();
    assertEquals(DeliveryStatus.SENT, lastOutbound(c).status());

    webcare.webhooks().handle(simulator.status(wamid, "delivered"));
    assertEquals(DeliveryStatus.DELIVERED, lastOutbound(c).status());
    webcare.webhooks().handle(simulator.status(wamid, "read"));
    assertEquals(DeliveryStatus.READ, lastOutbound(c).status());
    webcare.webhooks().handle(simulator.status(wamid, "delivered"));
    assertEquals(DeliveryStatus.READ, lastOutbound(c).status(), "a late status never goes back");

    webcare.compose(c).agent(SANNE).text(REPLY.replace("Jan", "Jan!")).send().await(AWAIT);
    String second = simulator.sent().get(1).id();
    webcare.webhooks().handle(simulator.failed(second, 131026, "Message undeliverable"));
    Message failed = lastOutbound(c);
    assertEquals(DeliveryStatus.FAILED, failed.status());
    assertEquals("131026", failed.failure().orElseThrow().code());
  }

  @Test
  void outsideTheWindowFreeTextIsRefusedBeforeAnyCallAndATemplateGoesOut() throws Exception {
    Instant dayAndAHourAgo = Instant.now().minus(Duration.ofHours(25));
    WhatsAppSimulator sim = WhatsAppSimulator.builder()
        .clock(Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), dayAndAHourAgo)))
        .build()
        .approveTemplate("afspraak_herinnering", "nl", 2);
    start(sim, 80, sim.accessToken());
    ConversationId c = inbound("31612345678", "Vraag van gisteren");

    ReplyWindowClosedException e = assertThrows(ReplyWindowClosedException.class,
        () -> webcare.compose(c).agent(SANNE).text(REPLY).send());
    assertTrue(e.alternative().orElseThrow().contains("template"), e.getMessage());
    assertEquals(0, simulator.apiCalls(), "refused before any HTTP call");

    OutboxEntry done = webcare.outbox().send(c, OutboundMessage.template(SANNE.participant(),
        new MessageTemplate("afspraak_herinnering", "nl", List.of("Jan", "dinsdag 10:00")))
        .build()).await(AWAIT);
    assertEquals(OutboxState.SENT, done.state());
    WhatsAppSimulator.Sent sent = simulator.sent().get(0);
    assertEquals("template", sent.type());
    assertEquals("afspraak_herinnering", sent.body().path("template").path("name").asText());
    assertEquals("nl", sent.body().path("template").path("language").path("code").asText());
    assertEquals("dinsdag 10:00", sent.body().path("template").path("components").get(0)
        .path("parameters").get(1).path("text").asText());
  }

  @Test
  void whenThePlatformSaysTheWindowClosedTheMessageFailsWithThatReason() throws Exception {
    start();
    ConversationId c = inbound("31612345678", "Vraag");
    simulator.failNext(400, 131047, "(#131047) Re-engagement message");
    OutboxEntry done = webcare.compose(c).agent(SANNE).text(REPLY).send().await(AWAIT);
    assertEquals(OutboxState.FAILED, done.state());
    assertEquals("131047", done.failure().orElseThrow().code());
    assertEquals(1, simulator.apiCalls(), "a closed window is not retried");
  }

  @Test
  void anExpiredTokenFailsOnceAndIsNeverRetried() throws Exception {
    WhatsAppSimulator sim = WhatsAppSimulator.builder().build();
    start(sim, 80, Secret.of("expired-token"));
    ConversationId c = inbound("31612345678", "Vraag");
    OutboxEntry done = webcare.compose(c).agent(SANNE).text(REPLY).send().await(AWAIT);
    assertEquals(OutboxState.FAILED, done.state());
    assertEquals("190", done.failure().orElseThrow().code());
    assertTrue(done.failure().orElseThrow().reason().contains("reconnect"),
        done.failure().toString());
    assertEquals(1, simulator.apiCalls());
  }

  @Test
  void sendsMediaByLinkAndByIdAndMarksMessagesRead() throws Exception {
    start();
    ConversationId c = inbound("31612345678", "Mag ik de folder?");
    String asked = webcare.inbox().messages(c).get(0).platformId().orElseThrow();
    webcare.compose(c).agent(SANNE).text("Hoi Jan, hier is de folder over afval. Je kunt hem"
        + " ook ophalen bij het stadskantoor.\n^Sanne")
        .attach(Attachment.builder(AttachmentKind.DOCUMENT)
            .url("https://www.gemeente.nl/afvalfolder.pdf").fileName("afvalfolder.pdf").build())
        .send().await(AWAIT);
    webcare.compose(c).agent(SANNE).text("")
        .attach(Attachment.builder(AttachmentKind.IMAGE).mediaId("1479537139650973").build())
        .send().await(AWAIT);
    OutboxHandle read = webcare.outbox().enqueue(
        new MarkRead(channel.id(), "31612345678", asked), "read-" + asked);
    assertEquals(OutboxState.SENT, read.await(AWAIT).state());

    List<WhatsAppSimulator.Sent> sent = simulator.sent();
    assertEquals("document", sent.get(0).type());
    assertEquals("https://www.gemeente.nl/afvalfolder.pdf",
        sent.get(0).body().path("document").path("link").asText());
    assertEquals("afvalfolder.pdf", sent.get(0).body().path("document").path("filename").asText());
    assertTrue(sent.get(0).text().startsWith("Hoi Jan, hier is de folder"));
    assertEquals("1479537139650973", sent.get(1).body().path("image").path("id").asText());
    assertEquals(List.of(asked), simulator.markedRead());
  }

  @Test
  void downloadsInboundMediaWithinTheLimit() throws Exception {
    start();
    byte[] photo = new byte[50_000];
    ThreadLocalRandom.current().nextBytes(photo);
    webcare.webhooks().handle(simulator.inboundImage("31612345678", "Jan", photo, "image/jpeg"));
    Conversation c = webcare.inbox().query(InboxQuery.all()).items().get(0);
    Attachment a = webcare.inbox().messages(c.id()).get(0).attachments().get(0);

    MediaContent media = channel.downloadMedia(a.mediaId().orElseThrow(), 1_000_000);
    assertTrue(java.util.Arrays.equals(photo, media.bytes()));
    assertEquals("image/jpeg", media.mimeType());

    PermanentPlatformException tooLarge = assertThrows(PermanentPlatformException.class,
        () -> channel.downloadMedia(a.mediaId().orElseThrow(), 10_000));
    assertEquals("MEDIA_TOO_LARGE", tooLarge.code());
  }

  @Test
  void aBurstOfFiveHundredAgainstTheThroughputQuotaIsAllDeliveredWithoutAnError()
      throws Exception {
    // The simulator allows 100 messages a second; the channel is told 150, so the platform's
    // 130429 refusals must be absorbed: wait, retry, never drop, never surface.
    WhatsAppSimulator sim = WhatsAppSimulator.builder().throughput(100).build();
    start(sim, 150, sim.accessToken());
    List<ConversationId> conversations = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      conversations.add(inbound("316" + String.format("%08d", i), "Vraag " + i));
    }
    List<OutboxHandle> handles = new ArrayList<>();
    long start = System.nanoTime();
    for (int n = 0; n < 10; n++) {
      for (int i = 0; i < 50; i++) {
        handles.add(webcare.outbox().send(conversations.get(i),
            OutboundMessage.text(SANNE.participant(), "Bericht " + n + " aan " + i).build()));
      }
    }
    for (OutboxHandle h : handles) {
      OutboxEntry e = h.await(Duration.ofSeconds(60));
      assertEquals(OutboxState.SENT, e.state(), e.toString());
    }
    List<WhatsAppSimulator.Sent> sent = simulator.sent();
    System.out.printf("burst: 500 sent in %.1f s, %d refusals with 130429 absorbed%n",
        (System.nanoTime() - start) / 1e9, simulator.rateLimitedAnswers());
    assertEquals(500, sent.size());
    Set<String> texts = new HashSet<>();
    sent.forEach(s -> texts.add(s.to() + "|" + s.text()));
    assertEquals(500, texts.size(), "none twice");
    assertTrue(simulator.rateLimitedAnswers() > 0, "the quota was really hit");
    assertFalse(webcare.outbox().budget(channel.id()).toString().isEmpty());
  }
}
