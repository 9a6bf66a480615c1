package org.webcare4j.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import okhttp3.OkHttpClient;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.error.NotFoundException;
import org.webcare4j.core.event.UnreadableItem;
import org.webcare4j.core.event.WebcareListener;
import org.webcare4j.core.internal.WebcareRuntime;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.outbox.Outbox;
import org.webcare4j.core.outbox.OutboxPolicy;
import org.webcare4j.core.publish.Publications;
import org.webcare4j.core.publish.PublishingPolicy;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.tone.ToneChecker;
import org.webcare4j.core.tone.ToneProfile;
import org.webcare4j.core.tone.ToneRule;
import org.webcare4j.core.webhook.WebhookEndpoint;
import org.webcare4j.core.webhook.Webhooks;

/**
 * The entry point: one organisation's channels, store and listeners, with the inbox to work in
 * and the webhooks to receive through.
 *
 * <pre>{@code
 * Webcare webcare = Webcare.builder()
 *     .store(store)
 *     .channel(whatsapp)
 *     .listener(record -> notifyTeam(record))
 *     .build();
 * server.createContext("/webhooks", webcare.webhooks().httpHandler());
 * }</pre>
 *
 * <p>A {@code Webcare} is thread-safe and meant to live as long as the host application; close it
 * on shutdown. It does not close the store, which its creator owns.
 */
public final class Webcare implements AutoCloseable {
  /** The default limit on a webhook body: 1 MiB, well above any platform's documented payloads. */
  public static final int DEFAULT_MAX_WEBHOOK_BODY_BYTES = 1 << 20;

  private final WebcareStore store;
  private final Map<ChannelId, Channel> channels;
  private final Clock clock;
  private final WebcareRuntime runtime;
  private final Inbox inbox;

