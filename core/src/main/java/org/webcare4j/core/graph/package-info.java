/**
 * What the channels on Meta's Graph API (WhatsApp, Facebook, Messenger, Instagram) share: the
 * webhook subscription handshake and {@code X-Hub-Signature-256} verification.
 */
package org.webcare4j.core.graph;
