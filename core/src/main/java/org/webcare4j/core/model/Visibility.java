package org.webcare4j.core.model;

/** Whether a conversation can be read by the public. */
public enum Visibility {
  /** Only the inwoner and the organisation see it: a DM, a WhatsApp chat, an e-mail. */
  PRIVATE,
  /** Anyone can read it: comments on a post, a public reply, a mention. */
  PUBLIC
}
