package org.webcare4j.core.model;

import java.util.Objects;

/**
 * Someone taking part in a conversation: an inwoner, an agent of the organisation, or the
 * organisation's account itself.
 *
 * @param role the part they play
 * @param id the platform's id for an inwoner or the organisation's account; the agent's user id
 *     for an agent
 * @param displayName the name to show; the id when the platform gave no name
 */
public record Participant(Role role, String id, String displayName) {

  /** The part a participant plays in a conversation. */
  public enum Role {
    /** A resident (or any member of the public) writing to the organisation. */
    INWONER,
    /** A person of the webcare team answering on behalf of the organisation. */
    AGENT,
    /** The organisation's own account, for example a post or a reply made outside webcare4j. */
    ORGANISATION
  }

  public Participant {
    Objects.requireNonNull(role, "role");
    Ids.requireValid(id, "participant id");
    Objects.requireNonNull(displayName, "displayName");
    if (displayName.isBlank()) {
      displayName = id;
    }
  }

  /**
   * Creates an inwoner participant.
   *
   * @param id the platform's id for the person
   * @param displayName the name the platform gave, or blank
   * @return the participant
   */
  public static Participant inwoner(String id, String displayName) {
    return new Participant(Role.INWONER, id, displayName);
  }

  /**
   * Creates an agent participant.
   *
   * @param userId the agent's user id in the host application
   * @param displayName the agent's name as shown to colleagues
   * @return the participant
   */
  public static Participant agent(String userId, String displayName) {
    return new Participant(Role.AGENT, userId, displayName);
  }

  /**
   * Creates a participant for the organisation's own account.
   *
   * @param accountId the platform's id of the account
   * @param displayName the account's name
   * @return the participant
   */
  public static Participant organisation(String accountId, String displayName) {
    return new Participant(Role.ORGANISATION, accountId, displayName);
  }
}
