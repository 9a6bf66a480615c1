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

  /**
   * What an Instagram post holds: one JPEG image by its public URL, under 8 MiB (the limit the
   * error for subcode 2207004 names), required; a caption of up to 2,200 characters, a link
   * added to it is not clickable there.
   */
  public static final PostRules POST_RULES = PostRules.builder(2200, LengthCounter.utf16())
      .maxMedia(1)
      .media(AttachmentKind.IMAGE, 8L * 1024 * 1024, "image/jpeg")
      .mediaRequired()
      .mediaByUrl()
      .links(PostRules.LinkPlacement.IN_TEXT_NOT_CLICKABLE)
      .build();

  private final String accountId;

  private InstagramChannel(Builder b) {
    super(b, GraphAccountApi.INSTAGRAM, new InstagramPayloadParser(b.id, b.accountId)::parse,
        MAX_TEXT_LENGTH, MESSAGING_WINDOW);
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
  public Optional<PostRules> postRules() {
    return Optional.of(POST_RULES);
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
  public static final class Builder extends GraphAccountChannel.Builder<Builder> {
    private Builder(ChannelId id) {
      super(id);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the Instagram professional account's id.
     *
     * @param accountId digits
     * @return this builder
     */
    public Builder accountId(String accountId) {
      return account(accountId, "account id");
    }

    /**
     * Sets the access token (the linked page's token).
     *
     * @param token the token
     * @return this builder
     */
    public Builder accessToken(Secret token) {
      return token(token);
    }

    /**
     * Builds the channel.
     *
     * @return the channel
     * @throws IllegalStateException when the account id, app secret, verify token or access
     *     token is missing
     */
    public InstagramChannel build() {
      requireComplete("Instagram channel");
      return new InstagramChannel(this);
    }
  }
}
