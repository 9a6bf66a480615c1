package org.webcare4j.x;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.CapabilityNotSupportedException;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.ChannelContext;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.channel.DeleteComment;
import org.webcare4j.core.channel.HideComment;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.channel.PollingTask;
import org.webcare4j.core.channel.PostRules;
import org.webcare4j.core.channel.PublishPost;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.http.OAuthTokens;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.webhook.HmacSignature;
import org.webcare4j.core.webhook.WebhookEndpoint;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.core.webhook.WebhookResponse;
import org.webcare4j.x.internal.OAuth1Signer;
import org.webcare4j.x.internal.XApi;
import org.webcare4j.x.internal.XOperations;
import org.webcare4j.x.internal.XPayloadParser;
import org.webcare4j.x.internal.XPoller;

/**
 * One X account on the X API v2: mentions and replies as public threads (one per {@code
 * conversation_id}), DMs as private ones, replies, DMs, hiding replies to our posts, deleting our
 * own posts and publishing posts with images.
 *
 * <pre>{@code
 * XChannel x = XChannel.builder(ChannelId.of("x-gemeente"))
 *     .userId("2244994945")
 *     .consumerSecret(Secret.fromEnvironment("X_CONSUMER_SECRET"))     // webhooks
 *     .oauth2(OAuthTokens.of(access, refresh, expiresAt), "client-id", Optional.empty())
 *     .onTokensRefreshed(tokens -> vault.save(tokens))
 *     .polling(Duration.ofMinutes(1))                                  // without webhook access
 *     .build();
 * }</pre>
 *
 * <p>Inbound comes two ways with the same events: Account Activity webhooks (the CRC challenge
 * answered, {@code x-twitter-webhooks-signature} verified over the raw body) and, for accounts
 * without webhook access, polling of the mentions timeline and DM events with the position kept
 * in the store, so a restart neither misses nor repeats. Length is counted by the twitter-text
 * rules (weighted characters, every URL 23), so an over-long reply is blocked before any call.
 * Each endpoint's {@code x-rate-limit-*} headers pace the outbox; a 429 waits until the
 * exhausted limit (the endpoint's window, or the user's or the app's 24-hour post limit) resets.
 */
public final class XChannel implements Channel {
  /** The longest post, in twitter-text's weighted characters. */
  public static final int MAX_POST_LENGTH = 280;

  /** The longest DM text. */
  public static final int MAX_DM_LENGTH = 10_000;

  /** The API base used when none is configured. */
  public static final String DEFAULT_BASE_URL = "https://api.x.com/";

  /**
   * What a post holds: 280 weighted characters with links counted as 23 in the text, up to four
   * images (JPEG, PNG, GIF or WebP, at most 5 MB each) fetched from their URL and uploaded.
   */
  public static final PostRules POST_RULES = PostRules.builder(MAX_POST_LENGTH,
          LengthCounter.xWeighted())
      .maxMedia(4)
      .media(AttachmentKind.IMAGE, 5L * 1024 * 1024, "image/jpeg", "image/png", "image/gif",
          "image/webp")
      .mediaByUrl()
      .links(PostRules.LinkPlacement.IN_TEXT)
      .build();

  private final ChannelId id;
  private final String userId;
  private final Optional<HmacSignature> webhookSignature;
  private final XPayloadParser parser;
  private final XOperations operations;
  private final Optional<Duration> pollInterval;
  private final OkHttpClient pollClient;
  private final XApi api;
  private final Clock clock;
  private final List<PollingTask> polling = new java.util.concurrent.CopyOnWriteArrayList<>();

  private XChannel(Builder b) {
    this.id = b.id;
    this.userId = b.userId;
    this.webhookSignature = Optional.ofNullable(b.consumerSecret)
        .map(s -> HmacSignature.sha256(s, HmacSignature.Encoding.BASE64, "sha256="));
    this.parser = new XPayloadParser(id, userId, b.clock);
    this.api = new XApi(id, HttpUrl.get(b.baseUrl), b.auth);
    this.operations = new XOperations(id, userId, api);
    this.pollInterval = Optional.ofNullable(b.pollInterval);
    this.pollClient = b.httpClient;
    this.clock = b.clock;
  }

