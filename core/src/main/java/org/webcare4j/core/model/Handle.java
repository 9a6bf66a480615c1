package org.webcare4j.core.model;

import java.util.Objects;

/**
 * How one person is addressed on one channel: a WhatsApp number, a page-scoped user id, an X user
 * id, an e-mail address.
 *
 * @param channel the channel the handle belongs to
 * @param value the platform's id for the person on that channel
 */
public record Handle(ChannelId channel, String value) {

  public Handle {
    Objects.requireNonNull(channel, "channel");
    Ids.requireValid(value, "handle value");
  }
}
