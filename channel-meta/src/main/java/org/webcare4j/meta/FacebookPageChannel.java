package org.webcare4j.meta;

import java.time.Duration;
import java.util.Optional;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.channel.PostRules;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Secret;
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

  /**
   * What a page post holds: up to 63,206 characters; one image by its public URL (JPEG, PNG, GIF,
   * BMP, TIFF, HEIF or WebP, under 4 MB, as the page photos endpoint documents), the text its
   * caption; or a link in a field of its own, shown as a preview.
   */
  public static final PostRules POST_RULES = PostRules.builder(63_206, LengthCounter.utf16())
      .maxMedia(1)
      .media(AttachmentKind.IMAGE, 4L * 1024 * 1024, "image/jpeg", "image/png", "image/gif",
          "image/bmp", "image/tiff", "image/heif", "image/webp")
      .mediaByUrl()
      .links(PostRules.LinkPlacement.SEPARATE)
      .build();

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

  @Override
  public Optional<PostRules> postRules() {
    return Optional.of(POST_RULES);
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
