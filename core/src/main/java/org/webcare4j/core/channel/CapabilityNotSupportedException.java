package org.webcare4j.core.channel;

import org.webcare4j.core.error.WebcareException;
import org.webcare4j.core.model.ChannelId;

/** An operation a channel cannot carry out, refused before anything was sent. */
public final class CapabilityNotSupportedException extends WebcareException {
  private final ChannelId channel;
  private final Capability capability;

  /**
   * Creates a refusal for a capability the channel lacks.
   *
   * @param channel the channel asked
   * @param capability what it was asked to do
   */
  public CapabilityNotSupportedException(ChannelId channel, Capability capability) {
    super("channel " + channel.value() + " does not support " + capability);
    this.channel = channel;
    this.capability = capability;
  }

  /**
   * Returns the channel that was asked.
   *
   * @return the channel id
   */
  public ChannelId channel() {
    return channel;
  }

  /**
   * Returns the capability the channel lacks.
   *
   * @return the missing capability
   */
  public Capability capability() {
    return capability;
  }
}
