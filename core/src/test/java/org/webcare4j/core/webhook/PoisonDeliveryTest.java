package org.webcare4j.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webcare4j.core.testing.Deliveries.signed;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.event.UnreadableItem;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.testing.Postgres;
import org.webcare4j.core.testing.TestChannel;

/**
 * A signed delivery holding what some store cannot keep as it is — U+0000 (PostgreSQL refuses
 * it), lone surrogates, an id with a control character or of 600 characters, times of 0 and of
 * the far future — is answered 200 on every store, never the 503 that would make the platform
 * retry the poison for ever: text is cleaned, impossible times become the time received, and
 * what cannot be filed is kept as unreadable.
 */
class PoisonDeliveryTest {
  private static final String NUL = "\\u0000";

  private static String message(String id, String text, String name, long ts) {
    return "{\"type\":\"message\",\"id\":\"" + id + "\",\"thread\":\"31600000001\",\"from\":"
        + "\"31600000001\",\"name\":\"" + name + "\",\"text\":\"" + text + "\",\"ts\":" + ts + "}";
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "h2", "postgres"})
  void poisonIsCleanedOrKeptAndNeverRefusedForEver(String kind, @TempDir Path dir) {
    HikariDataSource pool = kind.equals("postgres") ? Postgres.pool(Postgres.newDatabase(), 4)
        : null;
    WebcareStore store = switch (kind) {
      case "memory" -> InMemoryWebcareStore.create();
      case "h2" -> JdbcWebcareStore.embedded(dir);
      default -> JdbcWebcareStore.create(pool);
    };
    TestChannel channel = new TestChannel("whatsapp-main", Secret.of("s"), Secret.of("v"));
    Instant before = Instant.now();
    try (store; Webcare webcare = Webcare.builder().store(store).channel(channel)
        .dispatchExecutor(Runnable::run).build()) {
      String body = "{\"events\":["
          + message("wamid.nul", "Hallo" + NUL + "daar \\ud800 en \\udc00", "Jan" + NUL, 1700000000)
          + "," + message("wamid.ctl" + NUL, "id met een NUL", "Piet", 1700000001)
          + "," + message("wamid." + "x".repeat(600), "te lang id", "Piet", 1700000002)
          + "," + message("wamid.epoch", "tijd nul", "Piet", 0)
          + "," + message("wamid.future", "verre toekomst", "Piet", 99_999_999_999L)
          + "," + message("wamid.fine", "gewoon", "Piet", 1700000003) + "]}";

      WebhookResponse answer = webcare.webhooks().handle(signed(channel, body));

      assertEquals(200, answer.status(), answer.bodyText());
      Map<String, Message> stored = webcare.inbox().query(InboxQuery.all()).items().stream()
          .flatMap(c -> webcare.inbox().messages(c.id()).stream())
          .collect(Collectors.toMap(m -> m.platformId().orElseThrow(), Function.identity()));
      assertEquals(List.of("wamid.epoch", "wamid.fine", "wamid.future", "wamid.nul"),
          stored.keySet().stream().sorted().toList());
      assertEquals("Hallodaar \uFFFD en \uFFFD",
          stored.get("wamid.nul").text());
      assertEquals("Jan", stored.get("wamid.nul").author().displayName());
      for (String late : List.of("wamid.epoch", "wamid.future")) {
        Instant at = stored.get(late).sentAt();
        assertTrue(!at.isBefore(before) && at.isBefore(Instant.now().plus(Duration.ofMinutes(1))),
            late + " filed at the time received, not " + at);
      }
      assertEquals(Instant.ofEpochSecond(1700000003), stored.get("wamid.fine").sentAt());
      List<UnreadableItem> kept = webcare.unreadableItems(10);
      assertEquals(2, kept.size(), kept.toString());
      assertTrue(kept.stream().allMatch(i -> !i.json().contains("\u0000")));
      assertEquals(List.of("events[1]", "events[2]"), kept.stream()
          .map(UnreadableItem::location).sorted(Comparator.naturalOrder()).toList());
    } finally {
      if (pool != null) {
        pool.close();
      }
    }
  }
}
