package org.webcare4j.core.publish;

import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.ChannelPublication;
import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;

/**
 * One publication on one channel in the planner's calendar.
 *
 * @param publication the publication
 * @param channel the channel
 * @param at when it is (or was) scheduled, in the calendar's zone
 * @param state the publication's state
 * @param channelStatus how it fared on this channel
 * @param permalink the post's address, once published there
 * @param text the text for this channel
 */
public record CalendarEntry(
    PublicationId publication,
    ChannelId channel,
    ZonedDateTime at,
    PublicationState state,
    ChannelPublication.Status channelStatus,
    Optional<String> permalink,
    String text) {

  public CalendarEntry {
    Objects.requireNonNull(publication, "publication");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(channelStatus, "channelStatus");
    Objects.requireNonNull(permalink, "permalink");
    Objects.requireNonNull(text, "text");
  }
}
