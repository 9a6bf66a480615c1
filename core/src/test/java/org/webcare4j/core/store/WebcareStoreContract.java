package org.webcare4j.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.InboxQuery;
import org.webcare4j.core.Page;
import org.webcare4j.core.StoreConflictException;
import org.webcare4j.core.StoreException;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Contact;
import org.webcare4j.core.model.ContactId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.ConversationState;
import org.webcare4j.core.model.DeliveryFailure;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.Handle;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.MessageId;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.model.ReplyWindow;
import org.webcare4j.core.model.Visibility;

/**
 * The behaviour every {@link WebcareStore} must have. Each implementation's test extends this
 * class; the same assertions then hold for memory, H2 and PostgreSQL.
 */
public abstract class WebcareStoreContract {
  protected static final ChannelId WA = ChannelId.of("whatsapp-main");
  protected static final ChannelId FB = ChannelId.of("facebook-page");
  protected static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  protected static final Participant JAN = Participant.inwoner("31612345678", "Jan de Vries");

  protected WebcareStore store;
  private int counter;

  /** Returns a new, empty store. */
  protected abstract WebcareStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected <T> T tx(java.util.function.Function<StoreTransaction, T> work) {
    return store.inTransaction(work);
  }

  protected Conversation conversation(ChannelId channel, String thread, Instant activity) {
    return Conversation.builder(ConversationId.of("c-" + thread), channel, thread,
            Visibility.PRIVATE, activity.minusSeconds(60))
        .participant(JAN)
        .lastActivityAt(activity)
        .build();
  }

  protected Message inbound(Conversation c, String platformId, String text, Instant at) {
    return Message.builder(MessageId.of("m-" + (++counter)), c.id(), c.channel(),
            Direction.INBOUND, JAN, at)
        .text(text)
        .platformId(platformId)
        .build();
  }

  private MessageReceived event(ChannelId channel, String id) {
    return MessageReceived.text(channel, id, "31612345678", JAN, "Hallo", T0);
  }

