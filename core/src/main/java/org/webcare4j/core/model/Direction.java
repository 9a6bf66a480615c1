package org.webcare4j.core.model;

/** Whether a message came from the inwoner or went to them. */
public enum Direction {
  /** From an inwoner to the organisation. */
  INBOUND,
  /** From the organisation to an inwoner or the public. */
  OUTBOUND
}
