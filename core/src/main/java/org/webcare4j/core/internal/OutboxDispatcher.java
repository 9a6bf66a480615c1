package org.webcare4j.core.internal;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.TimeoutExceededException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.channel.CapabilityNotSupportedException;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.LookupResult;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.channel.PrivateReply;
import org.webcare4j.core.channel.PublishPost;
import org.webcare4j.core.channel.RateLimitFeedback;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.error.OutcomeUnknownException;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.error.PlatformException;
import org.webcare4j.core.error.RateLimitedException;
import org.webcare4j.core.error.StoreConflictException;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.error.TransientPlatformException;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.http.PlatformHttp;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.ChannelPublication;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.DeliveryFailure;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.MessageId;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.PublicationState;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxId;
import org.webcare4j.core.outbox.OutboxPolicy;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.outbox.RateBudget;
import org.webcare4j.core.publish.PublicationAction;
import org.webcare4j.core.publish.PublicationEvent;
import org.webcare4j.core.store.StoreTransaction;
import org.webcare4j.core.store.WebcareStore;

/**
 * Drains the outbox. Each channel's outbox is drained by the one instance that holds its lease, so
 * that channel's throttle sees all its traffic; entries are claimed in order per thread and marked
 * sending before the platform is called, so a crash leaves a trace that the next owner resolves
 * by looking the result up or marking the entry possibly sent.
 */
