/**
 * The channel SPI: what a platform adapter declares (kind, capabilities, limits) and implements
 * (webhook handling, polling, sending) so that {@link org.webcare4j.core.Webcare} can drive it.
 * The operation vocabulary lives here too: {@link org.webcare4j.core.channel.OutboundOperation}
 * and its records ({@link org.webcare4j.core.channel.SendMessage},
 * {@link org.webcare4j.core.channel.PublishPost} and the moderation steps), the
 * {@link org.webcare4j.core.channel.OperationResult} a channel answers with, and the
 * {@link org.webcare4j.core.channel.RateQuota} it reports. The outbox stores and schedules these;
 * the channel carries them out.
 */
package org.webcare4j.core.channel;
