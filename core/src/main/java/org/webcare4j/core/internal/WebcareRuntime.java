package org.webcare4j.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.event.WebcareListener;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.outbox.Outbox;
import org.webcare4j.core.outbox.OutboxPolicy;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.publish.Publications;
import org.webcare4j.core.publish.PublishingPolicy;
import org.webcare4j.core.tone.ToneChecker;
import org.webcare4j.core.tone.ToneRequest;
import org.webcare4j.core.webhook.WebhookEndpoint;
import org.webcare4j.core.webhook.Webhooks;

/** Assembles and owns the moving parts behind a {@code Webcare}. */
public final class WebcareRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebcareRuntime.class);

  private final WebcareStore store;
  private final Map<ChannelId, Channel> channels;
  private final Clock clock;
  private final IdGenerator ids;
  private final ExecutorService ownExecutor;
  private final EventDispatcher dispatcher;
  private final Ingestor ingestor;
  private final InboundPipeline pipeline;
  private final OkHttpClient ownHttpClient;
  private final OutboxDispatcher outboxDispatcher;
  private final OutboxService outbox;
  private final List<Channel> started = new ArrayList<>();
  private final Composer composer;
  private final PublicationService publications;
  private final java.util.concurrent.ScheduledExecutorService recovery =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webcare4j-event-recovery");
        t.setDaemon(true);
        return t;
      });

  /**
   * Assembles the runtime; nothing runs until {@link #start()}.
   *
   * @param store the store
   * @param channels the channels, by id
   * @param endpoints webhook endpoints registered by the host besides the channels' own
   * @param listeners the listeners
   * @param clock the clock
   * @param dispatchExecutor where listeners run, or empty for an own single thread
   * @param maxBodyBytes the webhook body limit
   * @param httpClient the HTTP client for channels, or empty for an own one
   * @param outboxPolicy the outbox's retry, breaker and lease settings
   * @param instanceId this instance's name in leases and logs
   * @param tone the tone checker that classifies inbound messages
   * @param publishing how the organisation publishes
   */
  public WebcareRuntime(
      WebcareStore store,
      Map<ChannelId, Channel> channels,
      Map<String, WebhookEndpoint> endpoints,
      List<WebcareListener> listeners,
      Clock clock,
      Optional<Executor> dispatchExecutor,
      int maxBodyBytes,
      Optional<OkHttpClient> httpClient,
      OutboxPolicy outboxPolicy,
      String instanceId,
      ToneChecker tone,
      PublishingPolicy publishing) {
    this.store = store;
    this.channels = Map.copyOf(channels);
    this.clock = clock;
    this.ids = new IdGenerator(clock);
    this.ownExecutor = dispatchExecutor.isPresent() ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "webcare4j-dispatch");
      t.setDaemon(true);
      return t;
    });
    this.dispatcher = new EventDispatcher(store, listeners,
        dispatchExecutor.orElse(ownExecutor), instanceId, clock);
    Normaliser normaliser = new Normaliser(
        channel -> Optional.ofNullable(this.channels.get(channel))
            .flatMap(c -> c.limits().replyWindow()),
        (channel, visibility, text) -> {
          Channel c = this.channels.get(channel);
          if (c == null || text.isBlank()) {
            return Set.of();
          }
          return tone.classify(ToneRequest.inbound(text, c.kind(), visibility)
              .at(clock.instant()).build());
        },
        ids);
    this.ingestor = new Ingestor(store, this.channels.keySet(), normaliser, dispatcher, clock);
    Map<String, WebhookEndpoint> all = new LinkedHashMap<>();
    Map<String, ChannelId> endpointChannels = new LinkedHashMap<>();
    for (Channel channel : this.channels.values()) {
      channel.webhook().ifPresent(e -> {
        all.put(channel.id().value(), e);
        endpointChannels.put(channel.id().value(), channel.id());
      });
    }
    endpoints.forEach((name, endpoint) -> {
      if (all.putIfAbsent(name, endpoint) != null) {
        throw new IllegalArgumentException("two webhook endpoints named " + name);
      }
    });
    this.pipeline = new InboundPipeline(all, endpointChannels, ingestor, maxBodyBytes, clock);
    this.ownHttpClient = httpClient.isPresent() ? null : new OkHttpClient.Builder()
        .socketFactory(new NoDelaySocketFactory())
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30))
        .callTimeout(Duration.ofSeconds(60))
        .build();
    this.outboxDispatcher = new OutboxDispatcher(store, this.channels, outboxPolicy,
        httpClient.orElse(ownHttpClient), clock, instanceId);
    this.outbox = new OutboxService(store, this.channels, outboxDispatcher, ids, clock);
    this.composer = new Composer(store, this.channels, tone, outbox, clock);
    this.publications = new PublicationService(store, this.channels, tone, publishing,
        outboxDispatcher, ids, clock, instanceId);
  }

  /**
   * Returns the publishing workflow.
   *
   * @return the publications
   */
  public Publications publications() {
    return publications;
  }

  /**
   * Returns what reply drafts work with.
   *
   * @return the composer
   */
  public Composer composer() {
    return composer;
  }

  /**
   * Returns the outbox.
   *
   * @return the outbox
   */
  public Outbox outbox() {
    return outbox;
  }

  /** Dispatches what a previous run left undispatched, then starts the channels. */
  public void start() {
    int recovered = dispatcher.recover();
    if (recovered > 0) {
      log.info("dispatched {} events left undispatched by a previous run", recovered);
    }
    for (Channel channel : channels.values()) {
      channel.start(new DefaultChannelContext(channel.id(), ingestor, store, clock));
      started.add(channel);
    }
    outboxDispatcher.start();
    publications.start();
    // Events stored by an instance that died are taken over once its leases expire.
    recovery.scheduleWithFixedDelay(() -> {
      try {
        dispatcher.recoverLater();
      } catch (RuntimeException e) {
        log.warn("recovering undispatched events failed; trying again later", e);
      }
    }, EventDispatcher.LEASE.toMillis(), EventDispatcher.LEASE.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /**
   * Returns the webhook handler.
   *
   * @return the pipeline
   */
  public Webhooks webhooks() {
    return pipeline;
  }

  /**
   * Returns the id generator.
   *
   * @return the generator
   */
  public IdGenerator ids() {
    return ids;
  }

  @Override
  public void close() {
    recovery.shutdownNow();
    publications.close();
    outboxDispatcher.close();
    for (Channel channel : started) {
      try {
        channel.close();
      } catch (RuntimeException e) {
        log.warn("channel {} failed to close", channel.id(), e);
      }
    }
    started.clear();
    if (ownExecutor != null) {
      ownExecutor.shutdown();
      try {
        if (!ownExecutor.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("listeners still running after 10 s; their events are dispatched on next start");
          ownExecutor.shutdownNow();
        }
      } catch (InterruptedException e) {
        ownExecutor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (ownHttpClient != null) {
      ownHttpClient.dispatcher().executorService().shutdown();
      ownHttpClient.connectionPool().evictAll();
    }
  }
}
