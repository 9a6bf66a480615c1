package org.webcare4j.meta;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import org.webcare4j.core.Secret;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.meta.internal.GraphAccountApi;
import org.webcare4j.meta.internal.InstagramPayloadParser;

/**
 * One Instagram professional account linked to a Facebook Page: comments on its media as public
 * conversations (a thread per top-level comment with its replies), mentions, and direct messages
 * as private ones; comment replies, direct replies within the 24-hour window, private replies to
 * comments, hiding and deleting comments.
 *
 * <pre>{@code
 * InstagramChannel instagram = InstagramChannel.builder(ChannelId.of("instagram-gemeente"))
 *     .accountId("17841405822304914")
 *     .appSecret(Secret.fromEnvironment("META_APP_SECRET"))
 *     .verifyToken(Secret.fromEnvironment("META_VERIFY_TOKEN"))
 *     .accessToken(Secret.fromEnvironment("FACEBOOK_PAGE_TOKEN"))
 *     .build();
 * }</pre>
 */
public final class InstagramChannel extends GraphAccountChannel {
  /** Instagram's messaging window. */
  public static final Duration MESSAGING_WINDOW = Duration.ofHours(24);

  /** The longest comment accepted: 2,200 characters, as a caption. */
  public static final int MAX_TEXT_LENGTH = 2200;

  private final String accountId;

  private InstagramChannel(Builder b) {
    super(b.id, b.appSecret, b.verifyToken, b.baseUrl, b.apiVersion, b.accountId, b.token,
        GraphAccountApi.INSTAGRAM, new InstagramPayloadParser(b.id, b.accountId)::parse,
        b.callsPerSecond);
    this.accountId = b.accountId;
  }

  /**
   * Starts configuring an Instagram channel.
   *
   * @param id the channel's id
   * @return a builder
   */
  public static Builder builder(ChannelId id) {
    return new Builder(id);
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.INSTAGRAM;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.PUBLIC_REPLIES, Capability.PRIVATE_MESSAGES,
        Capability.PRIVATE_REPLY_TO_COMMENT, Capability.HIDE_COMMENTS, Capability.DELETE_OWN,
        Capability.PUBLISHING);
  }

  @Override
  public ChannelLimits limits() {
    return ChannelLimits.of(MAX_TEXT_LENGTH, LengthCounter.utf16())
        .withReplyWindow(MESSAGING_WINDOW);
  }

  /**
   * Returns the Instagram account's id.
   *
   * @return the id
   */
  public String accountId() {
    return accountId;
  }

  @Override
  public String toString() {
    return "InstagramChannel{" + id() + ", accountId=" + accountId + "}";
  }

  /** Configures an {@link InstagramChannel}. */
  public static final class Builder {
    private final ChannelId id;
    private String accountId;
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
     * Sets the Instagram professional account's id.
     *
     * @param accountId digits
     * @return this builder
     */
    public Builder accountId(String accountId) {
      if (!Objects.requireNonNull(accountId, "accountId").matches("[0-9]{1,30}")) {
        throw new IllegalArgumentException("an account id is digits only: " + accountId);
      }
      this.accountId = accountId;
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
     * Sets the access token (the linked page's token).
     *
     * @param token the token
     * @return this builder
     */
    public Builder accessToken(Secret token) {
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
     * Sets how many calls a second the outbox makes at most.
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
     * @throws IllegalStateException when the account id, app secret, verify token or access
     *     token is missing
     */
    public InstagramChannel build() {
      if (accountId == null || appSecret == null || verifyToken == null || token == null) {
        throw new IllegalStateException("Instagram channel " + id
            + " needs an account id, the app secret, a verify token and an access token");
      }
      return new InstagramChannel(this);
    }
  }
}
