package org.webcare4j.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.testing.HttpTestChannel;
import org.webcare4j.core.testing.TestPlatform;

/**
 * With a platform allowing N requests per window and announcing its budget in {@code
 * x-rate-limit-*} headers, the dispatcher uses at least 95 % of every full window and drops
 * nothing.
 */
class OutboxQuotaTest {
  private static final int N = 20;
  private static final Duration WINDOW = Duration.ofSeconds(2);

  @Test
  void usesAtLeast95PercentOfTheQuotaAndDropsNothing() throws Exception {
    try (TestPlatform platform = new TestPlatform().quota(N, WINDOW);
        OutboxHarness h = new OutboxHarness(new HttpTestChannel("x-main", platform.url()))) {
      List<ConversationId> threads = new ArrayList<>();
      for (int i = 0; i < 130; i++) {
        threads.add(h.conversation("3165" + String.format("%07d", i)));
      }
      List<OutboxHandle> handles = new ArrayList<>();
      for (int i = 0; i < threads.size(); i++) {
        handles.add(h.send(threads.get(i), "Antwoord " + i));
      }
      List<OutboxEntry> done = h.awaitAll(handles, Duration.ofSeconds(60));

      assertTrue(done.stream().allMatch(e -> e.state() == OutboxState.SENT), "all sent");
      platform.allDeliveries().values().forEach(n -> assertEquals(1, n));
      assertEquals(130, platform.allDeliveries().size());

      // Every window but the first and the last was fully in the run.
      Map<Long, Integer> used = platform.usedPerWindow();
      List<Integer> full = new ArrayList<>(used.values()).subList(1, used.size() - 1);
      int sent = full.stream().mapToInt(Integer::intValue).sum();
      double share = sent / (double) (N * full.size());
      System.out.printf("quota use per window %s, full windows at %.1f %% of N=%d, "
          + "%d refusals%n", used, share * 100, N, platform.rateLimitedAnswers());
      assertTrue(full.size() >= 3, "ran over several windows: " + used);
      assertTrue(share >= 0.95, "used only " + share + " of the quota: " + used);
    }
  }
}
