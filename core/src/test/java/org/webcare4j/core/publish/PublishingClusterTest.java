package org.webcare4j.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.testing.FastOutbox;
import org.webcare4j.core.testing.HttpTestChannel;
import org.webcare4j.core.testing.Postgres;
import org.webcare4j.core.testing.TestPlatform;

/** Two instances of the host application run the scheduler on one PostgreSQL database. */
class PublishingClusterTest {
  private static final int PUBLICATIONS = 200;
  private static final ChannelId FEED = ChannelId.of("feed");
  private static final ChannelId NEWS = ChannelId.of("news");

  private static Webcare instance(String name, HikariDataSource pool, TestPlatform platform) {
    return Webcare.builder()
        .store(JdbcWebcareStore.create(pool))
        .instanceId(name)
        .outboxPolicy(FastOutbox.policy())
        .publishing(PublishingPolicy.defaults().withApprovalRequired(false)
            .withPollInterval(Duration.ofMillis(20)))
        .channel(new HttpTestChannel("feed", platform.url()))
        .channel(new HttpTestChannel("news", platform.url()))
        .build();
  }

  @Test
  void twoInstancesPublishTwoHundredDuePublicationsExactlyOnceEach() throws Exception {
    String url = Postgres.newDatabase();
    try (TestPlatform platform = new TestPlatform();
        HikariDataSource poolA = Postgres.pool(url, 8);
        HikariDataSource poolB = Postgres.pool(url, 8)) {
      Webcare a = instance("a", poolA, platform);
      Webcare b = instance("b", poolB, platform);
      try {
        // All due at the same moment, a few seconds from now, written on either instance.
        ZonedDateTime at = ZonedDateTime.ofInstant(Instant.now().plusSeconds(3),
            PublishingPolicy.AMSTERDAM);
        List<PublicationId> ids = new ArrayList<>();
        for (int i = 0; i < PUBLICATIONS; i++) {
          Publications pubs = (i % 2 == 0 ? a : b).publications();
          Publication p = pubs.create("u-anna", PublicationDraft.text("Bericht nummer " + i
              + " van de gemeente.").channels(FEED, NEWS).build());
          pubs.schedule(p.id(), "u-anna", at);
          ids.add(p.id());
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline
            && a.publications().list(PublicationState.PUBLISHED, 1000).size() < PUBLICATIONS) {
          Thread.sleep(50);
        }
        assertEquals(PUBLICATIONS, a.publications().list(PublicationState.PUBLISHED, 1000)
            .size());

        // Each post reached the platform once: 200 publications on two channels.
        Map<String, Long> perText = platform.acceptedTexts().stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(PUBLICATIONS, perText.size(), "no publication lost");
        assertTrue(perText.values().stream().allMatch(n -> n == 2),
            "each publication once per channel: " + perText);

        // Exactly one scheduler claimed each; say which.
        Map<String, Long> claimedBy = ids.stream()
            .flatMap(id -> a.publications().history(id).stream())
            .filter(e -> e.action() == PublicationAction.PUBLISHING)
            .collect(Collectors.groupingBy(PublicationEvent::actor, Collectors.counting()));
        assertEquals(PUBLICATIONS, claimedBy.values().stream().mapToLong(Long::longValue).sum(),
            "one claim per publication: " + claimedBy);
        System.out.println("publications claimed per scheduler: " + claimedBy);
      } finally {
        a.close();
        b.close();
      }
    }
  }
}