  /**
   * Starts configuring a channel.
   *
   * @param id the id the host gives this account
   * @return a builder
   */
  public static Builder builder(ChannelId id) {
    return new Builder(id);
  }

  @Override
  public ChannelId id() {
    return id;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.X;
  }

  /**
   * Returns the account's numeric user id.
   *
   * @return the user id
   */
  public String userId() {
    return userId;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.PUBLIC_REPLIES, Capability.PRIVATE_MESSAGES,
        Capability.HIDE_COMMENTS, Capability.DELETE_OWN, Capability.PUBLISHING);
  }

  /** Replies are posts: 280 weighted characters as twitter-text counts them. */
  @Override
  public ChannelLimits limits() {
    return ChannelLimits.of(MAX_POST_LENGTH, LengthCounter.xWeighted());
  }

  @Override
  public Optional<PostRules> postRules() {
    return Optional.of(POST_RULES);
  }

  /**
   * The Account Activity webhook: answers the CRC challenge ({@code response_token} = {@code
   * sha256=} + base64 HMAC-SHA256 of the {@code crc_token} with the consumer secret) and verifies
   * {@code x-twitter-webhooks-signature} over the raw body. Present when a consumer secret is
   * configured.
   */
  @Override
  public Optional<WebhookEndpoint> webhook() {
    return webhookSignature.map(signature -> new WebhookEndpoint() {
      @Override
      public Optional<WebhookResponse> handshake(WebhookRequest request) {
        if (!request.method().equals("GET")) {
          return Optional.empty();
        }
        Optional<String> token = request.queryParameter("crc_token");
        if (token.isEmpty() || !CRC_TOKEN.matcher(token.get()).matches()) {
          // The answer is the key's HMAC of the token: signing anything shaped like a body
          // would hand out a valid delivery signature for it.
          return Optional.of(WebhookResponse.text(400, "crc_token missing or malformed"));
        }
        return Optional.of(WebhookResponse.json(200,
            "{\"response_token\":\"" + signature.sign(token.get()) + "\"}"));
      }

      @Override
      public void verify(WebhookRequest request) {
        signature.verify(request.body(), request.header("x-twitter-webhooks-signature"),
            "x-twitter-webhooks-signature");
      }

      @Override
      public InboundBatch parse(WebhookRequest request) {
        return parser.parseActivity(request.body());
      }
    });
  }

  /**
   * What a CRC token may look like: X sends a random token of letters, digits and base64
   * punctuation. No JSON, no whitespace, so that no CRC answer is ever the signature of a body
   * the webhook would accept.
   */
  private static final java.util.regex.Pattern CRC_TOKEN =
      java.util.regex.Pattern.compile("[A-Za-z0-9+/=_.~-]{1,256}");

  /**
   * Returns the CRC answer for a token, as the webhook gives it.
   *
   * @param crcToken the token X sent
   * @return {@code sha256=} and the base64 HMAC-SHA256 of the token with the consumer secret
   * @throws IllegalStateException when no consumer secret is configured
   */
  public String crcResponse(String crcToken) {
    return webhookSignature.orElseThrow(() -> new IllegalStateException(
        "no consumer secret configured")).sign(crcToken);
  }

  @Override
  public String rateLimitBucket(OutboundOperation operation) {
    return XOperations.bucket(operation);
  }

  /**
   * Replies in public (a post in reply), sends a DM, hides or shows a reply to our post, deletes
   * our own post, or publishes a post (images uploaded first). Called by the outbox.
   */
  @Override
  public OperationResult execute(OutboundOperation operation, OperationContext context) {
    if (operation instanceof SendMessage send) {
      return send.visibility() == Visibility.PUBLIC ? operations.reply(send, context)
          : operations.directMessage(send, context);
    }
    if (operation instanceof HideComment hide) {
      return operations.hide(hide, context);
    }
    if (operation instanceof DeleteComment delete) {
      return operations.delete(delete, context);
    }
    if (operation instanceof PublishPost post) {
      return operations.publish(post, context);
    }
    throw new CapabilityNotSupportedException(id, operation.requires());
  }

  @Override
  public void start(ChannelContext context) {
    pollInterval.ifPresent(interval -> {
      XPoller poller = new XPoller(id, userId, api, parser, context, pollClient, clock);
      // Two tasks, so that a rate limit on one endpoint does not hold up the other.
      polling.add(new PollingTask(id, "mentions", poller::pollMentions, interval, clock));
      polling.add(new PollingTask(id, "DM events", poller::pollDirectMessages, interval, clock));
      polling.forEach(PollingTask::start);
    });
  }

  @Override
  public void close() {
    polling.forEach(PollingTask::close);
  }

  @Override
  public String toString() {
    return "XChannel[" + id + ", user " + userId + "]";
  }

  /** Configures an {@link XChannel}. */
  public static final class Builder {
    private final ChannelId id;
    private String userId;
    private Secret consumerSecret;
    private XApi.Auth auth;
    private Consumer<OAuthTokens> onRefresh = t -> { };
    private String baseUrl = DEFAULT_BASE_URL;
    private Duration pollInterval;
    private OkHttpClient httpClient;
    private OAuthTokens tokens;
    private String clientId;
    private Secret clientSecret;
    private Clock clock = Clock.systemUTC();

    private Builder(ChannelId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Sets the account's numeric user id.
     *
     * @param userId the id, such as {@code 2244994945}
     * @return this builder
     */
    public Builder userId(String userId) {
      if (userId == null || !userId.matches("[0-9]{1,20}")) {
        throw new IllegalArgumentException("an X user id is numeric: " + userId);
      }
      this.userId = userId;
      return this;
    }

    /**
     * Sets the app's consumer secret (API key secret), which answers the webhook's CRC
     * challenge and checks its signatures; without it the channel has no webhook.
     *
     * @param secret the consumer secret
     * @return this builder
     */
    public Builder consumerSecret(Secret secret) {
      this.consumerSecret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /**
     * Authenticates with an OAuth 2.0 user-context token pair, refreshed before it expires and
     * once on a 401.
     *
     * @param tokens the current pair
     * @param clientId the app's OAuth 2.0 client id
     * @param clientSecret the client secret, for a confidential client
     * @return this builder
     */
    public Builder oauth2(OAuthTokens tokens, String clientId, Optional<Secret> clientSecret) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      this.clientSecret = clientSecret.orElse(null);
      return this;
    }

    /**
     * Authenticates with OAuth 1.0a: the app's key pair and the account's access token pair;
     * every request is signed (HMAC-SHA1).
     *
     * @param consumerKey the API key
     * @param consumerSecret the API key secret
     * @param accessToken the account's access token
     * @param accessTokenSecret the account's access token secret
     * @return this builder
     */
    public Builder oauth1(String consumerKey, Secret consumerSecret, String accessToken,
        Secret accessTokenSecret) {
      this.auth = new XApi.OAuth1(new OAuth1Signer(consumerKey, consumerSecret, accessToken,
          accessTokenSecret));
      if (this.consumerSecret == null) {
        this.consumerSecret = consumerSecret;
      }
      return this;
    }

    /**
     * Sets who is told the new token pair after a refresh, to store it (X rotates refresh
     * tokens).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onTokensRefreshed(Consumer<OAuthTokens> listener) {
      this.onRefresh = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the API's base URL, for a proxy or a simulator.
     *
     * @param baseUrl the base, such as {@code https://api.x.com/}
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /**
     * Polls the mentions timeline and DM events at this interval, for accounts without webhook
     * access.
     *
     * @param interval how often to poll; at least 15 seconds against the real API
     * @return this builder
     */
    public Builder polling(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("the poll interval must be positive");
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * Sets the HTTP client the poller uses; the outbox's calls use the {@code Webcare}'s.
     *
     * @param client the client
     * @return this builder
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets the clock the poller uses.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the channel.
     *
     * @return the channel
     * @throws IllegalStateException when the user id or the authentication is missing
     */
    public XChannel build() {
      if (userId == null) {
        throw new IllegalStateException("userId is required");
      }
      if (tokens != null) {
        auth = new XApi.OAuth2(tokens, clientId, Optional.ofNullable(clientSecret), onRefresh);
      }
      if (auth == null) {
        throw new IllegalStateException("authentication is required: oauth2(...) or oauth1(...)");
      }
      if (httpClient == null) {
        httpClient = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
      }
      return new XChannel(this);
    }
  }
}
