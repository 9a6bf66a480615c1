package org.webcare4j.core.model;

/** Where a publication stands in its workflow. */
public enum PublicationState {
  /** Being written; not going anywhere. */
  DRAFT,
  /** Waiting for an approver who is not the author. */
  AWAITING_APPROVAL,
  /** Turned down by an approver; back with the author. */
  REJECTED,
  /** Approved where needed and waiting for its time. */
  SCHEDULED,
  /** Held by a crisis pause; goes nowhere until a person releases it. */
  PAUSED,
  /** Being published on its channels. */
  PUBLISHING,
  /** Published on every channel. */
  PUBLISHED,
  /** Failed on at least one channel; see the per-channel results. */
  FAILED,
  /** Missed its time by more than the grace period; a person decides. */
  NEEDS_ATTENTION
}
