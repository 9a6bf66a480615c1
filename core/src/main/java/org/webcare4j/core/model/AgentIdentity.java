package org.webcare4j.core.model;

import java.util.Objects;

/**
 * Who of the team writes a reply: the user id in the host application and the name and initials
 * the reply is signed with.
 *
 * @param id the agent's user id in the host application
 * @param firstName the first name a reply is signed with, such as "Sanne"
 * @param initials the initials a reply is signed with on short channels, such as "SV"
 */
public record AgentIdentity(String id, String firstName, String initials) {

  public AgentIdentity {
    Ids.requireValid(id, "agent id");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(initials, "initials");
    firstName = firstName.strip();
    initials = initials.strip();
    if (firstName.isEmpty() || initials.isEmpty()) {
      throw new IllegalArgumentException("an agent signs with a first name and initials");
    }
  }

  /**
   * Returns the agent as a participant of the conversations they answer in.
   *
   * @return an {@code AGENT} participant named by first name
   */
  public Participant participant() {
    return Participant.agent(id, firstName);
  }
}
