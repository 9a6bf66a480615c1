package org.webcare4j.linkedin;

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
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.testkit.LinkedInSimulator;

/** Polling the comments on recent posts resumes from the stored position after a restart. */
class LinkedInPollingTest {
  private static final ChannelId ID = ChannelId.of("linkedin-gemeente");

  private static Webcare webcare(JdbcWebcareStore store, LinkedInSimulator li) {
    return Webcare.builder().store(store).channel(LinkedInChannel.builder(ID)
        .organizationId(li.organizationId()).baseUrl(li.baseUrl())
        .tokens(OAuthTokens.of(li.accessToken())).polling(Duration.ofMillis(100)).build())
        .build();
  }

  private static int messages(Webcare w) {
    return w.inbox().query(InboxQuery.builder().limit(100).build()).items().stream()
        .mapToInt(c -> w.inbox().messages(c.id()).size()).sum();
  }

  private static long commentPolls(LinkedInSimulator li) {
    return li.calls().stream().filter(c -> c.method().equals("GET")
        && c.path().endsWith("/comments")).count();
  }

  private static void await(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.get() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(condition.get(), "condition not met in time");
  }

  @Test
  void resumesFromTheStoredPositionWithoutMissingOrRepeating(@TempDir Path dir)
      throws Exception {
    try (LinkedInSimulator li = LinkedInSimulator.builder().build()) {
      String vacancy = li.existingPost("Vacature beleidsadviseur");
      String fair = li.existingPost("Banenbeurs 12 juni");
      String first = li.comment("vGvKjdnbpT", vacancy, "Parttime mogelijk?", Optional.empty())
          .commentUrn();
      li.comment("Xy12AbCd", fair, "Waar is het?", Optional.empty());
      try (JdbcWebcareStore store = JdbcWebcareStore.embedded(dir)) {
        Webcare w = webcare(store, li);
        await(() -> messages(w) == 2);
        w.close();
      }

      li.comment("vGvKjdnbpT", vacancy, "En het salaris?", Optional.of(first));
      li.comment("Qq99ZzYy", fair, "Gratis toegang?", Optional.empty());

      try (JdbcWebcareStore store = JdbcWebcareStore.embedded(dir)) {
        Webcare w = webcare(store, li);
        await(() -> messages(w) == 4);
        // Three more polls of the comments (counted at the simulator): nothing may come twice.
        long commentPolls = commentPolls(li);
        await(() -> commentPolls(li) >= commentPolls + 3);
        assertEquals(4, messages(w), "nothing twice");
        List<Conversation> threads = w.inbox().query(InboxQuery.builder().build()).items();
        assertEquals(2, threads.size(), "one thread per post");
        assertTrue(threads.stream().allMatch(c -> c.platformThreadId().equals(vacancy)
            || c.platformThreadId().equals(fair)));
        w.close();
      }
    }
  }
}