final class OutboxDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final Duration INLINE_WAIT = Duration.ofSeconds(1);
  private static final int MAX_CONFLICT_RETRIES = 10;

  private final WebcareStore store;
  private final OutboxPolicy policy;
  private final Clock clock;
  private final String owner;
  /**
   * Whom this run's claims name: the instance and a start id of this run. A host restarted
   * after a crash under the same instance name holds its lease again at once, and still sees
   * the entries its previous run left sending as orphans, because they name that run.
   */
  private final String claimant;
  private final Map<ChannelId, ChannelRuntime> runtimes = new ConcurrentHashMap<>();
  private final Set<ChannelId> leased = ConcurrentHashMap.newKeySet();
  /** When each held lease should be renewed: once a third of its duration has passed. */
  private final Map<ChannelId, Instant> renewAt = new ConcurrentHashMap<>();
  private final Map<OutboxId, CompletableFuture<OutboxEntry>> waiting = new ConcurrentHashMap<>();
  private final AtomicBoolean tickQueued = new AtomicBoolean();
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers;
  private volatile boolean running;

  private record ChannelRuntime(Channel channel, ChannelThrottle throttle,
      ResiliencePolicies policies, PlatformHttp http, AtomicInteger inFlight) {}

  OutboxDispatcher(WebcareStore store, Map<ChannelId, Channel> channels, OutboxPolicy policy,
      OkHttpClient http, Clock clock, String owner) {
    this.store = store;
    this.policy = policy;
    this.clock = clock;
    this.owner = owner;
    this.claimant = owner + "#" + java.util.UUID.randomUUID().toString().substring(0, 8);
    for (Channel channel : channels.values()) {
      runtimes.put(channel.id(), new ChannelRuntime(channel,
          new ChannelThrottle(channel.id(), channel.quota(), clock),
          new ResiliencePolicies(policy), new PlatformHttp(http, channel.id()),
          new AtomicInteger()));
    }
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("webcare4j-outbox"));
    this.workers = Executors.newCachedThreadPool(daemon("webcare4j-outbox-worker"));
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  void start() {
    running = true;
    scheduler.scheduleWithFixedDelay(this::tick, 0, policy.pollInterval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Looks for work now rather than at the next poll. */
  void wake() {
    if (running && tickQueued.compareAndSet(false, true)) {
      try {
        scheduler.execute(() -> {
          tickQueued.set(false);
          tick();
        });
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        tickQueued.set(false);
      }
    }
  }

  RateBudget budget(ChannelId channel) {
    ChannelRuntime rt = runtimes.get(channel);
    if (rt == null) {
      throw new IllegalArgumentException("unknown channel " + channel);
    }
    return rt.throttle.budget();
  }

  RateLimitFeedback feedback(ChannelId channel) {
    return runtimes.get(channel).throttle;
  }

  CompletableFuture<OutboxEntry> completion(OutboxEntry entry) {
    if (entry.state().isTerminal()) {
      return CompletableFuture.completedFuture(entry);
    }
    CompletableFuture<OutboxEntry> future =
        waiting.computeIfAbsent(entry.id(), id -> new CompletableFuture<>());
    // It may have ended between the read and the registration.
    store.inTransaction(tx -> tx.outboxEntry(entry.id()))
        .filter(e -> e.state().isTerminal())
        .ifPresent(this::completed);
    return future;
  }

  private void completed(OutboxEntry entry) {
    CompletableFuture<OutboxEntry> future = waiting.remove(entry.id());
    if (future != null) {
      future.complete(entry);
    }
  }

  private void tick() {
    if (!running) {
      return;
    }
    try {
      for (ChannelRuntime rt : runtimes.values()) {
        drain(rt);
      }
      checkWaiting();
    } catch (StoreException e) {
      log.warn("outbox dispatcher: store unavailable; retrying at the next poll", e);
    } catch (RuntimeException e) {
      log.error("outbox dispatcher: unexpected failure; retrying at the next poll", e);
    }
  }

  private void drain(ChannelRuntime rt) {
    ChannelId id = rt.channel.id();
    Instant now = clock.instant();
    boolean hadLease = leased.contains(id);
    Instant renewal = renewAt.get(id);
    if (!hadLease || renewal == null || !now.isBefore(renewal)) {
      boolean hasLease = store.inTransaction(
          tx -> tx.tryLease(leaseName(id), owner, now, policy.leaseDuration()));
      if (!hasLease) {
        if (hadLease) {
          log.info("{}: outbox lease lost to another instance", id);
        }
        leased.remove(id);
        renewAt.remove(id);
        return;
      }
      leased.add(id);
      renewAt.put(id, now.plus(policy.leaseDuration().dividedBy(3)));
    }
    if (!hadLease) {
      recoverOrphans(rt);
    }
    // An open breaker only turns half-open when an execution asks for a permit, so the channel
    // is skipped while the delay runs and probed once it has.
    if (rt.policies.breaker().isOpen() && !rt.policies.breaker().getRemainingDelay().isZero()) {
      return;
    }
    int free = policy.concurrencyPerChannel() - rt.inFlight.get();
    if (free <= 0) {
      return;
    }
    List<OutboxEntry> cancelled = new ArrayList<>();
    List<OutboxEntry> claimed = store.inTransaction(tx -> {
      cancelled.clear();
      List<OutboxEntry> out = new ArrayList<>();
      for (OutboxEntry e : tx.claimableOutboxEntries(id, now, free)) {
        Optional<PublicationState> held = e.operation() instanceof PublishPost post
            ? tx.publication(post.publication()).map(Publication::state)
                .filter(s -> s != PublicationState.PUBLISHING)
            : Optional.empty();
        if (held.isPresent()) {
          // Paused or taken back after it was queued: a crisis pause must hold it.
          cancelled.add(tx.updateOutboxEntry(e.ended(OutboxState.CANCELLED,
              new DeliveryFailure("CANCELLED", "the publication is " + held.get()
                  + "; releasing it queues the post again"), e.attempts(), now)));
        } else {
          out.add(tx.updateOutboxEntry(e.sending(claimant, now)));
        }
      }
      return out;
    });
    cancelled.forEach(e -> {
      log.info("{}: entry {} cancelled, its publication is no longer publishing", id, e.id());
      completed(e);
    });
    for (OutboxEntry entry : claimed) {
      submit(rt, () -> process(rt, entry));
    }
  }

  private void submit(ChannelRuntime rt, Runnable work) {
    rt.inFlight.incrementAndGet();
    try {
      workers.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          log.error("{}: outbox worker failed; the entry is resolved by the next lease holder",
              rt.channel.id(), e);
        } finally {
          rt.inFlight.decrementAndGet();
          wake();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      rt.inFlight.decrementAndGet();
    }
  }

  /** Entries left sending by an instance that stopped: their outcome is unknown. */
  private void recoverOrphans(ChannelRuntime rt) {
    ChannelId id = rt.channel.id();
    List<OutboxEntry> orphans = store.inTransaction(tx -> {
      List<OutboxEntry> out = new ArrayList<>();
      for (OutboxEntry e : tx.outboxEntries(Optional.of(id), EnumSet.of(OutboxState.SENDING),
          1000)) {
        if (!e.claimedBy().equals(Optional.of(claimant))) {
          out.add(tx.updateOutboxEntry(e.sending(claimant, clock.instant())));
        }
      }
      return out;
    });
    if (!orphans.isEmpty()) {
      log.warn("{}: {} entries were left sending by a stopped instance; resolving them", id,
          orphans.size());
    }
    for (OutboxEntry orphan : orphans) {
      submit(rt, () -> resolveAmbiguous(rt, orphan, orphan.attempts(),
          "the instance sending it stopped mid-send"));
    }
  }

  private void process(ChannelRuntime rt, OutboxEntry entry) {
    OutboundOperation op = entry.operation();
    String bucket = rt.channel.rateLimitBucket(op);
    Duration wait = rt.throttle.tryTake(bucket, Duration.ofMillis(200));
    if (!wait.isZero() && wait.compareTo(INLINE_WAIT) <= 0) {
      sleep(wait);
      wait = rt.throttle.tryTake(bucket, Duration.ofMillis(200));
    }
    if (!wait.isZero()) {
      Instant at = clock.instant().plus(wait);
      finish(entry, e -> e.requeued(at, e.attempts(), e.failure(), clock.instant()));
      return;
    }
    int attempt = entry.attempts() + 1;
    OperationContext context = context(rt, entry);
    AtomicReference<RuntimeException> lastCallFailure = new AtomicReference<>();
    try {
      OperationResult result = rt.policies.executor().get(() -> {
        try {
          return rt.channel.execute(op, context);
        } catch (RuntimeException e) {
          lastCallFailure.set(e);
          throw e;
        }
      });
      markSent(entry, result, attempt);
    } catch (RateLimitedException e) {
      Instant until = rt.throttle.pause(bucket, e.retryAfter());
      log.info("{}: rate limited on {}; waiting until {} as the platform asked",
          rt.channel.id(), bucket, until);
      // A refusal is not an attempt: rate limits never use up the retry budget.
      finish(entry, cur -> cur.requeued(until, entry.attempts(), Optional.of(failure(e)),
          clock.instant()));
    } catch (CircuitBreakerOpenException e) {
      if (lastCallFailure.get() instanceof OutcomeUnknownException unknown) {
        resolveAmbiguous(rt, entry, attempt, unknown.getMessage());
        return;
      }
      if (lastCallFailure.get() instanceof TransientPlatformException failed
          && !(failed instanceof RateLimitedException)) {
        // The call was made and failed, which opened the breaker: it counts as an attempt.
        transientFailure(entry, attempt, failure(failed));
        return;
      }
      Duration remaining = rt.policies.breaker().getRemainingDelay();
      Instant at = clock.instant().plus(remaining.isZero() ? Duration.ofMillis(100) : remaining);
      finish(entry, cur -> cur.requeued(at, entry.attempts(), cur.failure(), clock.instant()));
    } catch (OutcomeUnknownException | TimeoutExceededException e) {
      Thread.interrupted(); // a timeout interrupts this thread; the store must not see that
      resolveAmbiguous(rt, entry, attempt, e.getMessage() == null ? "timed out" : e.getMessage());
    } catch (PermanentPlatformException e) {
      log.info("{}: entry {} refused by the platform: {}", rt.channel.id(), entry.id(),
          e.getMessage());
      end(entry, OutboxState.FAILED, failure(e), attempt);
    } catch (CapabilityNotSupportedException e) {
      end(entry, OutboxState.FAILED, new DeliveryFailure("UNSUPPORTED", e.getMessage()), attempt);
    } catch (TransientPlatformException e) {
      transientFailure(entry, attempt, failure(e));
    } catch (RuntimeException e) {
      Thread.interrupted();
      log.error("{}: channel failed unexpectedly on entry {}", rt.channel.id(), entry.id(), e);
      transientFailure(entry, attempt,
          new DeliveryFailure("INTERNAL", "unexpected " + e.getClass().getSimpleName()));
    }
  }

  private void resolveAmbiguous(ChannelRuntime rt, OutboxEntry entry, int attempt, String why) {
    LookupResult lookup;
    try {
      lookup = rt.channel.lookup(entry.operation(), context(rt, entry));
    } catch (RuntimeException e) {
      log.warn("{}: lookup of entry {} failed", rt.channel.id(), entry.id(), e);
      lookup = LookupResult.unknown();
    }
    switch (lookup.outcome()) {
      case FOUND -> markSent(entry, lookup.result().orElseThrow(), attempt);
      case NOT_FOUND -> transientFailure(entry, attempt, new DeliveryFailure("OUTCOME_UNKNOWN",
          why + "; the platform confirmed it did not arrive"));
      default -> {
        log.warn("{}: entry {} is possibly sent ({}); a person decides whether to resend",
            rt.channel.id(), entry.id(), why);
        end(entry, OutboxState.POSSIBLY_SENT, new DeliveryFailure("POSSIBLY_SENT",
            why + "; the platform may have received it: check before resending"), attempt);
      }
    }
  }

  private void transientFailure(OutboxEntry entry, int attempt, DeliveryFailure failure) {
    if (attempt >= policy.maxAttempts()) {
      end(entry, OutboxState.DEAD, failure, attempt);
      return;
    }
    Instant at = clock.instant().plus(backoff(attempt));
    finish(entry, cur -> cur.requeued(at, attempt, Optional.of(failure), clock.instant()));
  }

  private Duration backoff(int attempt) {
    long base = policy.retryDelay().toMillis();
    long max = policy.maxRetryDelay().toMillis();
    long delay = attempt >= 30 ? max : Math.min(max, base << Math.max(0, attempt - 1));
    double jitter = 1 + (ThreadLocalRandom.current().nextDouble() - 0.5) * 0.5;
    return Duration.ofMillis(Math.max(1, (long) (delay * jitter)));
  }

  private static DeliveryFailure failure(PlatformException e) {
    return new DeliveryFailure(e.code(), e.getMessage());
  }

  private OperationContext context(ChannelRuntime rt, OutboxEntry entry) {
    return new OperationContext() {
      @Override
      public PlatformHttp http() {
        return rt.http;
      }

      @Override
      public RateLimitFeedback rateLimits() {
        return rt.throttle;
      }

      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public String idempotencyKey() {
        return entry.idempotencyKey();
      }
    };
  }

  // ---- recording outcomes ----

  private void markSent(OutboxEntry entry, OperationResult result, int attempt) {
    update(entry.id(), tx -> {
      OutboxEntry cur = tx.outboxEntry(entry.id()).orElseThrow();
      if (cur.state() == OutboxState.SENT) {
        return cur;
      }
      OutboxEntry saved = tx.updateOutboxEntry(cur.sent(result, attempt, clock.instant()));
      if (cur.operation() instanceof SendMessage send) {
        recordSent(tx, send, result);
      } else if (cur.operation() instanceof PrivateReply reply) {
        recordPrivateReply(tx, cur, reply, result);
      } else if (cur.operation() instanceof PublishPost post && result.platformId().isPresent()) {
        recordPublication(tx, post, new ChannelPublication(post.channel(),
            ChannelPublication.Status.PUBLISHED, result.platformId(), result.permalink(),
            Optional.of(clock.instant()), Optional.empty()));
      }
      return saved;
    });
  }

  /**
   * Records a channel's outcome on the publication it published, if the store holds it, with an
   * entry in its trail.
   */
  private void recordPublication(StoreTransaction tx, PublishPost post,
      ChannelPublication result) {
    tx.publication(post.publication())
        .filter(p -> p.results().containsKey(post.channel()))
        .ifPresent(p -> {
          Publication saved = tx.updatePublication(p.withResult(result));
          boolean ok = result.status() == ChannelPublication.Status.PUBLISHED;
          tx.appendPublicationEvent(new PublicationEvent(p.id(), clock.instant(), "outbox",
              ok ? PublicationAction.PUBLISHED : PublicationAction.FAILED, p.state(),
              saved.state(), Optional.of(post.channel()), Optional.of(ok
                  ? "post " + result.platformPostId().orElse("") + result.permalink()
                      .map(l -> " at " + l).orElse("")
                  : result.failure().map(f -> f.code() + ": " + f.reason()).orElse(""))));
        });
  }

  /**
   * A private reply opens (or continues) the private conversation with the comment's author and
   * links it with the public thread both ways; the message is recorded there.
   */
  private void recordPrivateReply(StoreTransaction tx, OutboxEntry entry, PrivateReply reply,
      OperationResult result) {
    Optional<Conversation> pub = tx.conversation(reply.publicConversation());
    if (pub.isEmpty() || result.thread().isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    String thread = result.thread().get();
    Conversation priv = tx.conversationByThread(reply.channel(), thread).orElse(null);
    if (priv == null) {
      Conversation.Builder b = Conversation.builder(
          ConversationId.of(entry.id().value() + "-private"), reply.channel(), thread,
          Visibility.PRIVATE, now).movedFrom(pub.get().id()).lastActivityAt(now);
      pub.get().participants().stream().filter(p -> p.role() == Participant.Role.INWONER)
          .forEach(b::participant);
      pub.get().contact().ifPresent(b::contact);
      pub.get().subject().ifPresent(b::subject);
      priv = b.participant(reply.author()).build();
      tx.insertConversation(priv);
    } else if (priv.movedFrom().isEmpty()) {
      priv = tx.updateConversation(priv.toBuilder().movedFrom(pub.get().id()).build());
    }
    tx.updateConversation(pub.get().toBuilder().movedTo(priv.id()).build());
    if (result.platformId().isPresent()
        && tx.messageByPlatformId(reply.channel(), result.platformId().get()).isEmpty()) {
      tx.insertMessage(Message.builder(MessageId.of(entry.id().value() + "-message"), priv.id(),
              reply.channel(), Direction.OUTBOUND, reply.author(), now)
          .text(reply.text()).platformId(result.platformId().get())
          .inReplyTo(reply.platformCommentId()).status(DeliveryStatus.SENT).build());
    }
  }

  private void recordSent(StoreTransaction tx, SendMessage send, OperationResult result) {
    Optional<Message> found = tx.message(send.message());
    if (found.isEmpty()) {
      return;
    }
    Message m = found.get();
    Message.Builder b = m.toBuilder();
    Optional<String> platformId = m.platformId().or(result::platformId);
    if (m.platformId().isEmpty() && result.platformId().isPresent()) {
      if (tx.messageByPlatformId(m.channel(), result.platformId().get()).isPresent()) {
        log.warn("{}: platform id of message {} already belongs to another message",
            m.channel(), m.id());
        platformId = Optional.empty();
      } else {
        b.platformId(result.platformId().get());
      }
    }
    DeliveryStatus status = m.status();
    if (status == DeliveryStatus.QUEUED || status == DeliveryStatus.FAILED) {
      b.status(DeliveryStatus.SENT);
      status = DeliveryStatus.SENT;
    }
    // Status reports that arrived before the send call returned the id.
    if (platformId.isPresent()) {
      for (DeliveryStatusChanged s : tx.deliveryStatuses(m.channel(), platformId.get())) {
        if (status.canAdvanceTo(s.status())) {
          if (s.status() == DeliveryStatus.FAILED) {
            b.failed(s.failure().orElseThrow());
          } else {
            b.status(s.status());
          }
          status = s.status();
        }
      }
    }
    tx.updateMessage(b.build());
  }

  private void end(OutboxEntry entry, OutboxState state, DeliveryFailure why, int attempt) {
    update(entry.id(), tx -> {
      OutboxEntry cur = tx.outboxEntry(entry.id()).orElseThrow();
      if (!ownedSending(cur)) {
        return cur;
      }
      OutboxEntry saved = tx.updateOutboxEntry(cur.ended(state, why, attempt, clock.instant()));
      if (cur.operation() instanceof SendMessage send) {
        tx.message(send.message())
            .filter(m -> m.status() == DeliveryStatus.QUEUED)
            .ifPresent(m -> tx.updateMessage(m.toBuilder().failed(why).build()));
      } else if (cur.operation() instanceof PublishPost post) {
        recordPublication(tx, post, new ChannelPublication(post.channel(),
            ChannelPublication.Status.FAILED, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.of(why)));
      }
      return saved;
    });
  }

  private void finish(OutboxEntry entry, Function<OutboxEntry, OutboxEntry> change) {
    update(entry.id(), tx -> {
      OutboxEntry cur = tx.outboxEntry(entry.id()).orElseThrow();
      return ownedSending(cur) ? tx.updateOutboxEntry(change.apply(cur)) : cur;
    });
  }

  private boolean ownedSending(OutboxEntry cur) {
    boolean owned = cur.state() == OutboxState.SENDING && cur.claimedBy().equals(Optional.of(claimant));
    if (!owned) {
      log.info("entry {} was taken over meanwhile ({}); leaving it to its new owner", cur.id(),
          cur.state());
    }
    return owned;
  }

  private void update(OutboxId id, Function<StoreTransaction, OutboxEntry> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        OutboxEntry saved = store.inTransaction(work);
        if (saved.state().isTerminal()) {
          completed(saved);
        }
        return;
      } catch (StoreConflictException e) {
        if (attempt >= MAX_CONFLICT_RETRIES) {
          throw e;
        }
      } catch (StoreException e) {
        // The entry stays sending; the next lease holder resolves it. Try a little longer first.
        if (attempt >= 3 || !running) {
          log.error("entry {}: could not record the outcome", id, e);
          throw e;
        }
        sleep(Duration.ofMillis(200L * attempt));
      }
    }
  }

  private void checkWaiting() {
    if (waiting.isEmpty()) {
      return;
    }
    List<OutboxId> ids = new ArrayList<>(waiting.keySet());
    List<OutboxEntry> done = store.inTransaction(tx -> {
      List<OutboxEntry> out = new ArrayList<>();
      for (OutboxId id : ids.subList(0, Math.min(ids.size(), 200))) {
        tx.outboxEntry(id).filter(e -> e.state().isTerminal()).ifPresent(out::add);
      }
      return out;
    });
    done.forEach(this::completed);
  }

  private static String leaseName(ChannelId id) {
    return "outbox:" + id.value();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(1, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    scheduler.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(policy.operationTimeout().toMillis() + 5000,
          TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    for (ChannelId id : leased) {
      try {
        store.inTransaction(tx -> {
          tx.releaseLease(leaseName(id), owner);
          return null;
        });
      } catch (StoreException e) {
        log.warn("{}: could not release the outbox lease; it expires by itself", id, e);
      }
    }
    leased.clear();
  }
}