  private Webcare(Builder b) {
    this.store = b.store;
    this.channels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.channels));
    this.clock = b.clock;
    this.runtime = new WebcareRuntime(store, channels, b.endpoints, b.listeners, clock,
        Optional.ofNullable(b.dispatchExecutor), b.maxWebhookBodyBytes,
        Optional.ofNullable(b.httpClient), b.outboxPolicy,
        b.instanceId != null ? b.instanceId : "webcare4j-" + UUID.randomUUID(),
        ToneChecker.of(b.toneProfile, b.toneRules), b.publishing);
    this.inbox = new Inbox(store);
  }

  /**
   * Starts configuring a {@code Webcare}.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the inbox: the conversations of all channels.
   *
   * @return the inbox
   */
  public Inbox inbox() {
    return inbox;
  }

  /**
   * Starts a reply to a conversation, checked against the tone profile before it is sent.
   *
   * @param conversation the conversation
   * @return an empty draft
   * @throws NotFoundException when the store holds no such conversation
   * @throws IllegalStateException when the conversation's channel is not registered
   */
  public ReplyDraft compose(ConversationId conversation) {
    Objects.requireNonNull(conversation, "conversation");
    Conversation c = store.inTransaction(tx -> tx.conversation(conversation))
        .orElseThrow(() -> new NotFoundException("conversation", conversation.value()));
    runtime.composer().channel(c);
    return new ReplyDraft(runtime.composer(), c);
  }

  /**
   * Returns the tone checker, to check texts outside a reply (a publication, a template) or to
   * show the rules in force.
   *
   * @return the checker
   */
  public ToneChecker tone() {
    return runtime.composer().tone();
  }

  /**
   * Returns the publishing workflow: publications with per-channel variants, approval,
   * scheduling, the crisis pause and the planner's calendar.
   *
   * @return the publications
   */
  public Publications publications() {
    return runtime.publications();
  }

  /**
   * Returns the webhook handler to mount in the host's HTTP server.
   *
   * @return the handler
   */
  public Webhooks webhooks() {
    return runtime.webhooks();
  }

  /**
   * Returns the items of verified deliveries and polled pages that a channel could not read,
   * newest first. Each was kept with its raw JSON instead of costing the rest of its delivery;
   * look at them to see what a platform sends that this version does not understand.
   *
   * @param limit the most to return, at least 1
   * @return the items
   */
  public List<UnreadableItem> unreadableItems(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return store.inTransaction(tx -> tx.unreadableItems(limit));
  }

  /**
   * Returns the outbox: what is sent, and what became of it.
   *
   * @return the outbox
   */
  public Outbox outbox() {
    return runtime.outbox();
  }

  /**
   * Returns a registered channel.
   *
   * @param id the channel's id
   * @return the channel, if registered
   */
  public Optional<Channel> channel(ChannelId id) {
    return Optional.ofNullable(channels.get(Objects.requireNonNull(id, "id")));
  }

  /**
   * Returns all registered channels in registration order.
   *
   * @return the channels
   */
  public List<Channel> channels() {
    return List.copyOf(channels.values());
  }

  /**
   * Returns the clock this {@code Webcare} runs on.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /** Stops the channels and the dispatcher; events not yet dispatched are kept for next start. */
  @Override
  public void close() {
    runtime.close();
  }

  /** Configures and builds a {@link Webcare}. */
  public static final class Builder {
    private WebcareStore store;
    private final Map<ChannelId, Channel> channels = new LinkedHashMap<>();
    private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
    private final List<WebcareListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Executor dispatchExecutor;
    private int maxWebhookBodyBytes = DEFAULT_MAX_WEBHOOK_BODY_BYTES;
    private OkHttpClient httpClient;
    private OutboxPolicy outboxPolicy = OutboxPolicy.defaults();
    private String instanceId;
    private ToneProfile toneProfile = org.webcare4j.core.rulebook.Rulebook.dutchMunicipality();
    private PublishingPolicy publishing = PublishingPolicy.defaults();
    private final List<ToneRule> toneRules = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the tone profile replies are checked against and inbound messages classified with.
     *
     * @param profile the profile; {@link org.webcare4j.core.rulebook.Rulebook#dutchMunicipality()} when
     *     not set
     * @return this builder
     */
    public Builder toneProfile(ToneProfile profile) {
      this.toneProfile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * Sets how the organisation publishes: four-eyes approval, the planners' zone, the grace
     * period for missed publications.
     *
     * @param policy the policy; {@link PublishingPolicy#defaults()} when not set
     * @return this builder
     */
    public Builder publishing(PublishingPolicy policy) {
      this.publishing = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Adds a tone rule from code besides the built-in and the profile's own, such as a spelling
     * checker.
     *
     * @param rule the rule; its id must be unique
     * @return this builder
     */
    public Builder toneRule(ToneRule rule) {
      toneRules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Sets the HTTP client channels call their platforms with, to share a host's connection pool
     * or proxy settings. By default an own client with 10 s connect and 30 s read timeouts.
     *
     * @param client the client; the {@code Webcare} does not shut it down
     * @return this builder
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets how the outbox retries, throttles and protects platforms.
     *
     * @param policy the policy; {@link OutboxPolicy#defaults()} when not set
     * @return this builder
     */
    public Builder outboxPolicy(OutboxPolicy policy) {
      this.outboxPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Names this instance of the host application in leases and logs. By default a random name;
     * set a stable one (the host name) to read the logs of a cluster more easily.
     *
     * @param id the instance's name
     * @return this builder
     */
    public Builder instanceId(String id) {
      this.instanceId = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Sets the store; required. Use {@link org.webcare4j.core.store.memory.InMemoryWebcareStore#create()} only for tests and demos.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(WebcareStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Registers a channel; its webhook endpoint, if any, is named after its id.
     *
     * @param channel the channel
     * @return this builder
     * @throws IllegalArgumentException when a channel with the same id is registered
     */
    public Builder channel(Channel channel) {
      Objects.requireNonNull(channel, "channel");
      if (channels.putIfAbsent(channel.id(), channel) != null) {
        throw new IllegalArgumentException("two channels with id " + channel.id());
      }
      return this;
    }

    /**
     * Registers a webhook endpoint under a name of the host's choosing, for endpoints that serve
     * several channels (one app-level callback for many accounts).
     *
     * @param name the last path segment the endpoint answers on
     * @param endpoint the endpoint
     * @return this builder
     */
    public Builder webhookEndpoint(String name, WebhookEndpoint endpoint) {
      ChannelId.of(name); // same rules as a channel id: safe in a URL path
      if (endpoints.putIfAbsent(name, Objects.requireNonNull(endpoint, "endpoint")) != null) {
        throw new IllegalArgumentException("two webhook endpoints named " + name);
      }
      return this;
    }

    /**
     * Adds a listener for stored inbound events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(WebcareListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets the clock; for tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets where listeners run. By default one own thread runs them in order; an executor with
     * several threads gives up that order, and {@code Runnable::run} runs them on the thread that
     * stored the event.
     *
     * @param executor the executor; the {@code Webcare} does not shut it down
     * @return this builder
     */
    public Builder dispatchExecutor(Executor executor) {
      this.dispatchExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets the largest webhook body accepted.
     *
     * @param bytes the limit, at least 1 KiB
     * @return this builder
     */
    public Builder maxWebhookBodyBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("the webhook body limit must be at least 1024 bytes");
      }
      this.maxWebhookBodyBytes = bytes;
      return this;
    }

    /**
     * Builds the {@code Webcare}, dispatches events a previous run left undispatched, and starts
     * the channels.
     *
     * @return the running {@code Webcare}
     * @throws IllegalStateException when no store was set
     */
    public Webcare build() {
      if (store == null) {
        throw new IllegalStateException(
            "a store is required: InMemoryWebcareStore.create() for tests, a JDBC store otherwise");
      }
      Webcare webcare = new Webcare(this);
      webcare.runtime.start();
      return webcare;
    }
  }
}
