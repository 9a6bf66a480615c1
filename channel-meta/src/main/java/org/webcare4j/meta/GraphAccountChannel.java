package org.webcare4j.meta;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import okhttp3.HttpUrl;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.CapabilityNotSupportedException;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.channel.DeleteComment;
import org.webcare4j.core.channel.HideComment;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.channel.PrivateReply;
import org.webcare4j.core.channel.PublishPost;
import org.webcare4j.core.channel.RateQuota;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.webhook.WebhookEndpoint;
import org.webcare4j.graph.GraphWebhookVerifier;
import org.webcare4j.meta.internal.GraphAccountApi;

/** What a Facebook Page and an Instagram account share: webhooks, the calls, the throttle. */
abstract class GraphAccountChannel implements Channel {
  private final ChannelId id;
  private final GraphWebhookVerifier verifier;
  private final Function<byte[], InboundBatch> parser;
  private final GraphAccountApi api;
  private final int callsPerSecond;
  private final ChannelLimits limits;

  GraphAccountChannel(Builder<?> b, GraphAccountApi.Flavour flavour,
      Function<byte[], InboundBatch> parser, int maxTextLength, Duration messagingWindow) {
    this.id = b.id;
    this.limits = ChannelLimits.of(maxTextLength, LengthCounter.utf16())
        .withReplyWindow(messagingWindow);
    this.verifier = new GraphWebhookVerifier(b.appSecret, b.verifyToken);
    this.parser = parser;
    this.api = new GraphAccountApi(id, HttpUrl.get(b.baseUrl).newBuilder()
        .addPathSegment(b.apiVersion).build(), b.accountId, b.token, flavour);
    this.callsPerSecond = b.callsPerSecond;
  }

  /**
   * What configuring a page and an Instagram account share.
   *
   * @param <B> the concrete builder
   */
  abstract static class Builder<B extends Builder<B>> {
    final ChannelId id;
    String accountId;
    Secret appSecret;
    Secret verifyToken;
    Secret token;
    String baseUrl = "https://graph.facebook.com/";
    String apiVersion = "v21.0";
    int callsPerSecond = 10;

    Builder(ChannelId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    abstract B self();

    B account(String accountId, String what) {
      if (!Objects.requireNonNull(accountId, what).matches("[0-9]{1,30}")) {
        throw new IllegalArgumentException("a " + what + " is digits only: " + accountId);
      }
      this.accountId = accountId;
      return self();
    }

    /**
     * Sets the app secret webhooks are signed with.
     *
     * @param appSecret the secret
     * @return this builder
     */
    public B appSecret(Secret appSecret) {
      this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
      return self();
    }

    /**
     * Sets the verify token of the webhook subscription.
     *
     * @param verifyToken the token
     * @return this builder
     */
    public B verifyToken(Secret verifyToken) {
      this.verifyToken = Objects.requireNonNull(verifyToken, "verifyToken");
      return self();
    }

    B token(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      return self();
    }

    /**
     * Sets the Graph API's base URL, for a simulator or a proxy.
     *
     * @param baseUrl such as {@code https://graph.facebook.com/}
     * @return this builder
     */
    public B baseUrl(String baseUrl) {
      if (HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl")) == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
      }
      this.baseUrl = baseUrl;
      return self();
    }

    /**
     * Sets the Graph API version.
     *
     * @param apiVersion such as {@code v21.0}
     * @return this builder
     */
    public B apiVersion(String apiVersion) {
      if (!Objects.requireNonNull(apiVersion, "apiVersion").matches("v[0-9]{1,3}\\.[0-9]")) {
        throw new IllegalArgumentException("an API version looks like v21.0: " + apiVersion);
      }
      this.apiVersion = apiVersion;
      return self();
    }

    /**
     * Sets how many calls a second the outbox makes at most; the usage headers slow it further.
     *
     * @param perSecond at least 1
     * @return this builder
     */
    public B callsPerSecond(int perSecond) {
      if (perSecond < 1) {
        throw new IllegalArgumentException("callsPerSecond must be positive");
      }
      this.callsPerSecond = perSecond;
      return self();
    }

    void requireComplete(String what) {
      if (accountId == null || appSecret == null || verifyToken == null || token == null) {
        throw new IllegalStateException(what + " " + id + " needs an account id, the app"
            + " secret, a verify token and an access token");
      }
    }
  }

  @Override
  public ChannelId id() {
    return id;
  }

  /** Both answer comments in public and privately, move a thread to private, moderate, post. */
  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.PUBLIC_REPLIES, Capability.PRIVATE_MESSAGES,
        Capability.PRIVATE_REPLY_TO_COMMENT, Capability.HIDE_COMMENTS, Capability.DELETE_OWN,
        Capability.PUBLISHING);
  }

  @Override
  public ChannelLimits limits() {
    return limits;
  }

  @Override
  public Optional<RateQuota> quota() {
    return Optional.of(RateQuota.perSecond(callsPerSecond));
  }

  @Override
  public String rateLimitBucket(OutboundOperation operation) {
    return GraphAccountApi.BUCKET;
  }

  @Override
  public Optional<WebhookEndpoint> webhook() {
    return Optional.of(verifier.endpoint(parser::apply));
  }

  @Override
  public OperationResult execute(OutboundOperation operation, OperationContext context) {
    if (operation instanceof SendMessage send) {
      if (!send.attachments().isEmpty() || send.template().isPresent()) {
        throw api.unsupported("this channel sends text replies only");
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
    if (operation instanceof PublishPost post) {
      return api.publish(post, context);
    }
    throw new CapabilityNotSupportedException(id, operation.requires());
  }
}
