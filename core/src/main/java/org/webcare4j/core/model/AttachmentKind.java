package org.webcare4j.core.model;

/** What an attachment holds. */
public enum AttachmentKind {
  /** A picture. */
  IMAGE,
  /** A video. */
  VIDEO,
  /** A sound recording or voice note. */
  AUDIO,
  /** A file such as a PDF. */
  DOCUMENT,
  /** A sticker. */
  STICKER,
  /** A shared location; latitude and longitude are in the properties. */
  LOCATION,
  /** A shared contact card; the card's fields are in the properties. */
  CONTACT,
  /** A link with a preview. */
  LINK,
  /** Anything the platform sent that has no better kind. */
  OTHER
}
