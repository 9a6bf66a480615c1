package org.webcare4j.linkedin;

import java.nio.charset.StandardCharsets;
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
import org.webcare4j.linkedin.internal.LinkedInApi;
import org.webcare4j.linkedin.internal.LinkedInOperations;
import org.webcare4j.linkedin.internal.LinkedInPayloadParser;
import org.webcare4j.linkedin.internal.LinkedInPoller;
import org.webcare4j.linkedin.internal.LinkedInUrn;

/**
 * One LinkedIn organisation page on the Community Management API: posts (text, an article link,
 * an image), and the comments on them as public threads, one per post, answered as the
 * organisation.
 *
 * <pre>{@code
 * LinkedInChannel linkedin = LinkedInChannel.builder(ChannelId.of("linkedin-gemeente"))
 *     .organizationId("2414183")
 *     .tokens(OAuthTokens.of(Secret.fromEnvironment("LINKEDIN_TOKEN")))
 *     .clientSecret(Secret.fromEnvironment("LINKEDIN_CLIENT_SECRET"))   // webhooks, refresh
 *     .polling(Duration.ofMinutes(5))                                    // without webhooks
 *     .build();
 * }</pre>
 *
 * <p>Every request carries {@code LinkedIn-Version} (configurable, {@code YYYYMM}) and {@code
 * X-Restli-Protocol-Version: 2.0.0}. Commentary is escaped as "little" text, so {@code (}, {@code
 * @} or {@code #} publish as written. Daily quotas (per application and per member) answer 429
 * and reset at midnight UTC: the outbox waits until then and drops nothing. An expired or revoked
 * token is an {@code AuthorizationException} naming the channel, refreshed once first where a
 * refresh token was granted.
 */
public final class LinkedInChannel implements Channel {
  /** The longest commentary of a post. */
  public static final int MAX_COMMENTARY_LENGTH = 3000;

  /** The longest comment. */
  public static final int MAX_COMMENT_LENGTH = 1250;

  /** The API version used when none is configured. */
  public static final String DEFAULT_VERSION = "202511";

  /** The API base used when none is configured. */
  public static final String DEFAULT_BASE_URL = "https://api.linkedin.com/";

  /** The OAuth token endpoint used when none is configured. */
  public static final String DEFAULT_TOKEN_URL = "https://www.linkedin.com/oauth/v2/accessToken";

  /**
   * What a post holds: 3,000 characters of commentary; one image (JPEG, PNG or GIF, uploaded
   * from its URL), or a link shown as an article.
   */
  public static final PostRules POST_RULES = PostRules.builder(MAX_COMMENTARY_LENGTH,
          LengthCounter.utf16())
      .maxMedia(1)
      .media(AttachmentKind.IMAGE, 10L * 1024 * 1024, "image/jpeg", "image/png", "image/gif")
      .mediaByUrl()
      .links(PostRules.LinkPlacement.SEPARATE)
      .build();

  private final ChannelId id;
  private final LinkedInUrn organization;
  private final Optional<HmacSignature> signature;
  private final LinkedInPayloadParser parser;
  private final LinkedInApi api;
  private final LinkedInOperations operations;
  private final Optional<Duration> pollInterval;
  private final int recentPosts;
  private final OkHttpClient pollClient;
  private final Clock clock;
  private volatile PollingTask polling;

  private LinkedInChannel(Builder b) {
    this.id = b.id;
    this.organization = LinkedInUrn.organization(b.organizationId);
    this.signature = Optional.ofNullable(b.clientSecret)
        .map(s -> HmacSignature.sha256(s, HmacSignature.Encoding.HEX, ""));
    this.parser = new LinkedInPayloadParser(id, organization, b.clock);
    this.api = new LinkedInApi(id, HttpUrl.get(b.baseUrl), HttpUrl.get(b.tokenUrl), b.version,
        b.tokens, Optional.ofNullable(b.clientId), Optional.ofNullable(b.clientSecret),
        b.onRefresh);
    this.operations = new LinkedInOperations(id, organization, api);
    this.pollInterval = Optional.ofNullable(b.pollInterval);
    this.recentPosts = b.recentPosts;
    this.pollClient = b.httpClient;
    this.clock = b.clock;
  }

