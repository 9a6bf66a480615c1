package org.webcare4j.core.outbox;

import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.message;
import static org.webcare4j.core.testing.Deliveries.signed;

import java.nio.file.Path;
import java.time.Instant;
import okhttp3.HttpUrl;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.testing.HttpTestChannel;

/**
 * The process {@link EmbeddedCrashTest} kills: on the embedded H2 default it files inwoner
 * messages from several threads at once and prints {@code ACK <id>} once each was answered 200,
 * queues a reply to every fourth and prints {@code SENT <key>} once {@code send()} returned,
 * until it is killed.
 */
public final class EmbeddedCrashWorker {
  private EmbeddedCrashWorker() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    HttpUrl platform = HttpUrl.get(args[1]);
    HttpTestChannel channel = new HttpTestChannel("crash-channel", platform);
    JdbcWebcareStore store = JdbcWebcareStore.embedded(dir);
    Webcare webcare = Webcare.builder().store(store).channel(channel)
        .instanceId("embedded").dispatchExecutor(Runnable::run)
        .outboxPolicy(CrashWorker.policy()).httpClient(OutboxHarness.fastClient()).build();
    long now = Instant.now().getEpochSecond();
    long started = System.nanoTime();
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    // Several threads at once, as a webhook server's pool delivers: the commits they share are
    // what a crash must not tear apart.
    for (int t = 0; t < THREADS; t++) {
      Thread thread = new Thread(() -> {
        while (true) {
          deliver(webcare, store, channel, next.getAndIncrement(), now, started);
        }
      }, "delivery-" + t);
      thread.start();
    }
  }

  /** Threads delivering at once. */
  static final int THREADS = 4;

  private static void deliver(Webcare webcare, JdbcWebcareStore store, HttpTestChannel channel,
      int i, long now, long started) {
    String thread = "316" + (20_000_000 + i);
    int status = webcare.webhooks().handle(signed(channel.receiver(),
        body(message("in-" + i, thread, "Vraag " + i, now)))).status();
    if (status != 200) {
      System.out.println("REFUSED in-" + i + " " + status);
      return;
    }
    System.out.println("ACK in-" + i);
    if (i % 4 == 0) {
      Conversation c = store.inTransaction(tx -> tx.conversationByThread(channel.id(),
          thread)).orElseThrow();
      webcare.outbox().send(c.id(), OutboundMessage.text(OutboxHarness.SANNE, "Antwoord " + i)
          .idempotencyKey("reply-" + i).build());
      System.out.println("SENT reply-" + i);
    }
    if (i % 200 == 0) {
      System.out.println("RATE " + (i * 1e9 / Math.max(1, System.nanoTime() - started)));
    }
    System.out.flush();
  }
}
