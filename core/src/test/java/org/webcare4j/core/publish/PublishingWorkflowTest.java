package org.webcare4j.core.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.error.FourEyesViolationException;
import org.webcare4j.core.error.PublicationStateException;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.ChannelPublication;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;
import org.webcare4j.core.model.PublicationVariant;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxPolicy;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.publish.InvalidPublicationException;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.testing.FastOutbox;
import org.webcare4j.core.testing.HttpTestChannel;
import org.webcare4j.core.testing.MutableClock;
import org.webcare4j.core.testing.TestPlatform;

/**
 * The publishing workflow on one instance, against a platform over real HTTP, with a clock the
 * test moves: approval, scheduling across summer time, the crisis pause, missed publications and
 * the audit trail.
 */
class PublishingWorkflowTest {
  private static final ChannelId FEED = ChannelId.of("feed");
  private static final ChannelId NEWS = ChannelId.of("news");
  /** Friday 26 March 2027, 11:00 in Amsterdam (winter time); summer time starts on Sunday. */
  private static final Instant FRIDAY = Instant.parse("2027-03-26T10:00:00Z");

  private final MutableClock clock = new MutableClock(FRIDAY);
  private final List<Webcare> running = new ArrayList<>();
  private TestPlatform platform;

  @BeforeEach
  void platform() throws Exception {
    platform = new TestPlatform(clock);
  }

  @AfterEach
  void close() throws Exception {
    running.forEach(Webcare::close);
    platform.close();
  }

  private static OutboxPolicy fastOutbox() {
    return FastOutbox.policy().toBuilder()
        .immediateRetries(0)
        .retryDelay(Duration.ofSeconds(10))
        .maxRetryDelay(Duration.ofMinutes(1))
        .breakerFailures(50)
        .pollInterval(Duration.ofMillis(50))
        .build();
  }

  private Webcare webcare(WebcareStore store, PublishingPolicy policy) {
    Webcare w = Webcare.builder()
        .store(store)
        .clock(clock)
        .instanceId("test")
        .outboxPolicy(fastOutbox())
        .publishing(policy.withPollInterval(Duration.ofMillis(50)))
        .channel(new HttpTestChannel("feed", platform.url()))
        .channel(new HttpTestChannel("news", platform.url()))
        .build();
    running.add(w);
    return w;
  }

  private Webcare withApproval() {
    return webcare(InMemoryWebcareStore.create(), PublishingPolicy.defaults());
  }

  private Webcare withoutApproval() {
    return webcare(InMemoryWebcareStore.create(),
        PublishingPolicy.defaults().withApprovalRequired(false));
  }

  private static PublicationDraft draft(String text) {
    return PublicationDraft.text(text).channels(FEED, NEWS).build();
  }

