package org.webcare4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.message;
import static org.webcare4j.core.testing.Deliveries.signed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationState;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.MessageId;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.testing.TestChannel;

class NormalisationTest {
  private static final long TS = 1_700_000_000L;
  private final TestChannel channel =
      new TestChannel("whatsapp-main", Secret.of("app-secret"), Secret.of("verify-me"));
  private final WebcareStore store = InMemoryWebcareStore.create();
  private final Webcare webcare = Webcare.builder().store(store).channel(channel)
      .dispatchExecutor(Runnable::run).build();

  @AfterEach
  void close() {
    webcare.close();
  }

  private void deliver(String... events) {
    assertEquals(200, webcare.webhooks().handle(signed(channel, body(events))).status());
  }

  private Conversation only() {
    List<Conversation> all = webcare.inbox().query(InboxQuery.all()).items();
    assertEquals(1, all.size());
    return all.get(0);
  }

  @Test
  void aPrivateMessageOpensAConversationWithA24HourWindow() {
    deliver(message("wamid.1", "31612345678", "Wanneer wordt mijn container geleegd?", TS));

    Conversation c = only();
    assertEquals(Visibility.PRIVATE, c.visibility());
    assertEquals(ConversationState.OPEN, c.state());
    assertEquals("31612345678", c.platformThreadId());
    assertEquals(Optional.of(Instant.ofEpochSecond(TS + 86_400)), c.replyWindow().closesAt());
    assertEquals(Optional.of(Instant.ofEpochSecond(TS)), c.lastInboundAt());
    assertTrue(c.contact().isPresent());
    assertTrue(c.hasParticipant(Participant.Role.INWONER, "31612345678"));
    Message m = webcare.inbox().messages(c.id()).get(0);
    assertEquals(Direction.INBOUND, m.direction());
    assertEquals(DeliveryStatus.RECEIVED, m.status());
    assertEquals("Jan de Vries", m.author().displayName());
  }

  @Test
  void laterMessagesJoinTheThreadAndMoveTheWindow() {
    deliver(message("wamid.1", "31612345678", "Hallo", TS));
    deliver(message("wamid.2", "31612345678", "Is er iemand?", TS + 3600));
    // an older message delivered late must not pull the window back
    deliver(message("wamid.0", "31612345678", "Eerder bericht", TS - 60));

    Conversation c = only();
    assertEquals(Optional.of(Instant.ofEpochSecond(TS + 3600 + 86_400)),
        c.replyWindow().closesAt());
    assertEquals(Instant.ofEpochSecond(TS + 3600), c.lastActivityAt());
    assertEquals(List.of("wamid.0", "wamid.1", "wamid.2"), webcare.inbox().messages(c.id())
        .stream().map(m -> m.platformId().orElseThrow()).toList());
    assertEquals(1, c.participants().size());
  }

  @Test
  void aNewMessageReopensAResolvedConversation() {
    deliver(message("wamid.1", "31612345678", "Hallo", TS));
    webcare.inbox().setState(only().id(), ConversationState.RESOLVED);
    deliver(message("wamid.2", "31612345678", "Nog een vraag", TS + 60));
    assertEquals(ConversationState.OPEN, only().state());
  }

  @Test
  void commentsFormAPublicThreadWithoutAWindow() {
    deliver("{\"type\":\"comment\",\"id\":\"c1\",\"thread\":\"post1_c1\",\"from\":\"fb-1\","
            + "\"name\":\"Klaas\",\"text\":\"Waarom is de WOZ zo hoog?\",\"ts\":" + TS + "}",
        "{\"type\":\"comment\",\"id\":\"c2\",\"thread\":\"post1_c1\",\"parent\":\"c1\","
            + "\"from\":\"fb-2\",\"name\":\"Els\",\"text\":\"Bij mij ook\",\"ts\":" + (TS + 5)
            + "}");
    Conversation c = only();
    assertEquals(Visibility.PUBLIC, c.visibility());
    assertTrue(c.replyWindow().closesAt().isEmpty());
    assertEquals(Optional.of("Post over de WOZ"), c.subject());
    assertEquals(2, c.participants().size());
    List<Message> messages = webcare.inbox().messages(c.id());
    assertEquals(Optional.of("post-1"), messages.get(0).inReplyTo());
    assertEquals(Optional.of("c1"), messages.get(1).inReplyTo());
  }

