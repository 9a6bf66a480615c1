package org.webcare4j.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
import org.webcare4j.core.channel.JournalEntry;
import org.webcare4j.core.error.StoreConflictException;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.event.UnreadableItem;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.ChannelPublication;
import org.webcare4j.core.model.Contact;
import org.webcare4j.core.model.ContactId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.ConversationState;
import org.webcare4j.core.model.DeliveryFailure;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.Handle;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.MessageFlag;
import org.webcare4j.core.model.MessageId;
import org.webcare4j.core.model.Page;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;
import org.webcare4j.core.model.PublicationVariant;
import org.webcare4j.core.model.ReplyWindow;
import org.webcare4j.core.model.ToneOverride;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxId;
import org.webcare4j.core.outbox.OutboxState;

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

  private boolean keep(UnreadableItem item) {
    return store.inTransaction(tx -> tx.keepUnreadable(item));
  }

  @Test
  void keepsAnUnreadableItemOncePerChannelAndListsTheNewestFirst() {
    String json = "{\"id\":\"wamid.1\",\"type\":\"text\",\"text\":{\"body\":\"Hallo \u00e9\u2603\"}}";
    UnreadableItem first = new UnreadableItem(WA, "entry[0].changes[0].value.messages[0]",
        "missing from", json, T0);
    UnreadableItem again = new UnreadableItem(WA, "entry[1].changes[0].value.messages[0]",
        "missing from", json, T0.plusSeconds(60));
    UnreadableItem elsewhere = new UnreadableItem(FB, "entry[0].messaging[0]", "missing mid",
        json, T0.plusSeconds(1));
    UnreadableItem other = new UnreadableItem(WA, "entry[0]", "changes is not an array",
        "{\"changes\":1}", T0.plusSeconds(2));

    assertTrue(keep(first));
    assertFalse(keep(again), "the same item twice");
    assertTrue(keep(elsewhere), "another channel");
    assertTrue(keep(other));

    List<UnreadableItem> kept = store.inTransaction(tx -> tx.unreadableItems(10));
    assertEquals(List.of(other, elsewhere, first), kept);
    assertEquals(List.of(other), store.inTransaction(tx -> tx.unreadableItems(1)));
  }

  @Test
  void forgetsAnUnreadableItemWhoseTransactionRolledBack() {
    UnreadableItem item = new UnreadableItem(WA, "body", "x", "{}", T0);
    assertThrows(IllegalStateException.class, () -> store.inTransaction(tx -> {
      tx.keepUnreadable(item);
      throw new IllegalStateException("store failed mid-way");
    }));
    assertEquals(List.of(), store.inTransaction(tx -> tx.unreadableItems(10)));
    assertTrue(keep(item));
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
  void tellsWhetherAnEventWasDispatched() {
    long seq = tx(tx -> tx.appendEvent(event(WA, "wamid.d1"), T0)).getAsLong();
    boolean before = tx(tx -> tx.isDispatched(seq));
    tx(tx -> {
      tx.markDispatched(seq);
      return null;
    });
    boolean after = tx(tx -> tx.isDispatched(seq));
    boolean unknown = tx(tx -> tx.isDispatched(seq + 1000));
    assertFalse(before);
    assertTrue(after);
    assertFalse(unknown, "an unknown event is not dispatched");
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
  void keepsToneFlagsAndOverridesAndFiltersByFlag() {
    Conversation abusive = conversation(WA, "t1", T0).toBuilder()
        .flags(java.util.EnumSet.of(MessageFlag.ABUSIVE, MessageFlag.NEEDS_ATTENTION)).build();
    Conversation calm = conversation(WA, "t2", T0.plusSeconds(5));
    Message flagged = inbound(abusive, "wamid.1", "Kutgemeente", T0).toBuilder()
        .flags(java.util.EnumSet.of(MessageFlag.ABUSIVE)).build();
    Message overridden = Message.builder(MessageId.of("m-out"), abusive.id(), WA,
            Direction.OUTBOUND, Participant.agent("u-17", "Sanne"), T0.plusSeconds(20))
        .text("Ik vind het ook jammer.")
        .toneOverride(new ToneOverride("Piet de Vries", "citaat van de wethouder",
            List.of("PERSONAL_OPINION"), T0.plusSeconds(19)))
        .build();
    tx(tx -> {
      tx.insertConversation(abusive);
      tx.insertConversation(calm);
      tx.insertMessage(flagged);
      tx.insertMessage(overridden);
      return null;
    });
    assertEquals(Optional.of(abusive), tx(tx -> tx.conversation(abusive.id())));
    assertEquals(Optional.of(flagged), tx(tx -> tx.message(flagged.id())));
    assertEquals(Optional.of(overridden), tx(tx -> tx.message(overridden.id())));
    assertEquals(List.of(abusive.id()), tx(tx -> tx.conversations(InboxQuery.builder()
        .flag(MessageFlag.NEEDS_ATTENTION).build())).items().stream()
        .map(Conversation::id).toList());
    assertEquals(List.of(), tx(tx -> tx.conversations(InboxQuery.builder()
        .flag(MessageFlag.PRIVACY_SHARED_PUBLICLY).build())).items());

    Conversation cleared = tx(tx -> tx.updateConversation(
        tx.conversation(abusive.id()).orElseThrow().toBuilder().clearFlags().build()));
    assertEquals(java.util.Set.of(), cleared.flags());
    assertEquals(List.of(), tx(tx -> tx.conversations(InboxQuery.builder()
        .flag(MessageFlag.ABUSIVE).build())).items());
  }

  @Test
  void listsRecentOutboundMessagesNewestFirst() {
    Conversation c = conversation(WA, "t1", T0);
    Conversation d = conversation(FB, "t2", T0);
    tx(tx -> {
      tx.insertConversation(c);
      tx.insertConversation(d);
      tx.insertMessage(inbound(c, "wamid.in", "Vraag", T0));
      for (int i = 0; i < 5; i++) {
        Conversation to = i % 2 == 0 ? c : d;
        tx.insertMessage(Message.builder(MessageId.of("out-" + i), to.id(), to.channel(),
                Direction.OUTBOUND, Participant.agent("u-17", "Sanne"), T0.plusSeconds(i))
            .text("Antwoord " + i).recordedAt(T0.plusSeconds(i)).build());
      }
      return null;
    });
    assertEquals(List.of("out-4", "out-3", "out-2"),
        tx(tx -> tx.recentOutboundMessages(T0.plusSeconds(1), 3)).stream()
            .map(m -> m.id().value()).toList());
    assertEquals(List.of("out-4"), tx(tx -> tx.recentOutboundMessages(T0.plusSeconds(4), 10))
        .stream().map(m -> m.id().value()).toList());
  }

  @Test
  void keepsPublicationsWithTheirZoneVariantsAndResults() {
    ChannelId ig = ChannelId.of("instagram-gemeente");
    Publication p = new Publication(PublicationId.of("pub-1"), "u-17", "De afvalkalender is uit.",
        List.of(), Optional.of("https://www.gemeente.nl/afval"),
        java.util.Map.of(ig, new PublicationVariant(Optional.of("Afvalkalender! #afval"),
            Optional.of(List.of(org.webcare4j.core.model.Attachment.builder(
                org.webcare4j.core.model.AttachmentKind.IMAGE).url("https://x.nl/a.jpg").build())),
            Optional.empty())),
        new java.util.LinkedHashMap<>(java.util.Map.of(FB, ChannelPublication.pending(FB), ig,
            ChannelPublication.pending(ig))),
        Optional.of(java.time.ZonedDateTime.of(2026, 3, 29, 10, 0, 0, 0,
            java.time.ZoneId.of("Europe/Amsterdam"))),
        PublicationState.SCHEDULED, T0, 0);
    tx(tx -> {
      tx.insertPublication(p);
      return null;
    });
    assertEquals(Optional.of(p), tx(tx -> tx.publication(p.id())));
    assertThrows(StoreConflictException.class, () -> tx(tx -> {
      tx.insertPublication(p);
      return null;
    }));

    Publication one = tx(tx -> tx.updatePublication(p.withResult(new ChannelPublication(FB,
        ChannelPublication.Status.PUBLISHED, Optional.of("104_7001"),
        Optional.of("https://www.facebook.com/104_7001"), Optional.of(T0), Optional.empty()))));
    assertEquals(1, one.version());
    assertEquals(PublicationState.SCHEDULED, one.state(), "one channel still pending");
    assertThrows(StoreConflictException.class, () -> tx(tx -> tx.updatePublication(p)),
        "an update from an old version");
    Publication both = tx(tx -> tx.updatePublication(one.withResult(new ChannelPublication(ig,
        ChannelPublication.Status.PUBLISHED, Optional.of("1792"), Optional.empty(),
        Optional.of(T0), Optional.empty()))));
    assertEquals(PublicationState.PUBLISHED, both.state());
    assertEquals(Optional.of(both), tx(tx -> tx.publication(p.id())));
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
  void numbersJournalRecordsPerChannelAndJournalAndPrunesIdleJournals() {
    assertEquals((Long) 1L, tx(tx -> tx.appendJournal(WA, "chat:a", T0, "start a")));
    assertEquals((Long) 2L, tx(tx -> tx.appendJournal(WA, "chat:a", T0.plusSeconds(1), "hallo")));
    assertEquals((Long) 1L, tx(tx -> tx.appendJournal(WA, "chat:b", T0.plusSeconds(2), "start b")));
    assertEquals((Long) 1L, tx(tx -> tx.appendJournal(FB, "chat:a", T0, "other channel")));
    assertThrows(IllegalStateException.class, () -> tx(tx -> {
      tx.appendJournal(WA, "chat:a", T0.plusSeconds(3), "rolled back");
      throw new IllegalStateException("crash");
    }));
    assertEquals((Long) 3L, tx(tx -> tx.appendJournal(WA, "chat:a", T0.plusSeconds(4), "dag")));

    List<JournalEntry> a = tx(tx -> tx.journal(WA, "chat:a", 0, 100));
    assertEquals(List.of("start a", "hallo", "dag"), a.stream().map(JournalEntry::payload)
        .toList());
    assertEquals(new JournalEntry("chat:a", 2, T0.plusSeconds(1), "hallo"), a.get(1));
    assertEquals(List.of(3L), tx(tx -> tx.journal(WA, "chat:a", 2, 100)).stream()
        .map(JournalEntry::seq).toList());
    assertEquals(1, tx(tx -> tx.journal(WA, "chat:a", 0, 1)).size());
    assertEquals(Map.of("chat:a", 3L, "chat:b", 1L), tx(tx -> tx.journalHeads(WA,
        T0.plusSeconds(1))));
    assertEquals(Map.of("chat:a", 3L), tx(tx -> tx.journalHeads(WA, T0.plusSeconds(3))));
    assertEquals(Map.of(), tx(tx -> tx.journalHeads(WA, T0.plusSeconds(5))));

    // chat:b was last written at T0+2s, chat:a at T0+4s.
    assertEquals((Integer) 1, tx(tx -> tx.pruneJournals(WA, T0.plusSeconds(3))));
    assertTrue(tx(tx -> tx.journal(WA, "chat:b", 0, 100)).isEmpty());
    assertEquals(3, tx(tx -> tx.journal(WA, "chat:a", 0, 100)).size());
    assertEquals(1, tx(tx -> tx.journal(FB, "chat:a", 0, 100)).size(), "another channel's");
  }

  @Test
  void numbersConcurrentJournalAppendsWithoutGapsOrTwins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String payload = "r" + i;
        results.add(pool.submit(() -> {
          start.await();
          return tx(tx -> tx.appendJournal(WA, "chat:race", T0, payload));
        }));
      }
      start.countDown();
      java.util.Set<Long> numbers = new java.util.TreeSet<>();
      for (Future<Long> r : results) {
        numbers.add(r.get());
      }
      assertEquals(40, numbers.size(), "no number twice");
      assertEquals(40L, java.util.Collections.max(numbers), "no gaps");
      assertEquals(40, tx(tx -> tx.journal(WA, "chat:race", 0, 100)).size());
    } finally {
      pool.shutdownNow();
    }
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
  // ---- event log round trip ----

  @Test
  void keepsEveryEventTypeExactly() {
    List<org.webcare4j.core.event.InboundEvent> events = List.of(
        new MessageReceived(WA, "wamid.9", "31612345678", JAN, "Met bijlage",
            List.of(org.webcare4j.core.model.Attachment.builder(
                    org.webcare4j.core.model.AttachmentKind.DOCUMENT)
                .mediaId("m-1").mimeType("application/pdf").fileName("brief.pdf")
                .sizeBytes(1234).property("sha256", "abc=").build()),
            Optional.of("wamid.8"), Optional.of("Onderwerp"), T0),
        new org.webcare4j.core.event.CommentReceived(FB, "c1", "p1_c1", "p1", Optional.empty(),
            JAN, "Reactie", List.of(), Optional.of("Post"), T0),
        new org.webcare4j.core.event.MentionReceived(FB, "x1", "conv1", JAN, "@gemeente",
            List.of(), Optional.empty(), T0),
        new org.webcare4j.core.event.ReactionReceived(WA, "r1", "wamid.9", JAN,
            Optional.of("\uD83D\uDC4D"), T0),
        new org.webcare4j.core.event.DeliveryStatusChanged(WA, "wamid.out",
            DeliveryStatus.FAILED, Optional.of(new DeliveryFailure("131047", "window")), T0),
        new org.webcare4j.core.event.CommentEdited(FB, "c1", "Nieuw", T0),
        new org.webcare4j.core.event.CommentDeleted(FB, "c1", T0),
        new org.webcare4j.core.event.CommentHidden(FB, "c1", true, T0));
    tx(tx -> {
      events.forEach(e -> tx.appendEvent(e, T0));
      return null;
    });
    assertEquals(events, tx(tx -> tx.undispatchedEvents(100)).stream()
        .map(EventRecord::event).toList());
  }

  @Test
  void findsTheStatusReportsOfOnePlatformMessage() {
    var delivered = new org.webcare4j.core.event.DeliveryStatusChanged(WA, "wamid.out",
        DeliveryStatus.DELIVERED, Optional.empty(), T0);
    var read = new org.webcare4j.core.event.DeliveryStatusChanged(WA, "wamid.out",
        DeliveryStatus.READ, Optional.empty(), T0.plusSeconds(5));
    var other = new org.webcare4j.core.event.DeliveryStatusChanged(WA, "wamid.other",
        DeliveryStatus.READ, Optional.empty(), T0);
    tx(tx -> {
      tx.appendEvent(delivered, T0);
      tx.appendEvent(other, T0);
      tx.appendEvent(read, T0);
      tx.appendEvent(event(WA, "wamid.out"), T0);
      return null;
    });
    assertEquals(List.of(delivered, read), tx(tx -> tx.deliveryStatuses(WA, "wamid.out")));
    assertTrue(tx(tx -> tx.deliveryStatuses(FB, "wamid.out")).isEmpty());
  }

  // ---- outbox ----

  private int outboxCounter;

  protected OutboxEntry entry(String thread, Instant due) {
    String n = String.format("%04d", ++outboxCounter);
    var op = new org.webcare4j.core.channel.SendMessage(WA, ConversationId.of("c-" + thread),
        MessageId.of("m-out-" + n), thread, Visibility.PRIVATE, "Antwoord " + n, List.of(),
        Optional.empty(), Optional.of(new org.webcare4j.core.channel.MessageTemplate("klaar",
            "nl", List.of("Jan"))), Optional.of("jan@example.nl"), Optional.of("WOZ"),
        Optional.of("Sanne"));
    OutboxEntry e = OutboxEntry.queued(OutboxId.of("0000-" + n), "key-" + n, op, T0);
    return e.requeued(due, 0, Optional.empty(), T0);
  }

  private void insert(OutboxEntry... entries) {
    tx(tx -> {
      for (OutboxEntry e : entries) {
        tx.insertOutboxEntry(e);
      }
      return null;
    });
  }

  @Test
  void keepsOutboxEntriesExactlyAndTheirKeysUnique() {
    OutboxEntry e = entry("t1", T0);
    insert(e);
    assertEquals(Optional.of(e), tx(tx -> tx.outboxEntry(e.id())));
    assertEquals(Optional.of(e), tx(tx -> tx.outboxEntryByKey("key-0001")));
    OutboxEntry sameKey = new OutboxEntry(OutboxId.of("other"), e.idempotencyKey(), WA,
        e.operation(), OutboxState.QUEUED, 0, T0, T0, T0, Optional.empty(), Optional.empty(),
        Optional.empty(), 0);
    assertThrows(StoreConflictException.class, () -> insert(sameKey));

    OutboxEntry sent = tx(tx -> tx.updateOutboxEntry(e.sending("instance-a", T0)
        .sent(org.webcare4j.core.channel.OperationResult.created("wamid.x"), 1, T0)));
    assertEquals(1, sent.version());
    assertEquals(Optional.of(sent), tx(tx -> tx.outboxEntry(e.id())));
    assertThrows(StoreConflictException.class,
        () -> tx(tx -> tx.updateOutboxEntry(e.sending("instance-b", T0))));
  }

  @Test
  void claimsDueEntriesOldestFirstAndOnePerThreadAtATime() {
    OutboxEntry a1 = entry("a", T0);
    OutboxEntry a2 = entry("a", T0);
    OutboxEntry b1 = entry("b", T0.plusSeconds(60));
    OutboxEntry b2 = entry("b", T0);
    OutboxEntry c1 = entry("c", T0);
    insert(a1, a2, b1, b2, c1);

    List<OutboxEntry> claimable = tx(tx -> tx.claimableOutboxEntries(WA, T0, 10));
    // a2 waits for a1; b2 waits for b1, which is not yet due.
    assertEquals(List.of(a1.id(), c1.id()), claimable.stream().map(OutboxEntry::id).toList());
    assertEquals(List.of(a1.id()),
        tx(tx -> tx.claimableOutboxEntries(WA, T0, 1)).stream().map(OutboxEntry::id).toList());
    assertTrue(tx(tx -> tx.claimableOutboxEntries(FB, T0, 10)).isEmpty());

    tx(tx -> tx.updateOutboxEntry(a1.sending("me", T0)));
    assertEquals(List.of(c1.id()), tx(tx -> tx.claimableOutboxEntries(WA, T0, 10)).stream()
        .map(OutboxEntry::id).toList(), "a2 still waits while a1 is sending");
    OutboxEntry a1sending = tx(tx -> tx.outboxEntry(a1.id())).orElseThrow();
    tx(tx -> tx.updateOutboxEntry(a1sending.ended(OutboxState.FAILED,
        new DeliveryFailure("400", "refused"), 1, T0)));
    assertEquals(List.of(a2.id(), c1.id()), tx(tx -> tx.claimableOutboxEntries(WA, T0, 10))
        .stream().map(OutboxEntry::id).toList(), "a failed entry no longer holds up its thread");

    assertEquals(Optional.of(T0), tx(tx -> tx.nextOutboxAttempt(WA)));
    assertTrue(tx(tx -> tx.nextOutboxAttempt(FB)).isEmpty());
    assertEquals(List.of(a1.id()), tx(tx -> tx.outboxEntries(Optional.of(WA),
        java.util.EnumSet.of(OutboxState.FAILED), 10)).stream().map(OutboxEntry::id).toList());
    assertEquals(4, tx(tx -> tx.outboxEntries(Optional.empty(),
        java.util.EnumSet.of(OutboxState.QUEUED), 10)).size());
  }

  private static Publication publication(String id, PublicationState state,
      Optional<Instant> at) {
    return new Publication(PublicationId.of(id), "u-17", "Bericht " + id, List.of(),
        Optional.empty(), java.util.Map.of(),
        java.util.Map.of(FB, ChannelPublication.pending(FB)),
        at.map(i -> i.atZone(java.time.ZoneId.of("Europe/Amsterdam"))), state, T0, 0);
  }

  private void insert(Publication... publications) {
    tx(tx -> {
      for (Publication p : publications) {
        tx.insertPublication(p);
      }
      return null;
    });
  }

  @Test
  void claimsDuePublicationsAndListsThemByTimeAndState() {
    insert(publication("late", PublicationState.SCHEDULED, Optional.of(T0.plusSeconds(60))),
        publication("due", PublicationState.SCHEDULED, Optional.of(T0.minusSeconds(1))),
        publication("now", PublicationState.SCHEDULED, Optional.of(T0)),
        publication("draft", PublicationState.DRAFT, Optional.empty()),
        publication("paused", PublicationState.PAUSED, Optional.of(T0.minusSeconds(5))));
    assertEquals(List.of("due", "now"), tx(tx -> tx.claimDuePublications(T0, 10)).stream()
        .map(p -> p.id().value()).toList());
    assertEquals(List.of("due"), tx(tx -> tx.claimDuePublications(T0, 1)).stream()
        .map(p -> p.id().value()).toList());
    assertEquals(List.of("paused", "due", "now", "late", "draft"),
        tx(tx -> tx.publications(Set.of(), Optional.empty(), Optional.empty(), 10)).stream()
            .map(p -> p.id().value()).toList());
    assertEquals(List.of("due", "now", "late"), tx(tx -> tx.publications(
        Set.of(PublicationState.SCHEDULED), Optional.empty(), Optional.empty(), 10)).stream()
            .map(p -> p.id().value()).toList());
    assertEquals(List.of("due", "now"), tx(tx -> tx.publications(Set.of(),
        Optional.of(T0.minusSeconds(1)), Optional.of(T0.plusSeconds(60)), 10)).stream()
            .map(p -> p.id().value()).toList());
    Publication due = tx(tx -> tx.publication(PublicationId.of("due"))).orElseThrow();
    tx(tx -> tx.updatePublication(due.withState(PublicationState.PUBLISHING)));
    assertEquals(List.of("now"), tx(tx -> tx.claimDuePublications(T0, 10)).stream()
        .map(p -> p.id().value()).toList());
  }

  @Test
  void concurrentSchedulersNeverClaimTheSamePublication() throws Exception {
    for (int i = 0; i < 40; i++) {
      insert(publication("p-" + i, PublicationState.SCHEDULED, Optional.of(T0)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<PublicationId>>> claims = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        claims.add(pool.submit(() -> {
          start.await();
          List<PublicationId> mine = new ArrayList<>();
          for (int round = 0; round < 20; round++) {
            try {
              mine.addAll(tx(tx -> {
                List<PublicationId> got = new ArrayList<>();
                for (Publication p : tx.claimDuePublications(T0, 3)) {
                  got.add(tx.updatePublication(p.withState(PublicationState.PUBLISHING)).id());
                }
                return got;
              }));
            } catch (StoreConflictException lostTheRace) {
              // another scheduler took one of these first; try again
            }
          }
          return mine;
        }));
      }
      start.countDown();
      Set<PublicationId> all = new HashSet<>();
      int total = 0;
      for (Future<List<PublicationId>> f : claims) {
        List<PublicationId> mine = f.get();
        total += mine.size();
        all.addAll(mine);
      }
      assertEquals(total, all.size(), "a publication was claimed twice");
      assertEquals(40, all.size(), "every publication was claimed");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void keepsAPublicationsTrailInOrderAndOneCrisisPause() {
    PublicationId id = PublicationId.of("pub-trail");
    List<org.webcare4j.core.publish.PublicationEvent> trail = List.of(
        new org.webcare4j.core.publish.PublicationEvent(id, T0, "u-17",
            org.webcare4j.core.publish.PublicationAction.CREATED, PublicationState.DRAFT,
            PublicationState.DRAFT, Optional.empty(), Optional.empty()),
        new org.webcare4j.core.publish.PublicationEvent(id, T0.plusSeconds(1), "outbox",
            org.webcare4j.core.publish.PublicationAction.PUBLISHED, PublicationState.PUBLISHING,
            PublicationState.PUBLISHED, Optional.of(FB), Optional.of("post 104_1")));
    tx(tx -> {
      trail.forEach(tx::appendPublicationEvent);
      tx.appendPublicationEvent(new org.webcare4j.core.publish.PublicationEvent(
          PublicationId.of("other"), T0, "u-18",
          org.webcare4j.core.publish.PublicationAction.CREATED, PublicationState.DRAFT,
          PublicationState.DRAFT, Optional.empty(), Optional.empty()));
      return null;
    });
    assertEquals(trail, tx(tx -> tx.publicationEvents(id)));

    assertEquals(Optional.empty(), tx(WebcareStoreContract::crisis));
    var pause = new org.webcare4j.core.publish.CrisisPause("Brand", "u-17", T0);
    tx(tx -> {
      tx.saveCrisisPause(Optional.of(pause));
      return null;
    });
    assertEquals(Optional.of(pause), tx(WebcareStoreContract::crisis));
    assertEquals(Optional.of(pause), tx(StoreTransaction::lockCrisisPause));
    tx(tx -> {
      tx.saveCrisisPause(Optional.empty());
      return null;
    });
    assertEquals(Optional.empty(), tx(WebcareStoreContract::crisis));
  }

  private static Optional<org.webcare4j.core.publish.CrisisPause> crisis(StoreTransaction tx) {
    return tx.crisisPause();
  }

  @Test
  void concurrentClaimersNeverClaimTheSameEntry() throws Exception {
    for (int i = 0; i < 40; i++) {
      insert(entry("thread-" + i, T0));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<OutboxId>>> claims = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String owner = "instance-" + w;
        claims.add(pool.submit(() -> {
          start.await();
          List<OutboxId> mine = new ArrayList<>();
          for (int round = 0; round < 20; round++) {
            try {
              mine.addAll(tx(tx -> {
                List<OutboxId> got = new ArrayList<>();
                for (OutboxEntry e : tx.claimableOutboxEntries(WA, T0, 3)) {
                  got.add(tx.updateOutboxEntry(e.sending(owner, T0)).id());
                }
                return got;
              }));
            } catch (StoreConflictException lostTheRace) {
              // another claimer took one of these first; try again
            }
          }
          return mine;
        }));
      }
      start.countDown();
      Set<OutboxId> all = new HashSet<>();
      int total = 0;
      for (Future<List<OutboxId>> f : claims) {
        List<OutboxId> mine = f.get();
        total += mine.size();
        all.addAll(mine);
      }
      assertEquals(total, all.size(), "an entry was claimed twice");
      assertEquals(40, all.size(), "every entry was claimed");
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- leases ----

  private boolean lease(String name, String owner, Instant now) {
    return tx(tx -> tx.tryLease(name, owner, now, java.time.Duration.ofSeconds(30)));
  }

  @Test
  void aLeaseHasOneHolderUntilItExpiresOrIsReleased() {
    assertTrue(lease("outbox:wa", "a", T0));
    assertFalse(lease("outbox:wa", "b", T0.plusSeconds(10)));
    assertTrue(lease("outbox:wa", "a", T0.plusSeconds(20)), "renewed");
    assertFalse(lease("outbox:wa", "b", T0.plusSeconds(40)),
        "the renewal moved the expiry");
    assertTrue(lease("outbox:fb", "b", T0), "another lease is free");
    assertTrue(lease("outbox:wa", "b", T0.plusSeconds(51)), "expired");
    tx(tx -> {
      tx.releaseLease("outbox:wa", "a");
      return null;
    });
    assertFalse(lease("outbox:wa", "a", T0.plusSeconds(52)),
        "releasing a lease one does not hold does nothing");
    tx(tx -> {
      tx.releaseLease("outbox:wa", "b");
      return null;
    });
    assertTrue(lease("outbox:wa", "a", T0.plusSeconds(53)));
  }

  @Test
  void concurrentInstancesNeverHoldOneLeaseTogether() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> takes = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String owner = "instance-" + w;
        takes.add(pool.submit(() -> {
          start.await();
          try {
            return tx(tx -> tx.tryLease("outbox:race", owner, T0, java.time.Duration.ofMinutes(1)));
          } catch (StoreConflictException lostTheRace) {
            return false;
          }
        }));
      }
      start.countDown();
      int holders = 0;
      for (Future<Boolean> f : takes) {
        holders += f.get() ? 1 : 0;
      }
      assertEquals(1, holders);
    } finally {
      pool.shutdownNow();
    }
  }
}
