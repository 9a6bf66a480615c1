package org.webcare4j.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.message;
import static org.webcare4j.core.testing.Deliveries.signed;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.testing.HttpTestChannel;
import org.webcare4j.core.testing.Postgres;
import org.webcare4j.core.testing.TestPlatform;

/** Two instances of the host application on one PostgreSQL database. */
class ClusterTest {
  private static final int CHANNELS = 4;
  private static final int THREADS_PER_CHANNEL = 25;
  private static final int MESSAGES_PER_THREAD = 10;

  private static Webcare instance(String name, HikariDataSource pool, TestPlatform platform) {
    Webcare.Builder b = Webcare.builder()
        .store(JdbcWebcareStore.create(pool))
        .instanceId(name)
        .dispatchExecutor(Runnable::run)
        .outboxPolicy(OutboxHarness.fastPolicy())
        .httpClient(OutboxHarness.fastClient());
    for (int c = 0; c < CHANNELS; c++) {
      b.channel(new HttpTestChannel("channel-" + c, platform.url()));
    }
    return b.build();
  }

  @Test
  void twoInstancesDispatchAThousandMessagesWithNoDuplicateAndNoLoss() throws Exception {
    String url = Postgres.newDatabase();
    try (TestPlatform platform = new TestPlatform();
        HikariDataSource poolA = Postgres.pool(url, 8);
        HikariDataSource poolB = Postgres.pool(url, 8)) {
      Webcare a = instance("instance-a", poolA, platform);
      Webcare b = instance("instance-b", poolB, platform);

      // Inwoners write in on every channel; half the deliveries reach each instance.
      List<ConversationId> conversations = new ArrayList<>();
      long now = Instant.now().getEpochSecond();
      for (int c = 0; c < CHANNELS; c++) {
        HttpTestChannel channel = (HttpTestChannel) a.channels().get(c);
        for (int t = 0; t < THREADS_PER_CHANNEL; t++) {
          Webcare receiver = t % 2 == 0 ? a : b;
          receiver.webhooks().handle(signed(channel.receiver(),
              body(message("in-" + c + "-" + t, "3161" + c + t, "Vraag", now))));
        }
      }
      for (var conv : a.inbox().query(InboxQuery.builder().limit(500).build()).items()) {
        conversations.add(conv.id());
      }
      assertEquals(CHANNELS * THREADS_PER_CHANNEL, conversations.size());

      // Both instances send; the outbox of each channel is drained by the lease holder.
      List<OutboxHandle> handles = new ArrayList<>();
      for (int m = 0; m < MESSAGES_PER_THREAD; m++) {
        for (int i = 0; i < conversations.size(); i++) {
          Webcare sender = (i + m) % 2 == 0 ? a : b;
          handles.add(sender.outbox().send(conversations.get(i),
              OutboundMessage.text(OutboxHarness.SANNE, "Antwoord " + m + " op " + i).build()));
        }
      }
      assertEquals(1000, handles.size());

      // Halfway, instance A stops; B takes over its channels when A's leases are released.
      while (platform.allDeliveries().size() < 400) {
        Thread.sleep(20);
      }
      a.close();
      for (OutboxHandle h : handles) {
        OutboxEntry done = b.outbox().handle(h.id()).await(Duration.ofSeconds(90));
        assertEquals(OutboxState.SENT, done.state(), done.toString());
      }
      b.close();

      Map<String, Integer> deliveries = platform.allDeliveries();
      assertEquals(1000, deliveries.size(), "no loss");
      assertTrue(deliveries.values().stream().allMatch(n -> n == 1), "no duplicate");
      try (JdbcWebcareStore store = JdbcWebcareStore.create(poolA)) {
        assertEquals(1000, store.inTransaction(tx -> tx.outboxEntries(Optional.empty(),
            EnumSet.of(OutboxState.SENT), 2000)).size());
        assertTrue(store.inTransaction(tx -> tx.outboxEntries(Optional.empty(),
            EnumSet.complementOf(EnumSet.of(OutboxState.SENT)), 10)).isEmpty());
      }
    }
  }
}
