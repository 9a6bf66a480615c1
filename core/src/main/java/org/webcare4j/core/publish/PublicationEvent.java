package org.webcare4j.core.publish;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;

/**
 * One entry of a publication's audit trail: who did what, when, and the state before and after.
 *
 * @param publication the publication
 * @param at when it happened
 * @param actor who did it: a person's user id, or {@code scheduler@<instance>} and {@code
 *     outbox} for what the library did itself
 * @param action what happened
 * @param from the state before
 * @param to the state after
 * @param channel the channel it concerns, for per-channel outcomes
 * @param detail the comment, reason or platform answer that goes with it
 */
public record PublicationEvent(
    PublicationId publication,
    Instant at,
    String actor,
    PublicationAction action,
    PublicationState from,
    PublicationState to,
    Optional<ChannelId> channel,
    Optional<String> detail) {

  public PublicationEvent {
    Objects.requireNonNull(publication, "publication");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(detail, "detail");
  }
}