  @Test
  void writesNothingWhenTheWorkThrows() {
    Conversation c = conversation(WA, "t1", T0);
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      tx.insertConversation(c);
      tx.insertMessage(inbound(c, "wamid.1", "Hallo", T0));
      tx.appendEvent(event(WA, "wamid.1"), T0);
      tx.saveCursor(WA, "since_id", "42");
      throw new IllegalStateException("crash in the middle");
    }));
    assertTrue(tx(tx -> tx.conversation(c.id())).isEmpty());
    assertTrue(tx(tx -> tx.messageByPlatformId(WA, "wamid.1")).isEmpty());
    assertTrue(tx(tx -> tx.cursor(WA, "since_id")).isEmpty());
    assertTrue(tx(tx -> tx.appendEvent(event(WA, "wamid.1"), T0)).isPresent(),
        "the rolled-back event's key is free again");
  }

  @Test
  void appendsAnEventOncePerChannelAndKey() {
    OptionalLong first = tx(tx -> tx.appendEvent(event(WA, "wamid.1"), T0));
    OptionalLong again = tx(tx -> tx.appendEvent(event(WA, "wamid.1"), T0));
    OptionalLong otherChannel = tx(tx -> tx.appendEvent(event(FB, "wamid.1"), T0));
    OptionalLong next = tx(tx -> tx.appendEvent(event(WA, "wamid.2"), T0));

    assertTrue(first.isPresent());
    assertTrue(again.isEmpty());
    assertTrue(otherChannel.isPresent());
    assertTrue(next.getAsLong() > first.getAsLong());
  }

  @Test
  void listsUndispatchedEventsOldestFirstWithTheirTargets() {
    Conversation c = conversation(WA, "t1", T0);
    Message m = inbound(c, "wamid.1", "Hallo", T0);
    long s1 = tx(tx -> {
      tx.insertConversation(c);
      tx.insertMessage(m);
      long s = tx.appendEvent(event(WA, "wamid.1"), T0).getAsLong();
      tx.setEventTarget(s, Optional.of(c.id()), Optional.of(m.id()));
      return s;
    });
    long s2 = tx(tx -> tx.appendEvent(event(WA, "wamid.2"), T0.plusSeconds(1)).getAsLong());

    List<EventRecord> pending = tx(tx -> tx.undispatchedEvents(10));
    assertEquals(List.of(s1, s2), pending.stream().map(EventRecord::sequence).toList());
    assertEquals(Optional.of(c.id()), pending.get(0).conversation());
    assertEquals(Optional.of(m.id()), pending.get(0).message());
    assertEquals(event(WA, "wamid.1"), pending.get(0).event());
    assertEquals(T0, pending.get(0).recordedAt());
    assertEquals(1, tx(tx -> tx.undispatchedEvents(1)).size());

    tx(tx -> {
      tx.markDispatched(s1);
      return null;
    });
    assertEquals(List.of(s2),
        tx(tx -> tx.undispatchedEvents(10)).stream().map(EventRecord::sequence).toList());
  }

  @Test
  void appendsAnEventOnceUnderConcurrency() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          start.await();
          try {
            return tx(tx -> tx.appendEvent(event(WA, "wamid.race"), T0)).isPresent();
          } catch (StoreConflictException lostTheRace) {
            return false;
          }
        }));
      }
      start.countDown();
      int appended = 0;
      for (Future<Boolean> r : results) {
        appended += r.get() ? 1 : 0;
      }
      assertEquals(1, appended);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void findsAConversationByIdAndThreadAndKeepsEveryField() {
    Conversation c = Conversation.builder(ConversationId.of("c-full"), FB, "post_1_comment_2",
            Visibility.PUBLIC, T0)
        .participant(JAN)
        .participant(Participant.agent("u-17", "Sanne"))
        .contact(ContactId.of("k-1"))
        .assignee("u-17")
        .label("woz")
        .label("klacht")
        .subject("Post over de WOZ")
        .replyWindow(ReplyWindow.closingAt(T0.plusSeconds(86_400)))
        .movedTo(ConversationId.of("c-private"))
        .state(ConversationState.PENDING)
        .lastActivityAt(T0.plusSeconds(30))
        .lastInboundAt(T0.plusSeconds(20))
        .build();
    tx(tx -> {
      tx.insertConversation(c);
      return null;
    });
    assertEquals(Optional.of(c), tx(tx -> tx.conversation(c.id())));
    assertEquals(Optional.of(c), tx(tx -> tx.conversationByThread(FB, "post_1_comment_2")));
    assertTrue(tx(tx -> tx.conversationByThread(WA, "post_1_comment_2")).isEmpty());
  }

  @Test
  void refusesASecondConversationForTheSameThread() {
    tx(tx -> {
      tx.insertConversation(conversation(WA, "t1", T0));
      return null;
    });
    Conversation twin = Conversation.builder(ConversationId.of("c-twin"), WA, "t1",
        Visibility.PRIVATE, T0).build();
    assertThrows(StoreConflictException.class, () -> tx(tx -> {
      tx.insertConversation(twin);
      return null;
    }));
  }

  @Test
  void updatesAConversationOnlyFromTheVersionItWasReadAt() {
    Conversation c = conversation(WA, "t1", T0);
    tx(tx -> {
      tx.insertConversation(c);
      return null;
    });
    Conversation saved = tx(tx -> tx.updateConversation(c.toBuilder().assignee("u-1").build()));
    assertEquals(c.version() + 1, saved.version());
    assertEquals(Optional.of("u-1"), tx(tx -> tx.conversation(c.id())).get().assignee());

    StoreException stale = assertThrows(StoreConflictException.class,
        () -> tx(tx -> tx.updateConversation(c.toBuilder().assignee("u-2").build())));
    assertTrue(stale.getMessage().contains(c.id().value()));
    assertEquals(Optional.of("u-1"), tx(tx -> tx.conversation(c.id())).get().assignee());
  }

  @Test
  void keepsMessagesWithEveryFieldInWrittenOrder() {
    Conversation c = conversation(WA, "t1", T0);
    Message late = inbound(c, "wamid.2", "Tweede", T0.plusSeconds(10));
    Message early = inbound(c, "wamid.1", "Eerste", T0);
    Message failed = Message.builder(MessageId.of("m-out"), c.id(), WA, Direction.OUTBOUND,
            Participant.agent("u-17", "Sanne"), T0.plusSeconds(20))
        .text("Antwoord")
        .inReplyTo("wamid.2")
        .failed(new DeliveryFailure("131047", "Re-engagement message"))
        .recordedAt(T0.plusSeconds(21))
        .build();
    tx(tx -> {
      tx.insertConversation(c);
      tx.insertMessage(late);
      tx.insertMessage(failed);
      tx.insertMessage(early);
      return null;
    });
    assertEquals(List.of(early, late, failed), tx(tx -> tx.messages(c.id())));
    assertEquals(Optional.of(late), tx(tx -> tx.messageByPlatformId(WA, "wamid.2")));
    assertEquals(Optional.of(failed), tx(tx -> tx.message(failed.id())));
    assertTrue(tx(tx -> tx.messageByPlatformId(FB, "wamid.2")).isEmpty());
  }

  @Test
  void refusesASecondMessageWithTheSamePlatformId() {
    Conversation c = conversation(WA, "t1", T0);
    tx(tx -> {
      tx.insertConversation(c);
      tx.insertMessage(inbound(c, "wamid.1", "Hallo", T0));
      return null;
    });
    assertThrows(StoreConflictException.class, () -> tx(tx -> {
      tx.insertMessage(inbound(c, "wamid.1", "Hallo", T0));
      return null;
    }));
  }

  @Test
  void givesAnOutboundMessageItsPlatformIdOnce() {
    Conversation c = conversation(WA, "t1", T0);
    Message queued = Message.builder(MessageId.of("m-q"), c.id(), WA, Direction.OUTBOUND,
        Participant.agent("u-17", "Sanne"), T0).text("Antwoord").build();
    tx(tx -> {
      tx.insertConversation(c);
      tx.insertMessage(queued);
      return null;
    });
    Message sent = tx(tx -> tx.updateMessage(
        queued.toBuilder().platformId("wamid.out").status(DeliveryStatus.SENT).build()));
    assertEquals(1, sent.version());
    assertEquals(Optional.of(sent), tx(tx -> tx.messageByPlatformId(WA, "wamid.out")));
    assertThrows(StoreConflictException.class,
        () -> tx(tx -> tx.updateMessage(queued.toBuilder().text("stale").build())));
  }

  @Test
  void findsContactsByHandleAndKeepsHandlesUnique() {
    Handle wa = new Handle(WA, "31612345678");
    Handle fb = new Handle(FB, "psid-1");
    Contact jan = new Contact(ContactId.of("k-1"), "Jan de Vries", Set.of(wa));
    tx(tx -> {
      tx.saveContact(jan);
      return null;
    });
    assertEquals(Optional.of(jan), tx(tx -> tx.contactByHandle(wa)));
    Contact both = jan.withHandle(fb);
    tx(tx -> {
      tx.saveContact(both);
      return null;
    });
    assertEquals(Optional.of(both), tx(tx -> tx.contactByHandle(fb)));
    assertEquals(Optional.of(both), tx(tx -> tx.contact(jan.id())));

    Contact other = new Contact(ContactId.of("k-2"), "Piet", Set.of(fb));
    assertThrows(StoreConflictException.class, () -> tx(tx -> {
      tx.saveContact(other);
      return null;
    }));
  }

  @Test
  void savesCursorsPerChannel() {
    tx(tx -> {
      tx.saveCursor(WA, "since_id", "100");
      tx.saveCursor(FB, "since_id", "7");
      return null;
    });
    tx(tx -> {
      tx.saveCursor(WA, "since_id", "101");
      return null;
    });
    assertEquals(Optional.of("101"), tx(tx -> tx.cursor(WA, "since_id")));
    assertEquals(Optional.of("7"), tx(tx -> tx.cursor(FB, "since_id")));
    assertTrue(tx(tx -> tx.cursor(WA, "other")).isEmpty());
  }

  @Test
  void queriesByEveryCriterionNewestFirst() {
    Conversation a = conversation(WA, "a", T0.plusSeconds(1));
    Conversation b = conversation(WA, "b", T0.plusSeconds(2)).toBuilder()
        .assignee("u-17").label("woz").state(ConversationState.PENDING).build();
    Conversation c = Conversation.builder(ConversationId.of("c-c"), FB, "c", Visibility.PUBLIC,
            T0)
        .participant(Participant.inwoner("fb-9", "Klaas Bakker"))
        .subject("Post over afvalcontainers")
        .lastActivityAt(T0.plusSeconds(3))
        .build();
    tx(tx -> {
      tx.insertConversation(a);
      tx.insertConversation(b);
      tx.insertConversation(c);
      tx.insertMessage(inbound(a, "wamid.a", "Mijn container is niet geleegd", T0));
      return null;
    });

    assertEquals(List.of(c, b, a), ids(InboxQuery.all(), c, b, a));
    assertEquals(List.of(b, a), ids(InboxQuery.builder().channel(WA).build(), c, b, a));
    assertEquals(List.of(b),
        ids(InboxQuery.builder().state(ConversationState.PENDING).build(), c, b, a));
    assertEquals(List.of(c, a), ids(InboxQuery.builder().state(ConversationState.OPEN)
        .build(), c, b, a));
    assertEquals(List.of(c),
        ids(InboxQuery.builder().visibility(Visibility.PUBLIC).build(), c, b, a));
    assertEquals(List.of(b), ids(InboxQuery.builder().assignee("u-17").build(), c, b, a));
    assertEquals(List.of(c, a), ids(InboxQuery.builder().unassigned().build(), c, b, a));
    assertEquals(List.of(b), ids(InboxQuery.builder().label("woz").build(), c, b, a));
    assertEquals(List.of(a), ids(InboxQuery.builder().text("CONTAINER is").build(), c, b, a));
    assertEquals(List.of(c), ids(InboxQuery.builder().text("afvalcontainers").build(), c, b, a));
    assertEquals(List.of(c), ids(InboxQuery.builder().text("klaas").build(), c, b, a));
    assertEquals(List.of(), ids(InboxQuery.builder().text("%").build(), c, b, a));
    assertEquals(List.of(), ids(InboxQuery.builder().channel(WA).visibility(Visibility.PUBLIC)
        .build(), c, b, a));
  }

  private List<Conversation> ids(InboxQuery query, Conversation... all) {
    return tx(tx -> tx.conversations(query)).items();
  }

  @Test
  void pagesThroughEveryConversationExactlyOnce() {
    tx(tx -> {
      for (int i = 0; i < 23; i++) {
        // several share an activity time, so the id must break ties
        tx.insertConversation(conversation(WA, "t" + i, T0.plusSeconds(i / 3)));
      }
      return null;
    });
    Set<ConversationId> seen = new HashSet<>();
    List<Conversation> order = new ArrayList<>();
    InboxQuery query = InboxQuery.builder().limit(5).build();
    int pages = 0;
    while (true) {
      InboxQuery q = query;
      Page<Conversation> page = tx(tx -> tx.conversations(q));
      pages++;
      for (Conversation c : page.items()) {
        assertTrue(seen.add(c.id()), "seen twice: " + c.id());
        order.add(c);
      }
      if (page.nextCursor().isEmpty()) {
        break;
      }
      assertEquals(5, page.items().size());
      query = query.after(page.nextCursor().get());
    }
    assertEquals(23, seen.size());
    assertEquals(5, pages);
    for (int i = 1; i < order.size(); i++) {
      assertFalse(order.get(i).lastActivityAt().isAfter(order.get(i - 1).lastActivityAt()));
    }
  }

  @Test
  void refusesACursorItDidNotMake() {
    InboxQuery q = InboxQuery.builder().cursor("not-a-cursor").build();
    assertThrows(IllegalArgumentException.class, () -> tx(tx -> tx.conversations(q)));
  }
}
