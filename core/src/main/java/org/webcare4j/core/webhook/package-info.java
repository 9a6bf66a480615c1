/**
 * Framework-neutral webhook handling: the host hands over a {@link
 * org.webcare4j.core.webhook.WebhookRequest} and sends back the {@link
 * org.webcare4j.core.webhook.WebhookResponse}; adapters for the JDK's {@code HttpServer} and for
 * Jakarta Servlet do this in one line. Channels implement {@link
 * org.webcare4j.core.webhook.WebhookEndpoint} and verify signatures with {@link
 * org.webcare4j.core.webhook.HmacSignature}.
 */
package org.webcare4j.core.webhook;
