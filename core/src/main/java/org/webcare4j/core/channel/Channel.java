package org.webcare4j.core.channel;

import java.util.Optional;
import java.util.Set;
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
   * Returns what a post on this channel may hold, for channels that publish.
   *
   * @return the post rules, or empty when the channel does not publish
   */
  default Optional<PostRules> postRules() {
    return Optional.empty();
  }

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
   * Carries out one operation on the platform; called by the outbox dispatcher only, under the
   * channel's rate limiter, retry policy, circuit breaker and timeout. Implementations make the
   * call through {@link OperationContext#http()} and report rate-limit headers to {@link
   * OperationContext#rateLimits()}.
   *
   * @param operation what to carry out
   * @param context the call's context
   * @return what the platform answered
   * @throws org.webcare4j.core.error.PlatformException typed by what the platform said: {@code
   *     RateLimitedException} with the wait it asked for, {@code PermanentPlatformException} for
   *     a refusal, {@code TransientPlatformException} for anything that may pass
   */
  default OperationResult execute(OutboundOperation operation, OperationContext context) {
    throw new CapabilityNotSupportedException(id(), operation.requires());
  }

  /**
   * Finds out whether an operation whose attempt broke off reached the platform. Channels whose
   * platform keeps idempotency keys or lets sent items be listed implement this; the default
   * cannot tell, and the entry is then marked possibly sent rather than sent twice.
   *
   * @param operation the operation
   * @param context the call's context, with the entry's idempotency key
   * @return what the lookup found
   */
  default LookupResult lookup(OutboundOperation operation, OperationContext context) {
    return LookupResult.unknown();
  }

  /**
   * Returns the platform's documented quota for this account, which the dispatcher keeps to.
   *
   * @return the quota, or empty when the platform documents none
   */
  default Optional<RateQuota> quota() {
    return Optional.empty();
  }

  /**
   * Names the rate-limit bucket an operation counts against, when the platform limits endpoints
   * separately; the names must match those the channel reports to {@link RateLimitFeedback}.
   *
   * @param operation the operation
   * @return the bucket's name
   */
  default String rateLimitBucket(OutboundOperation operation) {
    return "default";
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
