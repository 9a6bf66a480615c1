/**
 * The durable outbox: everything webcare4j sends is stored first and then carried out by a
 * dispatcher under each channel's rate limits, retries and circuit breaker, so that nothing is
 * lost and nothing is sent twice. {@link org.webcare4j.core.outbox.Outbox} is the entry point;
 * the operations it carries ({@link org.webcare4j.core.channel.OutboundOperation}) belong to
 * the channel SPI, which depends on nothing here.
 */
package org.webcare4j.core.outbox;