  private static Publication await(Webcare w, PublicationId id, PublicationState state)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Publication p = w.publications().get(id).orElseThrow();
    while (p.state() != state && System.nanoTime() < deadline) {
      Thread.sleep(20);
      p = w.publications().get(id).orElseThrow();
    }
    assertEquals(state, p.state(), () -> "history: " + w.publications().history(id));
    return p;
  }

  /** Lets the scheduler and the dispatcher poll a few times. */
  private static void settle() throws InterruptedException {
    Thread.sleep(400);
  }

  private static List<PublicationAction> actions(Webcare w, PublicationId id) {
    return w.publications().history(id).stream().map(PublicationEvent::action).toList();
  }

  @Test
  void theApproverIsNeitherTheAuthorNorAnEditor() {
    Webcare w = withApproval();
    Publications pubs = w.publications();
    Publication p = pubs.create("u-anna", draft("Vanaf maandag is het Stadskantoor open tot 20.00 uur."));
    pubs.edit(p.id(), "u-bram", draft("Vanaf maandag is het Stadskantoor elke dag open tot 20.00 uur."));
    Publication submitted = pubs.schedule(p.id(), "u-anna",
        LocalDateTime.of(2027, 3, 30, 9, 0));
    assertEquals(PublicationState.AWAITING_APPROVAL, submitted.state());

    FourEyesViolationException byAuthor = assertThrows(FourEyesViolationException.class,
        () -> pubs.approve(p.id(), "u-anna", ""));
    assertEquals("u-anna", byAuthor.person());
    assertThrows(FourEyesViolationException.class, () -> pubs.approve(p.id(), "u-bram", ""));
    assertThrows(FourEyesViolationException.class,
        () -> pubs.reject(p.id(), "u-bram", "te lang"));
    assertThrows(IllegalArgumentException.class, () -> pubs.reject(p.id(), "u-carla", " "));
    assertEquals(PublicationState.AWAITING_APPROVAL, pubs.get(p.id()).orElseThrow().state());

    Publication rejected = pubs.reject(p.id(), "u-carla", "Noem ook de zaterdag.");
    assertEquals(PublicationState.REJECTED, rejected.state());
    PublicationEvent rejection = pubs.history(p.id()).get(pubs.history(p.id()).size() - 1);
    assertEquals("u-carla", rejection.actor());
    assertEquals(Optional.of("Noem ook de zaterdag."), rejection.detail());
    assertThrows(PublicationStateException.class, () -> pubs.approve(p.id(), "u-carla", ""));

    pubs.schedule(p.id(), "u-anna", LocalDateTime.of(2027, 3, 30, 9, 0));
    Publication approved = pubs.approve(p.id(), "u-carla", "Akkoord");
    assertEquals(PublicationState.SCHEDULED, approved.state());
  }

  @Test
  void editingAScheduledPublicationReturnsItToDraftWhenApprovalIsRequired() {
    Webcare w = withApproval();
    Publications pubs = w.publications();
    Publication p = pubs.create("u-anna", draft("De markt staat zaterdag op het Stationsplein."));
    pubs.schedule(p.id(), "u-anna", LocalDateTime.of(2027, 3, 27, 9, 0));
    pubs.approve(p.id(), "u-carla", "");
    Publication edited = pubs.edit(p.id(), "u-anna",
        draft("De markt staat zaterdag op het Stationsplein, van 8.00 tot 14.00 uur."));
    assertEquals(PublicationState.DRAFT, edited.state());
    assertEquals(List.of(PublicationAction.CREATED, PublicationAction.SUBMITTED,
        PublicationAction.APPROVED, PublicationAction.EDITED), actions(w, p.id()));

    // Without approval an edit keeps it scheduled, but only with content that validates.
    Webcare free = withoutApproval();
    Publication q = free.publications().create("u-anna", draft("Zaterdag is er markt."));
    free.publications().schedule(q.id(), "u-anna", LocalDateTime.of(2027, 3, 27, 9, 0));
    assertEquals(PublicationState.SCHEDULED, free.publications().edit(q.id(), "u-anna",
        draft("Zaterdag is er markt op het plein.")).state());
    InvalidPublicationException tooLong = assertThrows(InvalidPublicationException.class,
        () -> free.publications().edit(q.id(), "u-anna", draft("x".repeat(501))));
    assertTrue(tooLong.report().channel(FEED).has("POST_LENGTH"));
    assertEquals("Zaterdag is er markt op het plein.",
        free.publications().get(q.id()).orElseThrow().text());
  }

  @Test
  void validationBlocksSchedulingPerChannel() {
    Webcare w = withoutApproval();
    Publications pubs = w.publications();
    Publication p = pubs.create("u-anna", PublicationDraft.text("Kort bericht voor beide.")
        .channels(FEED)
        .variant(NEWS, PublicationVariant.text("Lang ".repeat(120)))
        .link("ftp://gemeente.nl/nieuws")
        .build());
    PublicationReport report = pubs.validate(p.id());
    assertFalse(report.schedulable());
    assertFalse(report.channel(FEED).has("POST_LENGTH"));
    assertTrue(report.channel(NEWS).has("POST_LENGTH"));
    assertEquals(600, report.channel(NEWS).length());
    assertTrue(report.channel(FEED).has("LINK"));
    InvalidPublicationException e = assertThrows(InvalidPublicationException.class,
        () -> pubs.schedule(p.id(), "u-anna", LocalDateTime.of(2027, 3, 27, 9, 0)));
    assertTrue(e.getMessage().contains("news (POST_LENGTH"), e.getMessage());
    assertEquals(PublicationState.DRAFT, pubs.get(p.id()).orElseThrow().state());

    // Tone rules run on every variant; reply-only rules (sign-off, the three A's) do not.
    PublicationReport tone = pubs.validate(PublicationDraft.text(
        "Ik vind het een mooi plan. Bel 06-12345678 voor vragen.").channels(FEED).build());
    assertTrue(tone.channel(FEED).has("PERSONAL_OPINION"));
    assertTrue(tone.channel(FEED).has("PRIVACY_IN_PUBLIC"));
    assertFalse(tone.channel(FEED).has("SIGN_OFF"));
    assertFalse(tone.channel(FEED).has("TRIPLE_A"));
    assertTrue(pubs.validate(draft("Het Stadskantoor is maandag gesloten vanwege Pasen."))
        .schedulable());
  }

  @Test
  void aScheduleKeepsItsWallClockTimeAcrossTheChangeToSummerTime() throws Exception {
    Webcare w = withoutApproval();
    Publications pubs = w.publications();
    Publication p = pubs.create("u-anna", draft("Maandag om 9 uur opent de nieuwe bibliotheek."));
    // Scheduled on Friday (UTC+1) for Monday 09:00, which is summer time (UTC+2).
    Publication s = pubs.schedule(p.id(), "u-anna", LocalDateTime.of(2027, 3, 29, 9, 0));
    assertEquals(Instant.parse("2027-03-29T07:00:00Z"), s.scheduledFor().orElseThrow().toInstant());
    assertEquals(ZonedDateTime.parse("2027-03-29T09:00+02:00[Europe/Amsterdam]"),
        s.scheduledFor().orElseThrow());

    // 02:30 on the Sunday does not exist; 02:30 on the last Sunday of October exists twice.
    assertThrows(IllegalArgumentException.class,
        () -> pubs.schedule(p.id(), "u-anna", LocalDateTime.of(2027, 3, 28, 2, 30)));
    Publication q = pubs.create("u-anna", draft("Nachtelijke werkzaamheden aan de brug."));
    assertEquals(ZoneOffset.ofHours(2), pubs.schedule(q.id(), "u-anna",
        LocalDateTime.of(2027, 10, 31, 2, 30)).scheduledFor().orElseThrow().getOffset());

    clock.set(Instant.parse("2027-03-29T06:59:59Z"));
    settle();
    assertEquals(PublicationState.SCHEDULED, pubs.get(p.id()).orElseThrow().state());
    assertTrue(platform.acceptedTexts().isEmpty());

    clock.set(Instant.parse("2027-03-29T07:00:00Z"));
    Publication done = await(w, p.id(), PublicationState.PUBLISHED);
    assertEquals(2, platform.acceptedTexts().size());
    for (ChannelPublication r : done.results().values()) {
      assertEquals(ChannelPublication.Status.PUBLISHED, r.status());
      assertTrue(r.platformPostId().isPresent());
    }

    List<CalendarDay> week = pubs.calendar(CalendarQuery.between(LocalDate.of(2027, 3, 28),
        LocalDate.of(2027, 3, 30)));
    assertEquals(3, week.size());
    assertTrue(week.get(0).entries().isEmpty());
    assertEquals(2, week.get(1).entries().size());
    assertEquals(9, week.get(1).entries().get(0).at().getHour());
  }

  @Test
  void aCrisisPauseStopsAPublicationDueOneSecondLaterUntilItIsReleased() throws Exception {
    Webcare w = withoutApproval();
    Publications pubs = w.publications();
    Publication p = pubs.create("u-anna", draft("Zondag is de Koningsdagmarkt in het centrum."));
    pubs.schedule(p.id(), "u-anna", ZonedDateTime.ofInstant(clock.instant().plusSeconds(1),
        PublishingPolicy.AMSTERDAM));

    CrisisPause pause = pubs.crisisPause("u-dirk", "Grote brand in de binnenstad");
    assertEquals(Optional.of(pause), pubs.crisisPause());
    assertEquals(PublicationState.PAUSED, pubs.get(p.id()).orElseThrow().state());

    clock.advance(Duration.ofMinutes(5));
    settle();
    assertEquals(PublicationState.PAUSED, pubs.get(p.id()).orElseThrow().state());
    assertTrue(platform.acceptedTexts().isEmpty(), "nothing goes out during a pause");

    // What is scheduled during the pause is paused as well.
    Publication later = pubs.create("u-anna", draft("Informatieavond over de nieuwe wijk."));
    assertEquals(PublicationState.PAUSED, pubs.schedule(later.id(), "u-anna",
        ZonedDateTime.ofInstant(clock.instant().plusSeconds(1), PublishingPolicy.AMSTERDAM))
        .state());

    // A person releases one after review; the pause stays in force for the other.
    pubs.release(p.id(), "u-dirk");
    await(w, p.id(), PublicationState.PUBLISHED);
    assertEquals(2, platform.acceptedTexts().size());
    clock.advance(Duration.ofSeconds(5));
    settle();
    assertEquals(PublicationState.PAUSED, pubs.get(later.id()).orElseThrow().state());
    assertTrue(pubs.crisisPause().isPresent());

    assertEquals(1, pubs.releaseAll("u-dirk"));
    assertTrue(pubs.crisisPause().isEmpty());
    await(w, later.id(), PublicationState.PUBLISHED);
    assertEquals(4, platform.acceptedTexts().size(), "each post once");
    assertEquals(List.of(PublicationAction.CREATED, PublicationAction.SCHEDULED,
        PublicationAction.PAUSED, PublicationAction.RELEASED, PublicationAction.PUBLISHING,
        PublicationAction.PUBLISHED, PublicationAction.PUBLISHED), actions(w, p.id()));
    PublicationEvent paused = pubs.history(p.id()).get(2);
    assertEquals("u-dirk", paused.actor());
    assertEquals(Optional.of("crisis pause: Grote brand in de binnenstad"), paused.detail());
  }

  @Test
  void aPostQueuedBehindAnOutageIsHeldByThePauseAndSentOnceAfterRelease() throws Exception {
    Webcare w = withoutApproval();
    Publications pubs = w.publications();
    platform.downUntil(clock.instant().plus(Duration.ofMinutes(1)));
    Publication p = pubs.create("u-anna", PublicationDraft.text("Afvalinzameling gaat door.")
        .channels(FEED).build());
    pubs.schedule(p.id(), "u-anna", ZonedDateTime.ofInstant(clock.instant(),
        PublishingPolicy.AMSTERDAM));
    await(w, p.id(), PublicationState.PUBLISHING);
    while (platform.arrivals().isEmpty()) {
      Thread.sleep(20);
    }
    settle(); // the failed attempt is queued again, 10 s later by the test's clock

    pubs.crisisPause("u-dirk", "Storing in de communicatie");
    assertEquals(PublicationState.PAUSED, pubs.get(p.id()).orElseThrow().state());
    clock.advance(Duration.ofMinutes(2)); // the platform is back and the retry is due
    settle();
    assertTrue(platform.acceptedTexts().isEmpty(), "the queued post was held");
    List<OutboxEntry> cancelled = w.outbox().entries(OutboxState.CANCELLED, 10);
    assertEquals(1, cancelled.size());

    pubs.releaseAll("u-dirk");
    await(w, p.id(), PublicationState.PUBLISHED);
    settle();
    assertEquals(List.of("Afvalinzameling gaat door."), platform.acceptedTexts());
  }

  @Test
  void aPublicationMissedWhileDownIsPublishedWithinTheGracePeriodAndFlaggedAfterIt(
      @TempDir Path dir) throws Exception {
    PublishingPolicy policy = PublishingPolicy.defaults().withApprovalRequired(false)
        .withGracePeriod(Duration.ofMinutes(20));
    PublicationId early;
    PublicationId late;
    try (JdbcWebcareStore store = JdbcWebcareStore.embedded(dir)) {
      Webcare first = webcare(store, policy);
      early = first.publications().create("u-anna", draft("Om 11.10 uur begint de ceremonie."))
          .id();
      late = first.publications().create("u-anna", draft("Om 11.20 uur opent de wethouder."))
          .id();
      first.publications().schedule(early, "u-anna",
          ZonedDateTime.ofInstant(FRIDAY.plus(Duration.ofMinutes(10)), PublishingPolicy.AMSTERDAM));
      first.publications().schedule(late, "u-anna",
          ZonedDateTime.ofInstant(FRIDAY.plus(Duration.ofMinutes(20)), PublishingPolicy.AMSTERDAM));
      first.close();
      running.remove(first);
    }

    // The host comes back 35 minutes after the start: 25 and 15 minutes late.
    clock.set(FRIDAY.plus(Duration.ofMinutes(35)));
    try (JdbcWebcareStore store = JdbcWebcareStore.embedded(dir)) {
      Webcare second = webcare(store, policy);
      await(second, late, PublicationState.PUBLISHED);
      Publication missed = await(second, early, PublicationState.NEEDS_ATTENTION);
      assertEquals(List.of(PublicationAction.CREATED, PublicationAction.SCHEDULED,
          PublicationAction.MISSED), actions(second, early));
      PublicationEvent flag = second.publications().history(early).get(2);
      assertEquals("scheduler@test", flag.actor());
      assertTrue(flag.detail().orElseThrow().contains("25 minutes late"), flag.toString());
      assertEquals(List.of(missed), second.publications().list(
          PublicationState.NEEDS_ATTENTION, 10));
      assertEquals(2, platform.acceptedTexts().size());

      second.publications().release(early, "u-anna");
      await(second, early, PublicationState.PUBLISHED);
      assertEquals(4, platform.acceptedTexts().size());
      second.close();
      running.remove(second);
    }
  }

  @Test
  void aFailedChannelIsRetriedAloneAndTheOthersAreNotPostedTwice() throws Exception {
    Webcare w = withoutApproval();
    Publications pubs = w.publications();
    platform.then(TestPlatform.Fault.INVALID_RECIPIENT); // the first channel's post is refused
    Publication p = pubs.create("u-anna", draft("De brug is dicht tot 18.00 uur."));
    assertThrows(PublicationStateException.class, () -> pubs.retry(p.id(), "u-anna"),
        "nothing failed yet");
    pubs.schedule(p.id(), "u-anna", ZonedDateTime.ofInstant(clock.instant(),
        PublishingPolicy.AMSTERDAM));
    Publication failed = await(w, p.id(), PublicationState.FAILED);
    List<ChannelId> refused = failed.results().values().stream()
        .filter(r -> r.status() == ChannelPublication.Status.FAILED)
        .map(ChannelPublication::channel).toList();
    assertEquals(1, refused.size());
    assertEquals(1, platform.acceptedTexts().size());

    // Under a crisis pause a retry is held like anything else.
    pubs.crisisPause("u-dirk", "Storing");
    assertEquals(PublicationState.PAUSED, pubs.retry(p.id(), "u-carla").state());
    settle();
    assertEquals(1, platform.acceptedTexts().size());
    pubs.releaseAll("u-dirk");

    Publication done = await(w, p.id(), PublicationState.PUBLISHED);
    settle();
    assertEquals(2, platform.acceptedTexts().size(), "the refused channel once more, no other");
    assertTrue(done.results().values().stream()
        .allMatch(r -> r.status() == ChannelPublication.Status.PUBLISHED));
    assertTrue(w.publications().history(p.id()).stream().anyMatch(e -> e.actor().equals(
        "u-carla") && e.action() == PublicationAction.RETRIED && e.detail().orElse("")
        .equals("on " + refused.get(0).value())), "who retried, and where, is on the trail");
    assertThrows(PublicationStateException.class, () -> pubs.retry(p.id(), "u-anna"));
  }

  @Test
  void theAuditTrailRecordsEveryChangeWithWhoAndWhen() throws Exception {
    Webcare w = withApproval();
    Publications pubs = w.publications();
    Publication p = pubs.create("u-anna", draft("De nieuwe afvalkalender staat online."));
    pubs.edit(p.id(), "u-bram", draft("De afvalkalender voor 2028 staat online."));
    pubs.schedule(p.id(), "u-anna", ZonedDateTime.ofInstant(clock.instant().plusSeconds(60),
        PublishingPolicy.AMSTERDAM));
    pubs.approve(p.id(), "u-carla", "Goed zo");
    clock.advance(Duration.ofSeconds(61));
    await(w, p.id(), PublicationState.PUBLISHED);

    List<PublicationEvent> trail = pubs.history(p.id());
    assertEquals(List.of(PublicationAction.CREATED, PublicationAction.EDITED,
        PublicationAction.SUBMITTED, PublicationAction.APPROVED, PublicationAction.PUBLISHING,
        PublicationAction.PUBLISHED, PublicationAction.PUBLISHED),
        trail.stream().map(PublicationEvent::action).toList());
    assertEquals(List.of("u-anna", "u-bram", "u-anna", "u-carla", "scheduler@test", "outbox",
        "outbox"), trail.stream().map(PublicationEvent::actor).toList());
    for (int i = 1; i < trail.size(); i++) {
      assertEquals(trail.get(i - 1).to(), trail.get(i).from(), "the trail is unbroken at " + i);
      assertFalse(trail.get(i).at().isBefore(trail.get(i - 1).at()));
    }
    assertEquals(PublicationState.PUBLISHED, trail.get(trail.size() - 1).to());
    assertEquals(List.of(FEED, NEWS), trail.subList(5, 7).stream()
        .map(e -> e.channel().orElseThrow()).sorted(java.util.Comparator.comparing(
            ChannelId::value)).toList());
    assertTrue(trail.get(5).detail().orElseThrow().startsWith("post "));
  }

  @Test
  void theCalendarShowsPublicationsPerDayChannelAndState() {
    Webcare w = withoutApproval();
    Publications pubs = w.publications();
    Publication a = pubs.create("u-anna", draft("Maandag: spreekuur wethouder."));
    Publication b = pubs.create("u-anna", PublicationDraft.text("Dinsdag: raadsvergadering.")
        .channels(NEWS).build());
    pubs.create("u-anna", draft("Nog niet ingepland."));
    pubs.schedule(a.id(), "u-anna", LocalDateTime.of(2027, 3, 29, 23, 30));
    pubs.schedule(b.id(), "u-anna", LocalDateTime.of(2027, 3, 30, 0, 30));

    List<CalendarDay> days = pubs.calendar(CalendarQuery.between(LocalDate.of(2027, 3, 29),
        LocalDate.of(2027, 3, 30)));
    // 23:30 and 00:30 Amsterdam time are the same UTC day; the planner's days are local.
    assertEquals(2, days.get(0).entries().size());
    assertEquals(1, days.get(1).entries().size());
    assertEquals(java.util.Map.of(FEED, 1L, NEWS, 1L), days.get(0).perChannel());
    assertEquals(java.util.Map.of(PublicationState.SCHEDULED, 1L), days.get(1).perState());
    assertEquals(1, pubs.calendar(CalendarQuery.between(LocalDate.of(2027, 3, 29),
        LocalDate.of(2027, 3, 30)).channels(FEED)).stream()
        .mapToInt(d -> d.entries().size()).sum());
    assertEquals(0, pubs.calendar(CalendarQuery.between(LocalDate.of(2027, 3, 29),
        LocalDate.of(2027, 3, 30)).states(PublicationState.PUBLISHED)).stream()
        .mapToInt(d -> d.entries().size()).sum());
  }
}
