package org.webcare4j.core.channel;

/**
 * Something a channel can do. Asking a channel for something it lacks is refused with a {@link
 * org.webcare4j.core.channel.CapabilityNotSupportedException}, never silently ignored.
 */
public enum Capability {
  /** Receive and send private messages (DMs, chats, e-mail). */
  PRIVATE_MESSAGES,
  /** Receive public comments or mentions and answer them in public. */
  PUBLIC_REPLIES,
  /** Answer a public comment with a private message that moves the inwoner to DM. */
  PRIVATE_REPLY_TO_COMMENT,
  /** Publish posts. */
  PUBLISHING,
  /** Hide and unhide comments of others. */
  HIDE_COMMENTS,
  /** Delete the organisation's own comments or posts. */
  DELETE_OWN,
  /** Send media (images, documents). */
  MEDIA,
  /** Send pre-approved template messages (outside the reply window). */
  TEMPLATES,
  /** Report and send read receipts. */
  READ_RECEIPTS,
  /** Show that an agent is typing. */
  TYPING_INDICATOR
}
