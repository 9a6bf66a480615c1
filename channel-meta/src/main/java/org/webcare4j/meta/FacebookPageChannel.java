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
public final class FacebookPageChannel extends GraphAccountChannel {
  /**
   * How long after the inwoner's last message the page may answer on Messenger: 24 hours as a
   * standard response, then up to 7 days with the human-agent tag, which the channel adds itself
   * when Messenger refuses a standard response.
   */
  public static final Duration MESSAGING_WINDOW = Duration.ofDays(7);

  /** The longest comment or message text accepted (Messenger's 2,000 characters). */
  public static final int MAX_TEXT_LENGTH = 2000;

  private final String pageId;

  private FacebookPageChannel(Builder b) {
    super(b.id, b.appSecret, b.verifyToken, b.baseUrl, b.apiVersion, b.pageId, b.token,
        GraphAccountApi.PAGE, new PagePayloadParser(b.id, b.pageId)::parse, b.callsPerSecond);
    this.pageId = b.pageId;
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
  public ChannelKind kind() {
    return ChannelKind.FACEBOOK;
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
   * Returns the page's id.
   *
   * @return the id
   */
  public String pageId() {
    return pageId;
  }

  @Override
  public String toString() {
    return "FacebookPageChannel{" + id() + ", pageId=" + pageId + "}";
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
