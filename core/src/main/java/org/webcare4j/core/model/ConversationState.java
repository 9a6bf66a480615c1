package org.webcare4j.core.model;

/** Where a conversation stands for the webcare team. */
public enum ConversationState {
  /** Waiting for the team. */
  OPEN,
  /** Waiting for someone else: the inwoner, a colleague, a department. */
  PENDING,
  /** Done; a new inbound message opens it again. */
  RESOLVED
}
