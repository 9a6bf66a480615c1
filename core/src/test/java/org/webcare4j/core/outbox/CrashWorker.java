package org.webcare4j.core.outbox;

import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.message;
import static org.webcare4j.core.testing.Deliveries.signed;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import okhttp3.HttpUrl;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.testing.HttpTestChannel;
import org.webcare4j.core.testing.Postgres;

/**
 * The process {@link CrashTest} kills: it files inwoner messages, queues a reply to each, prints
 * {@code QUEUED} and dispatches until it is killed.
 */
public final class CrashWorker {
  private CrashWorker() {}

  static OutboxPolicy policy() {
    // the harness's fast policy, with a longer lease: this JVM is killed mid-send
    return OutboxHarness.fastPolicy().toBuilder().leaseDuration(Duration.ofSeconds(2)).build();
  }

  public static void main(String[] args) throws Exception {
    String jdbcUrl = args[0];
    HttpUrl platform = HttpUrl.get(args[1]);
    int count = Integer.parseInt(args[2]);
    HikariDataSource pool = Postgres.pool(jdbcUrl, 8);
    HttpTestChannel channel = new HttpTestChannel("crash-channel", platform);
    Webcare webcare = Webcare.builder().store(JdbcWebcareStore.create(pool)).channel(channel)
        .instanceId("doomed").dispatchExecutor(Runnable::run).outboxPolicy(policy())
        .httpClient(OutboxHarness.fastClient()).build();
    long now = Instant.now().getEpochSecond();
    for (int i = 0; i < count; i++) {
      webcare.webhooks().handle(signed(channel.receiver(),
          body(message("in-" + i, "316" + (10_000_000 + i), "Vraag " + i, now))));
    }
    for (var c : webcare.inbox().query(InboxQuery.builder().limit(500).build()).items()) {
      ConversationId id = c.id();
      webcare.outbox().send(id, OutboundMessage.text(OutboxHarness.SANNE, "Antwoord aan "
          + c.platformThreadId()).idempotencyKey("reply-" + c.platformThreadId()).build());
    }
    System.out.println("QUEUED");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
