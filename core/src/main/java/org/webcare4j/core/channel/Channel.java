package org.webcare4j.core.channel;

import java.util.Optional;
import java.util.Set;
import org.webcare4j.core.CapabilityNotSupportedException;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.webhook.WebhookEndpoint;

/**
 * One connected account on one platform, as a channel module implements it: what it is and can
 * do, and how it receives.
 *
 * <p>Implementations must be thread-safe. The library calls {@link #start} once when the {@code
 * Webcare} is built and {@link #close} once when it is closed.
 */
public interface Channel extends AutoCloseable {

  /**
   * Returns the id the host gave this account.
   *
   * @return the channel id, unique within one {@code Webcare}
   */
  ChannelId id();

  /**
   * Returns the platform.
   *
   * @return the channel's kind
   */
  ChannelKind kind();

  /**
   * Returns what this channel can do.
   *
   * @return the capabilities
   */
  Set<Capability> capabilities();

  /**
   * Returns the platform's limits for this channel.
   *
   * @return length limit, how length is counted, reply window
   */
  ChannelLimits limits();

  /**
   * Tells whether this channel can do something.
   *
   * @param capability the capability
   * @return true when supported
   */
  default boolean supports(Capability capability) {
    return capabilities().contains(capability);
  }

  /**
   * Refuses when this channel cannot do something.
   *
   * @param capability the capability needed
   * @throws CapabilityNotSupportedException when not supported
   */
  default void require(Capability capability) {
    if (!supports(capability)) {
      throw new CapabilityNotSupportedException(id(), capability);
    }
  }

  /**
   * Returns how this channel receives webhook calls, if it does; the library mounts it under the
   * channel's id.
   *
   * @return the endpoint, or empty for channels that poll or are fed otherwise
   */
  default Optional<WebhookEndpoint> webhook() {
    return Optional.empty();
  }

  /**
   * Starts whatever the channel runs by itself, such as a poller; called once.
   *
   * @param context the library's services for this channel
   */
  default void start(ChannelContext context) {}

  /** Stops what {@link #start} started; called once. */
  @Override
  default void close() {}
}
