package org.webcare4j.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.http.OAuthTokens;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.testkit.XSimulator;

/** Polling for accounts without webhooks: resumes from the stored position after a restart. */
class XPollingTest {
  private static final ChannelId ID = ChannelId.of("x-gemeente");

  private static Webcare webcare(JdbcWebcareStore store, XSimulator x) {
    return Webcare.builder().store(store).channel(XChannel.builder(ID).userId(x.userId())
        .baseUrl(x.baseUrl()).oauth2(OAuthTokens.of(x.accessToken()), x.clientId(), Optional.empty())
        .polling(Duration.ofMillis(100)).build()).build();
  }

  private static int messages(Webcare w) {
    return w.inbox().query(InboxQuery.builder().limit(100).build()).items().stream()
        .mapToInt(c -> w.inbox().messages(c.id()).size()).sum();
  }

  private static long mentionPolls(XSimulator x) {
    return x.calls().stream().filter(c -> c.path().endsWith("/mentions")).count();
  }

  private static void await(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.get() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(condition.get(), "condition not met in time");
  }

  @Test
  void pollingResumesFromTheStoredPositionWithoutMissingOrRepeating(@TempDir Path dir)
      throws Exception {
    try (XSimulator x = XSimulator.builder().build()) {
      String root = x.mention("3001969357", "furiouscamper", "@gemeente Lantaarnpaal stuk",
          Optional.empty()).id();
      x.directMessage("3001969358", "sem_nl", "Wanneer is het zwembad open?");
      try (JdbcWebcareStore store = JdbcWebcareStore.embedded(dir)) {
        Webcare first = webcare(store, x);
        await(() -> messages(first) == 2);
        first.close();
      }

      // While the host is down: a reply in the thread, a new mention, another DM.
      x.mention("3001969357", "furiouscamper", "@gemeente Nog steeds stuk", Optional.of(root));
      x.mention("3001969359", "ava", "@gemeente Waar kan ik parkeren?", Optional.empty());
      x.directMessage("3001969358", "sem_nl", "En op zondag?");

      try (JdbcWebcareStore store = JdbcWebcareStore.embedded(dir)) {
        Webcare second = webcare(store, x);
        await(() -> messages(second) == 5);
        // Three more complete polling rounds (counted at the simulator): nothing may come twice.
        long mentionPolls = mentionPolls(x);
        await(() -> mentionPolls(x) >= mentionPolls + 3);
        assertEquals(5, messages(second));
        List<Conversation> all = second.inbox().query(InboxQuery.builder().build()).items();
        assertEquals(3, all.size(), "two public threads and one DM conversation");
        Conversation thread = all.stream().filter(c -> c.platformThreadId().equals(root))
            .findFirst().orElseThrow();
        assertEquals(2, second.inbox().messages(thread.id()).size());
        assertEquals(1, all.stream().filter(c -> c.visibility() == Visibility.PRIVATE).count());
        second.close();
      }
      List<String> sinceIds = x.calls().stream()
          .filter(c -> c.path().endsWith("/mentions") && c.query().contains("since_id="))
          .map(XSimulator.Call::query).toList();
      assertTrue(sinceIds.stream().anyMatch(q -> q.contains("since_id=" + root)),
          "after the restart the poll asks from the stored position: " + sinceIds);
    }
  }
}
