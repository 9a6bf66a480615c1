/**
 * What the channels on Meta's Graph API (WhatsApp, Facebook, Messenger, Instagram) share: the
 * webhook subscription handshake and {@code X-Hub-Signature-256} verification, the error body
 * and what each error code means ({@link org.webcare4j.graph.GraphError}), and the usage
 * headers that feed the rate limiter ({@link org.webcare4j.graph.GraphUsage}).
 */
package org.webcare4j.graph;