  /**
   * Starts configuring a channel.
   *
   * @param id the id the host gives this page
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
    return ChannelKind.LINKEDIN;
  }

  /**
   * Returns the page's URN, such as {@code urn:li:organization:2414183}.
   *
   * @return the organisation URN
   */
  public String organization() {
    return organization.toString();
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.PUBLIC_REPLIES, Capability.DELETE_OWN, Capability.PUBLISHING);
  }

  /** Replies are comments: 1,250 characters. */
  @Override
  public ChannelLimits limits() {
    return ChannelLimits.of(MAX_COMMENT_LENGTH, LengthCounter.utf16());
  }

  @Override
  public Optional<PostRules> postRules() {
    return Optional.of(POST_RULES);
  }

  /**
   * The webhook, when a client secret is configured: answers the validation GET ({@code
   * challengeCode} → {@code challengeResponse}, hex HMAC-SHA256 with the client secret) and
   * verifies {@code X-LI-Signature} (hex HMAC-SHA256 of the raw body, with or without the {@code
   * hmacsha256=} prefix).
   */
  @Override
  public Optional<WebhookEndpoint> webhook() {
    return signature.map(sig -> new WebhookEndpoint() {
      @Override
      public Optional<WebhookResponse> handshake(WebhookRequest request) {
        if (!request.method().equals("GET")) {
          return Optional.empty();
        }
        Optional<String> code = request.queryParameter("challengeCode");
        if (code.isEmpty() || !CHALLENGE_CODE.matcher(code.get()).matches()) {
          // LinkedIn sends a type-4 UUID; signing anything else could sign a forged body.
          return Optional.of(WebhookResponse.text(400, "challengeCode missing or malformed"));
        }
        return Optional.of(WebhookResponse.json(200, "{\"challengeCode\":\"" + code.get()
            + "\",\"challengeResponse\":\"" + sig.sign(code.get()) + "\"}"));
      }

      @Override
      public void verify(WebhookRequest request) {
        verifySignature(sig, request.body(), request.header(SIGNATURE_HEADER));
      }

      @Override
      public InboundBatch parse(WebhookRequest request) {
        return parser.parseNotifications(request.body());
      }
    });
  }

  /**
   * LinkedIn's challenge code: "randomly generated type-4 UUID string" (Webhook validation,
   * learn.microsoft.com); nothing else is answered, so the answer never signs a forged body.
   */
  private static final java.util.regex.Pattern CHALLENGE_CODE = java.util.regex.Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");

  /** The header LinkedIn signs webhook notifications in. */
  public static final String SIGNATURE_HEADER = "X-LI-Signature";

  private static final byte[] SIGNED_PREFIX = "hmacsha256=".getBytes(StandardCharsets.UTF_8);

  /**
   * Verifies {@code X-LI-Signature}. LinkedIn's webhook documentation says the header holds "the
   * HMACSHA256 hash of the JSON-encoded string representation of the POST body prefixed by
   * hmacsha256=", computed with the app's client secret, and is read two ways: the hex MAC of the
   * body behind a {@code hmacsha256=} prefix in the header, or the hex MAC of {@code
   * "hmacsha256=" + body} with no prefix in the header. Both readings are keyed with the client
   * secret, so accepting either (each compared in constant time) lets no one without the secret
   * through; the header's prefix is optional.
   */
  static void verifySignature(HmacSignature sig, byte[] body, Optional<String> header) {
    Optional<String> mac = header.map(String::strip).map(h ->
        h.regionMatches(true, 0, "hmacsha256=", 0, 11) ? h.substring(11) : h);
    if (mac.isPresent() && !sig.matches(body, mac.get())) {
      byte[] prefixed = new byte[SIGNED_PREFIX.length + body.length];
      System.arraycopy(SIGNED_PREFIX, 0, prefixed, 0, SIGNED_PREFIX.length);
      System.arraycopy(body, 0, prefixed, SIGNED_PREFIX.length, body.length);
      if (sig.matches(prefixed, mac.get())) {
        return;
      }
    }
    sig.verify(body, mac, SIGNATURE_HEADER);
  }

  /**
   * Returns the answer to a webhook validation challenge.
   *
   * @param challengeCode the code LinkedIn sent
   * @return the hex HMAC-SHA256 of the code with the client secret
   * @throws IllegalStateException when no client secret is configured
   */
  public String challengeResponse(String challengeCode) {
    return signature.orElseThrow(() -> new IllegalStateException("no client secret configured"))
        .sign(challengeCode);
  }

  @Override
  public String rateLimitBucket(OutboundOperation operation) {
    return LinkedInOperations.bucket(operation);
  }

  /** Comments (as the organisation), deletes its own comments, publishes posts. */
  @Override
  public OperationResult execute(OutboundOperation operation, OperationContext context) {
    if (operation instanceof SendMessage send && send.visibility() == Visibility.PUBLIC) {
      return operations.comment(send, context);
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
      LinkedInPoller poller = new LinkedInPoller(id, organization, api, parser, context,
          pollClient, recentPosts, clock);
      polling = new PollingTask(id, "comments", poller::pollOnce, interval, clock);
      polling.start();
    });
  }

  @Override
  public void close() {
    PollingTask p = polling;
    if (p != null) {
      p.close();
    }
  }

  @Override
  public String toString() {
    return "LinkedInChannel[" + id + ", " + organization + "]";
  }

  /** Configures a {@link LinkedInChannel}. */
  public static final class Builder {
    private final ChannelId id;
    private String organizationId;
    private OAuthTokens tokens;
    private String clientId;
    private Secret clientSecret;
    private Consumer<OAuthTokens> onRefresh = t -> { };
    private String version = DEFAULT_VERSION;
    private String baseUrl = DEFAULT_BASE_URL;
    private String tokenUrl = DEFAULT_TOKEN_URL;
    private Duration pollInterval;
    private int recentPosts = 10;
    private OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();

    private Builder(ChannelId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Sets the organisation page's numeric id.
     *
     * @param id such as {@code 2414183}
     * @return this builder
     */
    public Builder organizationId(String id) {
      if (id == null || !id.matches("[0-9]{1,20}")) {
        throw new IllegalArgumentException("an organisation id is numeric: " + id);
      }
      this.organizationId = id;
      return this;
    }

    /**
     * Sets the access token (60 days) and, where granted, the refresh token.
     *
     * @param tokens the tokens
     * @return this builder
     */
    public Builder tokens(OAuthTokens tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /**
     * Sets the app's client id, needed to refresh tokens.
     *
     * @param clientId the client id
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /**
     * Sets the app's client secret: it answers the webhook challenge, checks signatures and
     * refreshes tokens.
     *
     * @param secret the client secret
     * @return this builder
     */
    public Builder clientSecret(Secret secret) {
      this.clientSecret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /**
     * Sets who is told the new tokens after a refresh, to store them.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onTokensRefreshed(Consumer<OAuthTokens> listener) {
      this.onRefresh = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the API version sent as {@code LinkedIn-Version}.
     *
     * @param apiVersion {@code YYYYMM}, such as {@code 202511}
     * @return this builder
     */
    public Builder apiVersion(String apiVersion) {
      if (apiVersion == null || !apiVersion.matches("20[0-9]{2}(0[1-9]|1[0-2])")) {
        throw new IllegalArgumentException("a LinkedIn API version is YYYYMM: " + apiVersion);
      }
      this.version = apiVersion;
      return this;
    }

    /**
     * Sets the API base URL, for a proxy or a simulator.
     *
     * @param baseUrl such as {@code https://api.linkedin.com/}
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /**
     * Sets the OAuth token endpoint.
     *
     * @param tokenUrl the endpoint
     * @return this builder
     */
    public Builder tokenUrl(String tokenUrl) {
      this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
      return this;
    }

    /**
     * Polls the comments on the latest posts at this interval, for apps without webhooks.
     *
     * @param interval how often
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
     * Sets how many of the latest posts polling watches; 10 by default.
     *
     * @param posts the count, 1 to 100
     * @return this builder
     */
    public Builder recentPosts(int posts) {
      if (posts < 1 || posts > 100) {
        throw new IllegalArgumentException("recentPosts is 1 to 100");
      }
      this.recentPosts = posts;
      return this;
    }

    /**
     * Sets the HTTP client the poller uses.
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
     * @throws IllegalStateException when the organisation or the token is missing
     */
    public LinkedInChannel build() {
      if (organizationId == null || tokens == null) {
        throw new IllegalStateException("organizationId and tokens are required");
      }
      if (httpClient == null) {
        httpClient = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
      }
      return new LinkedInChannel(this);
    }
  }
}
