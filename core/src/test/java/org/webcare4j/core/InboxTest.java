package org.webcare4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.message;
import static org.webcare4j.core.testing.Deliveries.signed;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.error.NotFoundException;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.ConversationState;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.testing.TestChannel;

class InboxTest {
  private final TestChannel channel =
      new TestChannel("whatsapp-main", Secret.of("app-secret"), Secret.of("verify-me"));
  private final Webcare webcare = Webcare.builder().store(InMemoryWebcareStore.create())
      .channel(channel).dispatchExecutor(Runnable::run).build();

  @AfterEach
  void close() {
    webcare.close();
  }

  private ConversationId received(String thread) {
    webcare.webhooks().handle(signed(channel,
        body(message("wamid." + thread, thread, "Hallo", 1_700_000_000L))));
    return webcare.inbox().query(InboxQuery.builder().text("").build()).items().stream()
        .filter(c -> c.platformThreadId().equals(thread)).findFirst().orElseThrow().id();
  }

  @Test
  void assignsLabelsAndResolves() {
    ConversationId id = received("31611111111");
    webcare.inbox().assign(id, "u-17");
    webcare.inbox().addLabel(id, " afval ");
    webcare.inbox().addLabel(id, "klacht");
    webcare.inbox().removeLabel(id, "klacht");
    Conversation c = webcare.inbox().setState(id, ConversationState.RESOLVED);

    assertEquals(Optional.of("u-17"), c.assignee());
    assertEquals(java.util.Set.of("afval"), c.labels());
    assertEquals(ConversationState.RESOLVED, c.state());
    assertEquals(c, webcare.inbox().conversation(id).orElseThrow());
    assertEquals(List.of(id), webcare.inbox().query(InboxQuery.builder().assignee("u-17")
        .label("afval").state(ConversationState.RESOLVED).build()).items().stream()
        .map(Conversation::id).toList());

    assertEquals(Optional.empty(), webcare.inbox().unassign(id).assignee());
  }

  @Test
  void anUnchangedConversationKeepsItsVersion() {
    ConversationId id = received("31611111111");
    Conversation once = webcare.inbox().assign(id, "u-17");
    Conversation twice = webcare.inbox().assign(id, "u-17");
    assertEquals(once.version(), twice.version());
  }

  @Test
  void concurrentChangesAreAllKept() throws Exception {
    ConversationId id = received("31611111111");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String label = "label-" + i;
        done.add(pool.submit(() -> webcare.inbox().addLabel(id, label)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(40, webcare.inbox().conversation(id).orElseThrow().labels().size());
  }

  @Test
  void refusesWorkOnAnUnknownConversation() {
    ConversationId unknown = ConversationId.of("nope");
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> webcare.inbox().assign(unknown, "u-1"));
    assertEquals("nope", e.id());
    assertThrows(NotFoundException.class, () -> webcare.inbox().messages(unknown));
    assertTrue(webcare.inbox().conversation(unknown).isEmpty());
  }

  @Test
  void refusesABuilderWithoutAStoreOrWithDuplicateChannels() {
    IllegalStateException noStore = assertThrows(IllegalStateException.class,
        () -> Webcare.builder().channel(channel).build());
    assertTrue(noStore.getMessage().contains("store"));
    assertThrows(IllegalArgumentException.class,
        () -> Webcare.builder().channel(channel).channel(channel));
  }
}
