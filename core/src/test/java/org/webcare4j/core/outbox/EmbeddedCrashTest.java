package org.webcare4j.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.testing.HttpTestChannel;
import org.webcare4j.core.testing.TestPlatform;

/**
 * The embedded H2 default is killed (SIGKILL, in a JVM of its own) while it takes deliveries and
 * queues replies: every delivery it answered 200 is in the store once, and every reply whose
 * {@code send()} returned is sent exactly once, by the instance that opens the file next.
 */
class EmbeddedCrashTest {
  private static final int ACKS_BEFORE_KILL = 600;

  @Test
  void whatTheEmbeddedStoreAcknowledgedSurvivesAKill(@TempDir Path dir) throws Exception {
    try (TestPlatform platform = new TestPlatform().answerAfter(Duration.ofMillis(20))) {
      List<String> acked = new ArrayList<>();
      List<String> sent = new ArrayList<>();
      List<String> rates = new ArrayList<>();
      Process worker = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          EmbeddedCrashWorker.class.getName(), dir.toString(), platform.url().toString())
          .redirectErrorStream(true).start();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
        Instant deadline = Instant.now().plusSeconds(120);
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            acked.add(line.substring(4));
          } else if (line.startsWith("SENT ")) {
            sent.add(line.substring(5));
          } else if (line.startsWith("RATE ")) {
            rates.add(line.substring(5));
          }
          if (acked.size() == ACKS_BEFORE_KILL || Instant.now().isAfter(deadline)) {
            // SIGKILL, no shutdown hook; through the handle, so that what the worker printed
            // before it died can still be read to the end
            worker.toHandle().destroyForcibly();
          }
        }
      }
      assertTrue(worker.waitFor(10, TimeUnit.SECONDS));
      assertTrue(acked.size() >= ACKS_BEFORE_KILL, "the worker acknowledged " + acked.size());
      System.out.printf("embedded kill -9: %d acknowledged, %d sends returned, %s deliveries/s%n",
          acked.size(), sent.size(), rates.isEmpty() ? "?" : rates.get(rates.size() - 1));

      HttpTestChannel channel = new HttpTestChannel("crash-channel", platform.url());
      ChannelId id = channel.id();
      try (JdbcWebcareStore store = JdbcWebcareStore.embedded(dir);
          Webcare restarted = Webcare.builder().store(store).channel(channel)
              .instanceId("embedded").dispatchExecutor(Runnable::run)
              .outboxPolicy(CrashWorker.policy()).httpClient(OutboxHarness.fastClient())
              .build()) {
        List<String> lost = new ArrayList<>();
        for (String in : acked) {
          if (store.inTransaction(tx -> tx.messageByPlatformId(id, in)).isEmpty()) {
            lost.add(in);
          }
        }
        assertEquals(List.of(), lost, "answered 200 but not on disk");
        List<OutboxEntry> entries;
        Instant deadline = Instant.now().plusSeconds(60);
        do {
          Thread.sleep(100);
          entries = store.inTransaction(tx -> tx.outboxEntries(Optional.empty(),
              EnumSet.allOf(OutboxState.class), 100_000));
        } while (entries.stream().anyMatch(e -> !e.state().isTerminal())
            && Instant.now().isBefore(deadline));
        for (String key : sent) {
          assertEquals(1, platform.deliveries(key), key + " returned from send()");
        }
        for (OutboxEntry e : entries) {
          assertTrue(platform.deliveries(e.idempotencyKey()) <= 1, e + " sent twice");
        }
        assertTrue(restarted.outbox().entries(OutboxState.POSSIBLY_SENT, 10).isEmpty(),
            "with a lookup nothing is left uncertain");
      }
    }
  }
}
