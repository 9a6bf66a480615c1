package org.webcare4j.meta;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.webcare4j.core.CapabilityNotSupportedException;
import org.webcare4j.core.Secret;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.graph.GraphWebhookVerifier;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.outbox.DeleteComment;
import org.webcare4j.core.outbox.HideComment;
import org.webcare4j.core.outbox.OperationResult;
import org.webcare4j.core.outbox.OutboundOperation;
import org.webcare4j.core.outbox.PrivateReply;
import org.webcare4j.core.outbox.RateQuota;
import org.webcare4j.core.outbox.SendMessage;
import org.webcare4j.core.webhook.WebhookEndpoint;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.core.webhook.WebhookResponse;
import org.webcare4j.meta.internal.PageGraphApi;
import org.webcare4j.meta.internal.PagePayloadParser;

/**
 * One Facebook Page: comments on its posts as public conversations (a thread per top-level
 * comment with its replies) and its Messenger inbox as private ones, with public replies,
 * Messenger replies within the 24-hour window, private replies that move a commenter to
 * Messenger, and hiding and deleting comments.
 *
 * <pre>{@code
 * FacebookPageChannel page = FacebookPageChannel.builder(ChannelId.of("facebook-gemeente"))
 *     .pageId("104918587593826")
 *     .appSecret(Secret.fromEnvironment("META_APP_SECRET"))
 *     .verifyToken(Secret.fromEnvironment("META_VERIFY_TOKEN"))
 *     .pageAccessToken(Secret.fromEnvironment("FACEBOOK_PAGE_TOKEN"))
 *     .build();
 * }</pre>
 */
public final class FacebookPageChannel implements Channel {
  /** Messenger's standard messaging window. */
  public static final Duration MESSAGING_WINDOW = Duration.ofHours(24);

  /** The longest comment or message text accepted (Messenger's 2,000 characters). */
  public static final int MAX_TEXT_LENGTH = 2000;

  private final ChannelId id;
  private final String pageId;
  private final GraphWebhookVerifier verifier;
  private final PagePayloadParser parser;
  private final PageGraphApi api;
  private final int callsPerSecond;

  private FacebookPageChannel(Builder b) {
    this.id = b.id;
    this.pageId = b.pageId;
    this.verifier = new GraphWebhookVerifier(b.appSecret, b.verifyToken);
    this.parser = new PagePayloadParser(id, pageId);
    this.api = new PageGraphApi(id, HttpUrl.get(b.baseUrl).newBuilder()
        .addPathSegment(b.apiVersion).build(), pageId, b.token);
    this.callsPerSecond = b.callsPerSecond;
  }

  /**
   * Starts configuring a page channel.
   *
   * @param id the channel's id
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
    return ChannelKind.FACEBOOK;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.PUBLIC_REPLIES, Capability.PRIVATE_MESSAGES,
        Capability.PRIVATE_REPLY_TO_COMMENT, Capability.HIDE_COMMENTS, Capability.DELETE_OWN);
  }

  @Override
  public ChannelLimits limits() {
    return ChannelLimits.of(MAX_TEXT_LENGTH, LengthCounter.utf16())
        .withReplyWindow(MESSAGING_WINDOW);
  }

  @Override
  public Optional<RateQuota> quota() {
    return Optional.of(RateQuota.perSecond(callsPerSecond));
  }

  @Override
  public String rateLimitBucket(OutboundOperation operation) {
    return PageGraphApi.BUCKET;
  }

  /**
   * Returns the page's id.
   *
   * @return the id
   */
  public String pageId() {
    return pageId;
  }

  @Override
  public Optional<WebhookEndpoint> webhook() {
    return Optional.of(new WebhookEndpoint() {
      @Override
      public Optional<WebhookResponse> handshake(WebhookRequest request) {
        return verifier.handshake(request);
      }

      @Override
      public void verify(WebhookRequest request) {
        verifier.verify(request);
      }

      @Override
      public List<InboundEvent> parse(WebhookRequest request) {
        return parser.parse(request.body());
      }
    });
  }

  /**
   * Carries out a reply, private reply, hide or delete. Called by the outbox.
   */
  @Override
  public OperationResult execute(OutboundOperation operation, OperationContext context) {
    if (operation instanceof SendMessage send) {
      if (!send.attachments().isEmpty() || send.template().isPresent()) {
        throw api.unsupported("this page channel sends text only");
      }
      return api.send(send, context);
    }
    if (operation instanceof PrivateReply reply) {
      return api.privateReply(reply, context);
    }
    if (operation instanceof HideComment hide) {
      return api.hide(hide, context);
    }
    if (operation instanceof DeleteComment delete) {
      return api.delete(delete, context);
    }
    throw new CapabilityNotSupportedException(id, operation.requires());
  }

  @Override
  public String toString() {
    return "FacebookPageChannel{" + id + ", pageId=" + pageId + "}";
  }

  /** Configures a {@link FacebookPageChannel}. */
  public static final class Builder {
    private final ChannelId id;
    private String pageId;
    private Secret appSecret;
    private Secret verifyToken;
    private Secret token;
    private String baseUrl = "https://graph.facebook.com/";
    private String apiVersion = "v21.0";
    private int callsPerSecond = 10;

    private Builder(ChannelId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Sets the page's id.
     *
     * @param pageId digits
     * @return this builder
     */
    public Builder pageId(String pageId) {
      if (!Objects.requireNonNull(pageId, "pageId").matches("[0-9]{1,30}")) {
        throw new IllegalArgumentException("a page id is digits only: " + pageId);
      }
      this.pageId = pageId;
      return this;
    }

    /**
     * Sets the app secret webhooks are signed with.
     *
     * @param appSecret the secret
     * @return this builder
     */
    public Builder appSecret(Secret appSecret) {
      this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
      return this;
    }

    /**
     * Sets the verify token of the webhook subscription.
     *
     * @param verifyToken the token
     * @return this builder
     */
    public Builder verifyToken(Secret verifyToken) {
      this.verifyToken = Objects.requireNonNull(verifyToken, "verifyToken");
      return this;
    }

    /**
     * Sets the page access token.
     *
     * @param token the token
     * @return this builder
     */
    public Builder pageAccessToken(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Sets the Graph API's base URL, for a simulator or a proxy.
     *
     * @param baseUrl such as {@code https://graph.facebook.com/}
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      if (HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl")) == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * Sets the Graph API version.
     *
     * @param apiVersion such as {@code v21.0}
     * @return this builder
     */
    public Builder apiVersion(String apiVersion) {
      if (!Objects.requireNonNull(apiVersion, "apiVersion").matches("v[0-9]{1,3}\\.[0-9]")) {
        throw new IllegalArgumentException("an API version looks like v21.0: " + apiVersion);
      }
      this.apiVersion = apiVersion;
      return this;
    }

    /**
     * Sets how many calls a second the outbox makes at most; the usage headers slow it further.
     *
     * @param perSecond at least 1
     * @return this builder
     */
    public Builder callsPerSecond(int perSecond) {
      if (perSecond < 1) {
        throw new IllegalArgumentException("callsPerSecond must be positive");
      }
      this.callsPerSecond = perSecond;
      return this;
    }

    /**
     * Builds the channel.
     *
     * @return the channel
     * @throws IllegalStateException when the page id, app secret, verify token or page access
     *     token is missing
     */
    public FacebookPageChannel build() {
      if (pageId == null || appSecret == null || verifyToken == null || token == null) {
        throw new IllegalStateException("page channel " + id
            + " needs a page id, the app secret, a verify token and a page access token");
      }
      return new FacebookPageChannel(this);
    }
  }
}