  @Test
  void deliveryStatusesOnlyMoveForward() {
    deliver(message("wamid.1", "31612345678", "Hallo", TS));
    deliver("{\"type\":\"echo\",\"id\":\"wamid.out\",\"thread\":\"31612345678\","
        + "\"text\":\"Dag Jan\",\"ts\":" + (TS + 10) + "}");
    MessageId out = webcare.inbox().messages(only().id()).get(1).id();

    deliver("{\"type\":\"status\",\"id\":\"wamid.out\",\"status\":\"read\",\"ts\":" + (TS + 30)
        + "}");
    deliver("{\"type\":\"status\",\"id\":\"wamid.out\",\"status\":\"delivered\",\"ts\":"
        + (TS + 20) + "}");
    deliver("{\"type\":\"status\",\"id\":\"wamid.out\",\"status\":\"failed\",\"error\":\"131026\","
        + "\"ts\":" + (TS + 40) + "}");

    Message m = store.inTransaction(tx -> tx.message(out)).orElseThrow();
    assertEquals(DeliveryStatus.READ, m.status());
    assertTrue(m.failure().isEmpty());
  }

  @Test
  void aFailureReportEndsASentMessageWithTheReason() {
    deliver("{\"type\":\"echo\",\"id\":\"wamid.out\",\"thread\":\"31612345678\","
        + "\"text\":\"Dag Jan\",\"ts\":" + TS + "}");
    deliver("{\"type\":\"status\",\"id\":\"wamid.out\",\"status\":\"failed\",\"error\":\"131026\","
        + "\"ts\":" + (TS + 40) + "}");
    Message m = webcare.inbox().messages(only().id()).get(0);
    assertEquals(DeliveryStatus.FAILED, m.status());
    assertEquals("131026", m.failure().orElseThrow().code());
  }

  @Test
  void anEchoOfTheOrganisationIsOutboundAndLeavesTheWindowAlone() {
    deliver("{\"type\":\"echo\",\"id\":\"wamid.out\",\"thread\":\"31612345678\","
        + "\"text\":\"Goedemorgen\",\"ts\":" + TS + "}");
    Conversation c = only();
    Message m = webcare.inbox().messages(c.id()).get(0);
    assertEquals(Direction.OUTBOUND, m.direction());
    assertEquals(DeliveryStatus.SENT, m.status());
    assertTrue(c.lastInboundAt().isEmpty());
    assertFalse(c.replyWindow().isOpen(Instant.ofEpochSecond(TS + 1)),
        "a thread the inwoner has not written in has no open window");
  }

  @Test
  void editsHidesAndDeletesChangeTheComment() {
    deliver("{\"type\":\"comment\",\"id\":\"c1\",\"thread\":\"post1_c1\",\"from\":\"fb-1\","
        + "\"text\":\"Eerste versie\",\"ts\":" + TS + "}");
    deliver("{\"type\":\"edit\",\"id\":\"c1\",\"text\":\"Tweede versie\",\"ts\":" + (TS + 20)
        + "}");
    deliver("{\"type\":\"edit\",\"id\":\"c1\",\"text\":\"Oude edit, laat geleverd\",\"ts\":"
        + (TS + 10) + "}");
    deliver("{\"type\":\"hide\",\"id\":\"c1\",\"ts\":" + (TS + 30) + "}");
    Message m = webcare.inbox().messages(only().id()).get(0);
    assertEquals("Tweede versie", m.text());
    assertTrue(m.hidden());
    assertFalse(m.deleted());

    deliver("{\"type\":\"unhide\",\"id\":\"c1\",\"ts\":" + (TS + 40) + "}");
    deliver("{\"type\":\"delete\",\"id\":\"c1\",\"ts\":" + (TS + 50) + "}");
    m = webcare.inbox().messages(only().id()).get(0);
    assertFalse(m.hidden());
    assertTrue(m.deleted());
  }

  @Test
  void theSameInwonerIsOneContactAcrossThreads() {
    deliver(message("wamid.1", "31612345678", "Hallo", TS));
    Conversation first = only();
    webcare.inbox().setState(first.id(), ConversationState.RESOLVED);
    deliver("{\"type\":\"message\",\"id\":\"wamid.9\",\"thread\":\"other-thread\","
        + "\"from\":\"31612345678\",\"text\":\"Ik weer\",\"ts\":" + (TS + 5) + "}");
    List<Conversation> all = webcare.inbox().query(InboxQuery.all()).items();
    assertEquals(2, all.size());
    assertEquals(all.get(0).contact(), all.get(1).contact());
  }
}
