/**
 * The exception hierarchy a caller acts on: everything webcare4j throws extends {@link
 * org.webcare4j.core.error.WebcareException}, and each subclass says what to do about it — retry
 * later ({@link org.webcare4j.core.error.TransientPlatformException}, {@link
 * org.webcare4j.core.error.RateLimitedException}), fix the request ({@link
 * org.webcare4j.core.error.PermanentPlatformException}), refuse the delivery ({@link
 * org.webcare4j.core.error.SignatureInvalidException}), or find out what happened ({@link
 * org.webcare4j.core.error.OutcomeUnknownException}).
 *
 * <p>Exceptions that carry a type of their own area live with it: {@code
 * channel.CapabilityNotSupportedException}, {@code tone.ToneBlockedException}, {@code
 * publish.InvalidPublicationException}. The package depends on nothing but the model, so every
 * other package can throw from it without a cycle.
 */
package org.webcare4j.core.error;
