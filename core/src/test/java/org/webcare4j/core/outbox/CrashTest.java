package org.webcare4j.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.testing.HttpTestChannel;
import org.webcare4j.core.testing.Postgres;
import org.webcare4j.core.testing.TestPlatform;

/**
 * A host process is killed (SIGKILL, no shutdown hooks) in the middle of dispatching; a new
 * instance on the same database finishes the job. Each reply reaches the platform exactly once,
 * or, where the platform cannot be asked, is marked possibly sent; none is sent twice.
 */
class CrashTest {
  private static final int MESSAGES = 60;

  @ParameterizedTest(name = "platform lookup available: {0}, restarted as {1}")
  @CsvSource({"true, successor", "false, successor", "false, doomed"})
  void aKilledInstanceNeitherLosesNorDuplicatesMessages(boolean lookup, String restartedAs)
      throws Exception {
    String url = Postgres.newDatabase();
    try (TestPlatform platform = new TestPlatform().answerAfter(Duration.ofMillis(80))) {
      if (!lookup) {
        platform.withoutLookup();
      }
      Process worker = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          CrashWorker.class.getName(), url, platform.url().toString(),
          Integer.toString(MESSAGES))
          .redirectErrorStream(true)
          .start();
      try {
        BufferedReader out = new BufferedReader(
            new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("QUEUED")) {
          // skip the worker's log lines
        }
        assertEquals("QUEUED", line, "the worker queued its replies");
        Instant deadline = Instant.now().plusSeconds(30);
        while (platform.allDeliveries().size() < MESSAGES / 3 && Instant.now().isBefore(deadline)) {
          Thread.sleep(5);
        }
      } finally {
        worker.destroyForcibly();
        assertTrue(worker.waitFor(10, TimeUnit.SECONDS));
      }
      int beforeRestart = platform.allDeliveries().size();
      assertTrue(beforeRestart > 0 && beforeRestart < MESSAGES,
          "killed mid-dispatch, after " + beforeRestart + " of " + MESSAGES);

      try (HikariDataSource pool = Postgres.pool(url, 8)) {
        JdbcWebcareStore store = JdbcWebcareStore.create(pool);
        List<OutboxEntry> all;
        try (Webcare restarted = Webcare.builder().store(store)
            .channel(new HttpTestChannel("crash-channel", platform.url()))
            // "doomed" is the killed host's own name: a restart under its hostname must still
            // resolve what its previous run left sending
            .instanceId(restartedAs).dispatchExecutor(Runnable::run)
            .outboxPolicy(CrashWorker.policy()).httpClient(OutboxHarness.fastClient()).build()) {
          all = restarted.outbox().entries(OutboxState.QUEUED, 1);
          Instant deadline = Instant.now().plusSeconds(60);
          do {
            Thread.sleep(100);
            all = store.inTransaction(tx -> tx.outboxEntries(Optional.empty(),
                EnumSet.allOf(OutboxState.class), 1000));
          } while (all.stream().anyMatch(e -> !e.state().isTerminal())
              && Instant.now().isBefore(deadline));
        }
        assertEquals(MESSAGES, all.size());
        Map<String, Integer> deliveries = platform.allDeliveries();
        for (OutboxEntry e : all) {
          int n = deliveries.getOrDefault(e.idempotencyKey(), 0);
          assertTrue(n <= 1, e.idempotencyKey() + " sent " + n + " times");
          if (e.state() == OutboxState.SENT) {
            assertEquals(1, n, "marked sent but not received: " + e.idempotencyKey());
          } else {
            assertEquals(OutboxState.POSSIBLY_SENT, e.state(), e.toString());
            assertTrue(!lookup, "with a lookup nothing is left uncertain: " + e);
          }
        }
        long possiblySent = all.stream().filter(e -> e.state() == OutboxState.POSSIBLY_SENT)
            .count();
        System.out.printf("lookup=%s: killed after %d of %d, %d possibly sent%n", lookup,
            beforeRestart, MESSAGES, possiblySent);
        assertTrue(possiblySent <= CrashWorker.policy().concurrencyPerChannel(),
            "only what was in flight at the kill is uncertain: " + possiblySent);
      }
    }
  }
}
