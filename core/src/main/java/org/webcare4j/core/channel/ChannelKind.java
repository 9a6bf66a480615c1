package org.webcare4j.core.channel;

/** The platform a channel connects to. */
public enum ChannelKind {
  /** WhatsApp Business Cloud API. */
  WHATSAPP(true),
  /** Facebook Page: posts and comments. */
  FACEBOOK(true),
  /** Messenger conversations of a Facebook Page. */
  MESSENGER(true),
  /** Instagram professional account: comments, mentions and DMs. */
  INSTAGRAM(true),
  /** X (formerly Twitter). */
  X(true),
  /** LinkedIn organisation page. */
  LINKEDIN(true),
  /** A mailbox over IMAP and SMTP. */
  EMAIL(false),
  /** The live chat on the organisation's own website. */
  WEBCHAT(false);

  private final boolean social;

  ChannelKind(boolean social) {
    this.social = social;
  }

  /**
   * Tells whether this is a social-media platform, where house style differs from e-mail and
   * chat (jij-vorm, personal sign-off).
   *
   * @return true for social platforms
   */
  public boolean isSocial() {
    return social;
  }
}
