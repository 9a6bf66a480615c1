package org.webcare4j.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.PublishPost;
import org.webcare4j.core.error.FourEyesViolationException;
import org.webcare4j.core.error.NotFoundException;
import org.webcare4j.core.error.PublicationStateException;
import org.webcare4j.core.error.StoreConflictException;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.ChannelPublication;
import org.webcare4j.core.model.DeliveryFailure;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxId;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.publish.CalendarDay;
import org.webcare4j.core.publish.CalendarEntry;
import org.webcare4j.core.publish.CalendarQuery;
import org.webcare4j.core.publish.CrisisPause;
import org.webcare4j.core.publish.InvalidPublicationException;
import org.webcare4j.core.publish.PublicationAction;
import org.webcare4j.core.publish.PublicationDraft;
import org.webcare4j.core.publish.PublicationEvent;
import org.webcare4j.core.publish.PublicationReport;
import org.webcare4j.core.publish.Publications;
import org.webcare4j.core.publish.PublishingPolicy;
import org.webcare4j.core.store.StoreTransaction;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.tone.ToneChecker;

/**
 * The publishing workflow and its scheduler. Every step is one store transaction that changes the
 * publication and appends to its trail together; steps that may put a publication in line to go
 * out (schedule, approve, release) lock the crisis pause record, so that on a shared store they
 * never interleave with a pause.
 */
