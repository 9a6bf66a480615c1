package org.webcare4j.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.testing.HttpTestChannel;
import org.webcare4j.core.testing.TestPlatform;
import org.webcare4j.core.testing.TestPlatform.Fault;

/**
 * The outbox against a platform that misbehaves in every documented way: each message ends sent
 * or failed with the platform's reason, and none is acted on twice.
 */
class OutboxFaultTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private TestPlatform platform;
  private OutboxHarness h;

  @BeforeEach
  void start() throws Exception {
    platform = new TestPlatform();
    h = new OutboxHarness(new HttpTestChannel("whatsapp-main", platform.url()));
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
    platform.close();
  }

  private Message message(OutboxHandle handle) {
    return h.store.inTransaction(tx -> tx.message(handle.message().orElseThrow())).orElseThrow();
  }

  private void assertNoneTwice() {
    for (Map.Entry<String, Integer> e : platform.allDeliveries().entrySet()) {
      assertEquals(1, e.getValue(), "delivered twice: " + e.getKey());
    }
  }

  @Test
  void sendsAReplyAndRecordsThePlatformId() throws Exception {
    ConversationId c = h.conversation("31611111111");
    OutboxHandle handle = h.send(c, "Goedemiddag Jan, de container wordt morgen geleegd. ^Sanne");

    OutboxEntry done = handle.await(WAIT);
    assertEquals(OutboxState.SENT, done.state());
    assertEquals(1, done.attempts());
    Message m = message(handle);
    assertEquals(DeliveryStatus.SENT, m.status());
    assertEquals(done.result().orElseThrow().platformId(), m.platformId());
    assertEquals(1, platform.deliveries(done.idempotencyKey()));
  }

  @Test
  void waitsAsLongAsA429AsksThenSucceeds() throws Exception {
    platform.then(Fault.RATE_LIMITED);
    ConversationId c = h.conversation("31611111111");
    OutboxEntry done = h.send(c, "Antwoord").await(WAIT);

    assertEquals(OutboxState.SENT, done.state());
    assertEquals(0, done.attempts() - 1, "a rate-limit refusal is not an attempt");
    List<Instant> arrivals = platform.arrivals();
    assertEquals(2, arrivals.size());
    Duration waited = Duration.between(arrivals.get(0), arrivals.get(1));
    assertTrue(waited.compareTo(Duration.ofSeconds(2)) >= 0, "retried after " + waited);
    assertTrue(waited.compareTo(Duration.ofSeconds(4)) < 0, "waited too long: " + waited);
    assertNoneTwice();
  }

  @Test
  void retriesA5xxBurstWithBackoffAndSendsOnce() throws Exception {
    platform.then(Fault.UNAVAILABLE, Fault.UNAVAILABLE, Fault.UNAVAILABLE);
    ConversationId c = h.conversation("31611111111");
    OutboxEntry done = h.send(c, "Antwoord").await(WAIT);

    assertEquals(OutboxState.SENT, done.state());
    assertEquals(4, platform.arrivals().size());
    assertTrue(done.attempts() >= 2, "queued retry counted: " + done.attempts());
    assertNoneTwice();
  }

  @Test
  void aPermanentRefusalFailsOnceWithThePlatformsReason() throws Exception {
    platform.then(Fault.INVALID_RECIPIENT);
    ConversationId c = h.conversation("31611111111");
    OutboxHandle handle = h.send(c, "Antwoord");
    OutboxEntry done = handle.await(WAIT);

    assertEquals(OutboxState.FAILED, done.state());
    assertEquals("invalid_recipient", done.failure().orElseThrow().code());
    assertTrue(done.failure().orElseThrow().reason().contains("recipient cannot be reached"));
    assertEquals(1, platform.arrivals().size(), "a permanent refusal is never retried");
    Message m = message(handle);
    assertEquals(DeliveryStatus.FAILED, m.status());
    assertEquals("invalid_recipient", m.failure().orElseThrow().code());
  }

  @Test
  void anExpiredTokenIsNotRetried() throws Exception {
    platform.then(Fault.TOKEN_EXPIRED);
    OutboxEntry done = h.send(h.conversation("31611111111"), "Antwoord").await(WAIT);
    assertEquals(OutboxState.FAILED, done.state());
    assertEquals("token_expired", done.failure().orElseThrow().code());
    assertTrue(done.failure().orElseThrow().reason().contains("whatsapp-main"));
    assertEquals(1, platform.arrivals().size());
  }

  @Test
  void aTimeoutAfterThePlatformActedIsLookedUpNotRepeated() throws Exception {
    platform.then(Fault.ACCEPT_BUT_ANSWER_LATE);
    OutboxEntry done = h.send(h.conversation("31611111111"), "Antwoord").await(WAIT);

    assertEquals(OutboxState.SENT, done.state());
    assertEquals(1, platform.arrivals().size());
    assertTrue(done.result().orElseThrow().platformId().isPresent());
    assertNoneTwice();
  }

  @Test
  void aResetBeforeThePlatformActedIsLookedUpAndSentAgain() throws Exception {
    platform.then(Fault.RESET_BEFORE_ACTING);
    OutboxEntry done = h.send(h.conversation("31611111111"), "Antwoord").await(WAIT);

    assertEquals(OutboxState.SENT, done.state());
    assertEquals(2, platform.arrivals().size());
    assertNoneTwice();
  }

  @Test
  void aResetAfterThePlatformActedIsNotRepeated() throws Exception {
    platform.then(Fault.ACCEPT_THEN_RESET);
    OutboxEntry done = h.send(h.conversation("31611111111"), "Antwoord").await(WAIT);
    assertEquals(OutboxState.SENT, done.state());
    assertEquals(1, platform.arrivals().size());
    assertNoneTwice();
  }

  @Test
  void withoutALookupAnUnknownOutcomeIsPossiblySentNeverRepeated() throws Exception {
    platform.withoutLookup().then(Fault.ACCEPT_BUT_ANSWER_LATE);
    OutboxHandle handle = h.send(h.conversation("31611111111"), "Antwoord");
    OutboxEntry done = handle.await(WAIT);

    assertEquals(OutboxState.POSSIBLY_SENT, done.state());
    assertTrue(done.failure().orElseThrow().reason().contains("check before resending"));
    assertEquals(1, platform.arrivals().size());
    assertEquals(List.of(done), h.webcare.outbox().entries(OutboxState.POSSIBLY_SENT, 10));
    assertEquals("POSSIBLY_SENT", message(handle).failure().orElseThrow().code());

    // A person checked the platform and decides to send it again.
    OutboxEntry resent = h.webcare.outbox().resend(done.id(), "u-17").await(WAIT);
    assertEquals(OutboxState.SENT, resent.state());
    assertEquals(DeliveryStatus.SENT, message(handle).status());
  }

  @Test
  void aPlatformDownForAWhileOpensTheBreakerAndEverythingGoesOutAfterwards() throws Exception {
    Instant up = Instant.now().plusSeconds(3);
    platform.downUntil(up);
    ConversationId c = h.conversation("31611111111");
    List<OutboxHandle> handles = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      handles.add(h.send(h.conversation("3162222222" + i), "Antwoord " + i));
    }
    handles.add(h.send(c, "nog een"));

    List<OutboxEntry> done = h.awaitAll(handles, WAIT);
    assertTrue(done.stream().allMatch(e -> e.state() == OutboxState.SENT), done.toString());
    long duringOutage = platform.arrivals().stream().filter(a -> a.isBefore(up)).count();
    // Without a breaker: 11 entries x (1 + 1 quick retry) x several queued retries in 3 s.
    // With it (3 failures open it for 1 s): a few probes only.
    assertTrue(duringOutage <= 16, "hammered the platform while down: " + duringOutage);
    assertNoneTwice();
  }

  @Test
  void aMessageThatKeepsFailingEndsDeadAfterTheRetryBudget() throws Exception {
    platform.downUntil(Instant.now().plusSeconds(3600));
    OutboxHandle handle = h.send(h.conversation("31611111111"), "Antwoord");
    OutboxEntry done = handle.await(Duration.ofSeconds(30));
    assertEquals(OutboxState.DEAD, done.state());
    assertEquals(4, done.attempts());
    assertEquals("unavailable", done.failure().orElseThrow().code());
    assertEquals(DeliveryStatus.FAILED, message(handle).status());
  }

  @Test
  void oneThreadsRepliesGoOutInOrderEvenWhenTheFirstIsRetried() throws Exception {
    platform.then(Fault.UNAVAILABLE, Fault.UNAVAILABLE);
    ConversationId c = h.conversation("31611111111");
    List<OutboxHandle> handles = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      handles.add(h.send(c, "deel " + i));
    }
    h.awaitAll(handles, WAIT);
    assertEquals(List.of("deel 1", "deel 2", "deel 3", "deel 4", "deel 5"),
        platform.acceptedTexts());
  }

  @Test
  void theSameIdempotencyKeySendsOnce() throws Exception {
    ConversationId c = h.conversation("31611111111");
    OutboundMessage reply = OutboundMessage.text(OutboxHarness.SANNE, "Antwoord")
        .idempotencyKey("form-submit-42").build();
    OutboxHandle first = h.webcare.outbox().send(c, reply);
    OutboxHandle second = h.webcare.outbox().send(c, reply);
    assertEquals(first.id(), second.id());
    first.await(WAIT);
    assertEquals(1, platform.deliveries("form-submit-42"));
    assertEquals(2, h.webcare.inbox().messages(c).size(), "one inbound, one outbound");

    OutboundMessage other = OutboundMessage.text(OutboxHarness.SANNE, "Iets anders")
        .idempotencyKey("form-submit-42").build();
    assertThrows(IllegalArgumentException.class, () -> h.webcare.outbox().send(c, other));
  }

  @Test
  void reportsTheBudgetThePlatformAnnounced() throws Exception {
    platform.quota(100, Duration.ofSeconds(60));
    h.send(h.conversation("31611111111"), "Antwoord").await(WAIT);
    RateBudget budget = h.webcare.outbox().budget(h.channel.id());
    RateBudget.Bucket messages = budget.bucket("messages").orElseThrow();
    assertEquals(99, messages.remaining().getAsLong());
    assertEquals(100, messages.limit().getAsLong());
    assertTrue(messages.resetsAt().isPresent());
    assertFalse(budget.pausedUntil().isPresent());
  }
}
