package org.webcare4j.meta;

import java.time.Duration;
import org.webcare4j.core.Secret;
import org.webcare4j.core.channel.ChannelKind;
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
    super(b, GraphAccountApi.PAGE, new PagePayloadParser(b.id, b.accountId)::parse,
        MAX_TEXT_LENGTH, MESSAGING_WINDOW);
    this.pageId = b.accountId;
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
  public static final class Builder extends GraphAccountChannel.Builder<Builder> {
    private Builder(ChannelId id) {
      super(id);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the page's id.
     *
     * @param pageId digits
     * @return this builder
     */
    public Builder pageId(String pageId) {
      return account(pageId, "page id");
    }

    /**
     * Sets the page access token.
     *
     * @param token the token
     * @return this builder
     */
    public Builder pageAccessToken(Secret token) {
      return token(token);
    }

    /**
     * Builds the channel.
     *
     * @return the channel
     * @throws IllegalStateException when the page id, app secret, verify token or page access
     *     token is missing
     */
    public FacebookPageChannel build() {
      requireComplete("page channel");
      return new FacebookPageChannel(this);
    }
  }
}
