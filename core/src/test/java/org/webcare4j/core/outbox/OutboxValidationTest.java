package org.webcare4j.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.signed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.CapabilityNotSupportedException;
import org.webcare4j.core.channel.MarkRead;
import org.webcare4j.core.channel.MessageTemplate;
import org.webcare4j.core.error.NotFoundException;
import org.webcare4j.core.error.ReplyWindowClosedException;
import org.webcare4j.core.error.TextTooLongException;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.testing.HttpTestChannel;
import org.webcare4j.core.testing.TestPlatform.Fault;
import org.webcare4j.core.testing.TestPlatform;

/** What the outbox refuses before anything is stored or sent, and statuses that come early. */
class OutboxValidationTest {
  private TestPlatform platform;
  private OutboxHarness h;

  @BeforeEach
  void start() throws Exception {
    platform = new TestPlatform();
    h = new OutboxHarness(new HttpTestChannel("whatsapp-main", platform.url(), Optional.empty(),
        160));
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
    platform.close();
  }

  private ConversationId oldConversation() {
    long twoDaysAgo = Instant.now().minus(Duration.ofDays(2)).getEpochSecond();
    h.webcare.webhooks().handle(signed(h.channel.receiver(), body(
        org.webcare4j.core.testing.Deliveries.message("old-1", "31699999999", "Vraag",
            twoDaysAgo))));
    return h.webcare.inbox().query(InboxQuery.all()).items().get(0).id();
  }

  @Test
  void refusesFreeTextAfterTheReplyWindowClosedAndNamesTheTemplateRoute() throws Exception {
    ConversationId c = oldConversation();
    ReplyWindowClosedException e = assertThrows(ReplyWindowClosedException.class,
        () -> h.send(c, "Sorry voor de late reactie"));
    assertTrue(e.alternative().orElseThrow().contains("template"));
    assertTrue(e.closedAt().orElseThrow().isBefore(Instant.now()));
    assertEquals(1, h.webcare.inbox().messages(c).size(), "nothing stored");
    assertTrue(h.webcare.outbox().entries(OutboxState.QUEUED, 10).isEmpty());

    OutboxEntry template = h.webcare.outbox().send(c, OutboundMessage.template(OutboxHarness.SANNE,
        new MessageTemplate("antwoord_klaar", "nl", List.of("Jan", "Z-2026-0042"))).build())
        .await(Duration.ofSeconds(10));
    assertEquals(OutboxState.SENT, template.state());
    // Nothing else is queued or under way, so nothing else can still reach the platform.
    assertTrue(h.webcare.outbox().entries(OutboxState.QUEUED, 10).isEmpty());
    assertTrue(h.webcare.outbox().entries(OutboxState.SENDING, 10).isEmpty());
    assertEquals(1, platform.arrivals().size(), "only the template reached the platform");
  }

  @Test
  void refusesATextOverTheChannelsLimitBeforeAnyCall() throws Exception {
    ConversationId c = h.conversation("31611111111");
    TextTooLongException e = assertThrows(TextTooLongException.class,
        () -> h.send(c, "x".repeat(161)));
    assertEquals(161, e.length());
    assertEquals(160, e.maxLength());
    h.send(c, "x".repeat(160)).await(Duration.ofSeconds(10));
    assertEquals(1, platform.arrivals().size());
  }

  @Test
  void refusesWhatTheChannelCannotDo() throws Exception {
    HttpTestChannel channel = h.channel;
    MarkRead read = new MarkRead(channel.id(), "31611111111", "wamid.1");
    CapabilityNotSupportedException e = assertThrows(CapabilityNotSupportedException.class,
        () -> h.webcare.outbox().enqueue(read, "read-1"));
    assertEquals(Capability.READ_RECEIPTS, e.capability());
  }

  @Test
  void refusesAnUnknownConversation() {
    assertThrows(NotFoundException.class, () -> h.send(ConversationId.of("nope"), "Hallo"));
  }

  @Test
  void aStatusReportThatArrivesBeforeTheSendReturnsIsApplied() throws Exception {
    platform.answerLateBy(Duration.ofMillis(700)).then(Fault.ACCEPT_BUT_ANSWER_LATE);
    // Under the 1 s read timeout, so the late answer still arrives.
    ConversationId c = h.conversation("31611111111");
    OutboxHandle handle = h.send(c, "Antwoord");
    Thread.sleep(300);
    // The platform reports delivery of the id it will return ("pm-1") before the answer arrives.
    h.webcare.webhooks().handle(signed(h.channel.receiver(), body(
        "{\"type\":\"status\",\"id\":\"pm-1\",\"status\":\"delivered\",\"ts\":"
            + Instant.now().getEpochSecond() + "}")));
    OutboxEntry done = handle.await(Duration.ofSeconds(10));
    assertEquals(Optional.of("pm-1"), done.result().orElseThrow().platformId());
    Message m = h.store.inTransaction(tx -> tx.message(handle.message().orElseThrow()))
        .orElseThrow();
    assertEquals(DeliveryStatus.DELIVERED, m.status());
    assertEquals(Direction.OUTBOUND, m.direction());
  }
}