public final class PublicationService implements Publications, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PublicationService.class);
  private static final int BATCH = 50;
  private static final int MAX_CONFLICT_RETRIES = 5;
  private static final int MAX_LIVE_SCAN = 10_000;
  /** How far in the past a schedule time may be, for "now" picked in a form a moment ago. */
  private static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);
  private static final Set<PublicationState> EDITABLE = EnumSet.of(PublicationState.DRAFT,
      PublicationState.REJECTED, PublicationState.AWAITING_APPROVAL, PublicationState.SCHEDULED,
      PublicationState.PAUSED, PublicationState.NEEDS_ATTENTION);
  private static final Set<PublicationState> SCHEDULABLE = EnumSet.of(PublicationState.DRAFT,
      PublicationState.REJECTED, PublicationState.SCHEDULED, PublicationState.NEEDS_ATTENTION);
  private static final Set<PublicationState> WITHDRAWABLE = EnumSet.of(
      PublicationState.REJECTED, PublicationState.AWAITING_APPROVAL, PublicationState.SCHEDULED,
      PublicationState.PAUSED, PublicationState.NEEDS_ATTENTION);

  private final WebcareStore store;
  private final Map<ChannelId, Channel> channels;
  private final PublicationValidator validator;
  private final PublishingPolicy policy;
  private final OutboxDispatcher dispatcher;
  private final IdGenerator ids;
  private final Clock clock;
  private final String schedulerName;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "webcare4j-publication-scheduler");
    t.setDaemon(true);
    return t;
  });

  PublicationService(WebcareStore store, Map<ChannelId, Channel> channels, ToneChecker tone,
      PublishingPolicy policy, OutboxDispatcher dispatcher, IdGenerator ids, Clock clock,
      String instanceId) {
    this.store = store;
    this.channels = channels;
    this.validator = new PublicationValidator(channels, tone);
    this.policy = policy;
    this.dispatcher = dispatcher;
    this.ids = ids;
    this.clock = clock;
    this.schedulerName = "scheduler@" + instanceId;
  }

  /** Publishes what became due while no instance ran, then looks again every poll interval. */
  void start() {
    timer.scheduleWithFixedDelay(this::tick, 0, policy.pollInterval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  // ---- writing ----

  @Override
  public Publication create(String author, PublicationDraft draft) {
    person(author, "author");
    Objects.requireNonNull(draft, "draft");
    requireRegistered(draft);
    Instant now = clock.instant();
    Publication p = new Publication(PublicationId.of(ids.next()), author, draft.text(),
        draft.media(), draft.link(), draft.variants(), pending(draft), Optional.empty(),
        PublicationState.DRAFT, now, 0);
    store.inTransaction(tx -> {
      tx.insertPublication(p);
      audit(tx, p, author, PublicationAction.CREATED, PublicationState.DRAFT, Optional.empty());
      return null;
    });
    return p;
  }

  @Override
  public Publication edit(PublicationId id, String editor, PublicationDraft draft) {
    person(editor, "editor");
    Objects.requireNonNull(draft, "draft");
    requireRegistered(draft);
    return step(id, (tx, p) -> {
      if (!EDITABLE.contains(p.state())) {
        throw new PublicationStateException(id, p.state(), "it can no longer be edited");
      }
      Publication changed = new Publication(p.id(), p.author(), draft.text(), draft.media(),
          draft.link(), draft.variants(), pending(draft), p.scheduledFor(), p.state(),
          p.createdAt(), p.version());
      boolean inLine = p.state() == PublicationState.SCHEDULED
          || p.state() == PublicationState.PAUSED;
      PublicationState next;
      if (inLine && !policy.approvalRequired()) {
        requireValid(changed);
        next = p.state();
      } else {
        next = PublicationState.DRAFT;
      }
      return save(tx, changed.withState(next), editor, PublicationAction.EDITED, p.state(),
          Optional.empty());
    });
  }

  // ---- validating ----

  @Override
  public PublicationReport validate(PublicationId id) {
    return validate(get(id).orElseThrow(() -> new NotFoundException("publication", id.value())));
  }

  @Override
  public PublicationReport validate(PublicationDraft draft) {
    Objects.requireNonNull(draft, "draft");
    List<PublicationValidator.Variant> variants = new ArrayList<>();
    for (ChannelId c : draft.channels()) {
      var v = Optional.ofNullable(draft.variants().get(c));
      variants.add(new PublicationValidator.Variant(c,
          v.flatMap(x -> x.text()).orElse(draft.text()),
          v.flatMap(x -> x.media()).orElse(draft.media()),
          v.flatMap(x -> x.link()).or(draft::link)));
    }
    return validator.validate(variants, clock.instant());
  }

  private PublicationReport validate(Publication p) {
    List<PublicationValidator.Variant> variants = new ArrayList<>();
    for (ChannelId c : p.results().keySet()) {
      variants.add(new PublicationValidator.Variant(c, p.textFor(c), p.mediaFor(c),
          p.linkFor(c)));
    }
    return validator.validate(variants, clock.instant());
  }

  private void requireValid(Publication p) {
    PublicationReport report = validate(p);
    if (!report.schedulable()) {
      throw new InvalidPublicationException(report);
    }
  }

  // ---- scheduling and approval ----

  @Override
  public Publication schedule(PublicationId id, String by, LocalDateTime at) {
    Objects.requireNonNull(at, "at");
    ZoneId zone = policy.zone();
    if (zone.getRules().getValidOffsets(at).isEmpty()) {
      throw new IllegalArgumentException(at + " does not exist in " + zone
          + ": the clocks skip that hour when summer time starts");
    }
    // In the hour that occurs twice when summer time ends, the first (summer time) is taken.
    return schedule(id, by, ZonedDateTime.ofLocal(at, zone, null));
  }

  @Override
  public Publication schedule(PublicationId id, String by, ZonedDateTime at) {
    person(by, "by");
    Objects.requireNonNull(at, "at");
    if (at.toInstant().isBefore(clock.instant().minus(PAST_TOLERANCE))) {
      throw new IllegalArgumentException("cannot schedule in the past: " + at);
    }
    Publication current = get(id).orElseThrow(() -> new NotFoundException("publication",
        id.value()));
    requireValid(current);
    return step(id, (tx, p) -> {
      Optional<CrisisPause> crisis = tx.lockCrisisPause();
      if (!SCHEDULABLE.contains(p.state())) {
        throw new PublicationStateException(id, p.state(), "it cannot be scheduled now");
      }
      if (p.version() != current.version()) {
        requireValid(p);
      }
      Publication timed = p.withSchedule(at);
      if (policy.approvalRequired()) {
        return save(tx, timed.withState(PublicationState.AWAITING_APPROVAL), by,
            PublicationAction.SUBMITTED, p.state(), Optional.of("for " + at));
      }
      Publication scheduled = save(tx, timed.withState(PublicationState.SCHEDULED), by,
          PublicationAction.SCHEDULED, p.state(), Optional.of("for " + at));
      return crisis.isPresent() ? pause(tx, scheduled, crisis.get()) : scheduled;
    });
  }

  @Override
  public Publication approve(PublicationId id, String approver, String comment) {
    person(approver, "approver");
    Objects.requireNonNull(comment, "comment");
    boolean[] published = {false};
    Publication result = step(id, (tx, p) -> {
      Optional<CrisisPause> crisis = tx.lockCrisisPause();
      requireReviewable(tx, p, approver);
      Publication approved = save(tx, p.withState(PublicationState.SCHEDULED), approver,
          PublicationAction.APPROVED, p.state(), detail(comment));
      if (crisis.isPresent()) {
        return pause(tx, approved, crisis.get());
      }
      if (due(approved)) {
        published[0] = true;
        return publish(tx, approved, approver, Optional.of("approved after its time"));
      }
      return approved;
    });
    wakeIf(published[0]);
    return result;
  }

  @Override
  public Publication reject(PublicationId id, String approver, String comment) {
    person(approver, "approver");
    if (comment == null || comment.isBlank()) {
      throw new IllegalArgumentException("a rejection says why, for the author");
    }
    return step(id, (tx, p) -> {
      requireReviewable(tx, p, approver);
      return save(tx, p.withState(PublicationState.REJECTED), approver,
          PublicationAction.REJECTED, p.state(), Optional.of(comment));
    });
  }

  private static void requireReviewable(StoreTransaction tx, Publication p, String approver) {
    if (p.state() != PublicationState.AWAITING_APPROVAL) {
      throw new PublicationStateException(p.id(), p.state(), "it is not awaiting approval");
    }
    boolean contributed = p.author().equals(approver) || tx.publicationEvents(p.id()).stream()
        .anyMatch(e -> e.actor().equals(approver) && (e.action() == PublicationAction.CREATED
            || e.action() == PublicationAction.EDITED));
    if (contributed) {
      throw new FourEyesViolationException(p.id(), p.state(), approver);
    }
  }

  @Override
  public Publication withdraw(PublicationId id, String by, String reason) {
    person(by, "by");
    Objects.requireNonNull(reason, "reason");
    return step(id, (tx, p) -> {
      if (!WITHDRAWABLE.contains(p.state())) {
        throw new PublicationStateException(id, p.state(), "it cannot be withdrawn now");
      }
      return save(tx, p.withState(PublicationState.DRAFT), by, PublicationAction.WITHDRAWN,
          p.state(), detail(reason));
    });
  }

  // ---- crisis pause ----

  @Override
  public CrisisPause crisisPause(String by, String reason) {
    person(by, "by");
    Objects.requireNonNull(reason, "reason");
    int[] paused = {0};
    CrisisPause pause = retrying(() -> store.inTransaction(tx -> {
      paused[0] = 0;
      CrisisPause inForce = tx.lockCrisisPause()
          .orElseGet(() -> new CrisisPause(reason, by, clock.instant()));
      tx.saveCrisisPause(Optional.of(inForce));
      for (Publication p : tx.publications(EnumSet.of(PublicationState.SCHEDULED,
          PublicationState.PUBLISHING), Optional.empty(), Optional.empty(), Integer.MAX_VALUE)) {
        pause(tx, p, inForce);
        paused[0]++;
      }
      return inForce;
    }));
    log.warn("crisis pause by {}: {} publication(s) held until a person releases them", by,
        paused[0]);
    return pause;
  }

  private Publication pause(StoreTransaction tx, Publication p, CrisisPause pause) {
    return save(tx, p.withState(PublicationState.PAUSED), pause.by(), PublicationAction.PAUSED,
        p.state(), Optional.of("crisis pause: " + pause.reason()));
  }

  @Override
  public Optional<CrisisPause> crisisPause() {
    return store.inTransaction(StoreTransaction::crisisPause);
  }

  @Override
  public Publication release(PublicationId id, String by) {
    person(by, "by");
    boolean[] published = {false};
    Publication result = step(id, (tx, p) -> {
      tx.lockCrisisPause();
      if (p.state() != PublicationState.PAUSED
          && p.state() != PublicationState.NEEDS_ATTENTION) {
        throw new PublicationStateException(id, p.state(), "only a paused or missed publication"
            + " is released");
      }
      Publication released = release(tx, p, by);
      published[0] = released.state() == PublicationState.PUBLISHING;
      return released;
    });
    wakeIf(published[0]);
    return result;
  }

  private Publication release(StoreTransaction tx, Publication p, String by) {
    Publication scheduled = save(tx, p.withState(PublicationState.SCHEDULED), by,
        PublicationAction.RELEASED, p.state(), Optional.empty());
    return due(scheduled)
        ? publish(tx, scheduled, by, Optional.of("released")) : scheduled;
  }

  @Override
  public int releaseAll(String by) {
    person(by, "by");
    int released = retrying(() -> store.inTransaction(tx -> {
      tx.lockCrisisPause();
      tx.saveCrisisPause(Optional.empty());
      int n = 0;
      for (Publication p : tx.publications(EnumSet.of(PublicationState.PAUSED),
          Optional.empty(), Optional.empty(), Integer.MAX_VALUE)) {
        release(tx, p, by);
        n++;
      }
      return n;
    }));
    log.warn("crisis pause ended by {}: {} publication(s) released", by, released);
    wakeIf(released > 0);
    return released;
  }

  @Override
  public Publication retry(PublicationId id, String by) {
    person(by, "by");
    boolean[] published = {false};
    Publication result = step(id, (tx, p) -> {
      Optional<CrisisPause> crisis = tx.lockCrisisPause();
      if (p.state() != PublicationState.FAILED) {
        throw new PublicationStateException(id, p.state(), "only a failed publication is"
            + " retried");
      }
      Publication again = p;
      List<String> failed = new ArrayList<>();
      for (ChannelPublication r : p.results().values()) {
        if (r.status() == ChannelPublication.Status.FAILED) {
          again = again.withResult(ChannelPublication.pending(r.channel()));
          failed.add(r.channel().value());
        }
      }
      Publication retried = save(tx, again.withState(PublicationState.SCHEDULED), by,
          PublicationAction.RETRIED, p.state(), Optional.of("on " + String.join(", ", failed)));
      if (crisis.isPresent()) {
        return pause(tx, retried, crisis.get());
      }
      published[0] = true;
      return publish(tx, retried, by, Optional.empty());
    });
    wakeIf(published[0]);
    return result;
  }

  // ---- reading ----

  @Override
  public Optional<Publication> get(PublicationId id) {
    Objects.requireNonNull(id, "id");
    return store.inTransaction(tx -> tx.publication(id));
  }

  @Override
  public List<Publication> list(PublicationState state, int limit) {
    Objects.requireNonNull(state, "state");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    return store.inTransaction(tx -> tx.publications(EnumSet.of(state), Optional.empty(),
        Optional.empty(), limit));
  }

  @Override
  public List<PublicationEvent> history(PublicationId id) {
    Objects.requireNonNull(id, "id");
    return store.inTransaction(tx -> tx.publicationEvents(id));
  }

  @Override
  public List<CalendarDay> calendar(CalendarQuery query) {
    Objects.requireNonNull(query, "query");
    ZoneId zone = policy.zone();
    Instant from = query.from().atStartOfDay(zone).toInstant();
    Instant to = query.to().plusDays(1).atStartOfDay(zone).toInstant();
    List<Publication> found = store.inTransaction(tx -> tx.publications(query.states(),
        Optional.of(from), Optional.of(to), Integer.MAX_VALUE));
    TreeMap<LocalDate, List<CalendarEntry>> days = new TreeMap<>();
    for (LocalDate d = query.from(); !d.isAfter(query.to()); d = d.plusDays(1)) {
      days.put(d, new ArrayList<>());
    }
    for (Publication p : found) {
      ZonedDateTime at = p.scheduledFor().orElseThrow().withZoneSameInstant(zone);
      for (ChannelPublication r : p.results().values()) {
        if (!query.channels().isEmpty() && !query.channels().contains(r.channel())) {
          continue;
        }
        days.get(at.toLocalDate()).add(new CalendarEntry(p.id(), r.channel(), at, p.state(),
            r.status(), r.permalink(), p.textFor(r.channel())));
      }
    }
    List<CalendarDay> out = new ArrayList<>();
    days.forEach((d, entries) -> out.add(new CalendarDay(d, entries)));
    return out;
  }

  // ---- the scheduler ----

  private void tick() {
    try {
      int published = 0;
      int handled;
      do {
        int[] out = {0};
        handled = retrying(() -> store.inTransaction(tx -> {
          out[0] = 0;
          Instant now = clock.instant();
          List<Publication> due = tx.claimDuePublications(now, BATCH);
          for (Publication p : due) {
            Instant at = p.scheduledFor().orElseThrow().toInstant();
            if (Duration.between(at, now).compareTo(policy.gracePeriod()) > 0) {
              save(tx, p.withState(PublicationState.NEEDS_ATTENTION), schedulerName,
                  PublicationAction.MISSED, p.state(), Optional.of("due " + at + ", "
                      + Duration.between(at, now).toMinutes() + " minutes late; grace period "
                      + policy.gracePeriod().toMinutes() + " minutes"));
              log.warn("publication {} missed its time ({}) by more than the grace period;"
                  + " a person decides", p.id(), at);
            } else {
              publish(tx, p, schedulerName, Optional.empty());
              out[0]++;
            }
          }
          return due.size();
        }));
        published += out[0];
      } while (handled == BATCH);
      wakeIf(published > 0);
    } catch (StoreException e) {
      log.warn("publication scheduler: store unavailable; trying again at the next poll", e);
    } catch (RuntimeException e) {
      log.error("publication scheduler: unexpected failure; trying again at the next poll", e);
    }
  }

  /**
   * Puts a publication in the outbox: one post per channel not yet published to, unless an
   * earlier post for that channel is still queued or being sent.
   */
  private Publication publish(StoreTransaction tx, Publication p, String actor,
      Optional<String> detail) {
    Publication publishing = save(tx, p.withState(PublicationState.PUBLISHING), actor,
        PublicationAction.PUBLISHING, p.state(), detail);
    Instant now = clock.instant();
    for (ChannelPublication r : publishing.results().values()) {
      if (r.status() != ChannelPublication.Status.PENDING) {
        continue;
      }
      ChannelId c = r.channel();
      PublishPost post = new PublishPost(c, p.id(), p.textFor(c), p.linkFor(c), p.mediaFor(c));
      boolean live = false;
      for (OutboxEntry e : tx.outboxEntries(Optional.of(c),
          EnumSet.of(OutboxState.QUEUED, OutboxState.SENDING), MAX_LIVE_SCAN)) {
        if (e.operation() instanceof PublishPost earlier && earlier.publication().equals(p.id())) {
          if (earlier.equals(post) || e.state() == OutboxState.SENDING) {
            live = true;
          } else {
            tx.updateOutboxEntry(e.ended(OutboxState.CANCELLED, new DeliveryFailure("CANCELLED",
                "replaced by the edited publication"), e.attempts(), now));
          }
        }
      }
      if (!live) {
        tx.insertOutboxEntry(OutboxEntry.queued(OutboxId.of(ids.next()),
            "publication:" + p.id().value() + ":" + c.value() + ":" + publishing.version(),
            post, now));
      }
    }
    return publishing;
  }

  // ---- helpers ----

  private boolean due(Publication p) {
    return p.scheduledFor().map(at -> !at.toInstant().isAfter(clock.instant())).orElse(true);
  }

  private Publication save(StoreTransaction tx, Publication next, String actor,
      PublicationAction action, PublicationState from, Optional<String> detail) {
    Publication saved = tx.updatePublication(next);
    audit(tx, saved, actor, action, from, detail);
    return saved;
  }

  private void audit(StoreTransaction tx, Publication p, String actor, PublicationAction action,
      PublicationState from, Optional<String> detail) {
    tx.appendPublicationEvent(new PublicationEvent(p.id(), clock.instant(), actor, action, from,
        p.state(), Optional.empty(), detail));
  }

  private static void person(String id, String what) {
    Objects.requireNonNull(id, what);
    if (id.isBlank() || id.length() > 200) {
      throw new IllegalArgumentException(what + " must be a user id of 1 to 200 characters");
    }
  }

  private static Optional<String> detail(String text) {
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  private Publication step(PublicationId id,
      java.util.function.BiFunction<StoreTransaction, Publication, Publication> work) {
    Objects.requireNonNull(id, "id");
    return retrying(() -> store.inTransaction(tx -> work.apply(tx, tx.publication(id)
        .orElseThrow(() -> new NotFoundException("publication", id.value())))));
  }

  private static <T> T retrying(Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (StoreConflictException e) {
        if (attempt >= MAX_CONFLICT_RETRIES) {
          throw e;
        }
      }
    }
  }

  private void wakeIf(boolean published) {
    if (published) {
      dispatcher.wake();
    }
  }

  private void requireRegistered(PublicationDraft draft) {
    for (ChannelId c : draft.channels()) {
      if (!channels.containsKey(c)) {
        throw new IllegalArgumentException("channel " + c + " is not registered with this"
            + " Webcare");
      }
    }
  }

  private static Map<ChannelId, ChannelPublication> pending(PublicationDraft draft) {
    Map<ChannelId, ChannelPublication> results = new LinkedHashMap<>();
    draft.channels().forEach(c -> results.put(c, ChannelPublication.pending(c)));
    return results;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
