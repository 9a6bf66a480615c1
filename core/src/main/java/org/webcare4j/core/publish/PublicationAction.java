package org.webcare4j.core.publish;

/** What happened to a publication, as its audit trail records it. */
public enum PublicationAction {
  /** Written. */
  CREATED,
  /** Content changed. */
  EDITED,
  /** Given a time and sent to an approver. */
  SUBMITTED,
  /** Approved by a second person. */
  APPROVED,
  /** Turned down by a second person, with a comment. */
  REJECTED,
  /** Given a time (approved where needed). */
  SCHEDULED,
  /** Taken back to draft. */
  WITHDRAWN,
  /** Held by a crisis pause. */
  PAUSED,
  /** Released by a person after a pause or a missed time. */
  RELEASED,
  /** Sent again by a person on the channels where it failed. */
  RETRIED,
  /** Handed to the outbox for its channels. */
  PUBLISHING,
  /** Published on one channel. */
  PUBLISHED,
  /** Failed on one channel. */
  FAILED,
  /** Its time passed by more than the grace period while nobody published it. */
  MISSED
}
