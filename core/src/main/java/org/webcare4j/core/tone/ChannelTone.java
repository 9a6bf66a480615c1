package org.webcare4j.core.tone;

import java.util.Objects;
import org.webcare4j.core.model.AgentIdentity;

/**
 * The house style for one channel kind.
 *
 * @param addressForm how the inwoner is addressed
 * @param signOff the sign-off format, with {@code {firstName}} and {@code {initials}} standing
 *     for the agent's; empty when replies on this channel carry no sign-off
 * @param personal whether replies should be personal ("ik", not only "wij")
 */
public record ChannelTone(AddressForm addressForm, String signOff, boolean personal) {

  public ChannelTone {
    Objects.requireNonNull(addressForm, "addressForm");
    Objects.requireNonNull(signOff, "signOff");
    if (!signOff.isBlank() && !signOff.contains("{firstName}") && !signOff.contains("{initials}")) {
      throw new IllegalArgumentException(
          "a sign-off format names {firstName} or {initials}: " + signOff);
    }
  }

  /**
   * Returns the sign-off for an agent in this channel's format.
   *
   * @param agent the agent
   * @return the sign-off, empty when this channel has none
   */
  public String signOffFor(AgentIdentity agent) {
    return signOff.replace("{firstName}", agent.firstName()).replace("{initials}", agent.initials());
  }
}
