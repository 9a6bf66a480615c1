/**
 * The channel SPI: what a platform adapter declares (kind, capabilities, limits) and implements
 * (webhook handling, polling, sending) so that {@link org.webcare4j.core.Webcare} can drive it.
 */
package org.webcare4j.core.channel;
