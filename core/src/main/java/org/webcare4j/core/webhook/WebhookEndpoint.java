package org.webcare4j.core.webhook;

import java.util.Optional;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.error.SignatureInvalidException;
import org.webcare4j.core.event.InboundBatch;

/**
 * What a channel implements to receive a platform's webhook calls. The library calls the three
 * steps in order, and only calls {@link #parse} on a request that {@link #verify} accepted.
 *
 * <p>Implementations must be thread-safe: calls arrive concurrently.
 */
public interface WebhookEndpoint {

  /**
   * Answers the platform's subscription handshake (Meta's {@code hub.challenge}, X's CRC, …).
   *
   * @param request the inbound call
   * @return the answer when the request is a handshake (including a 403 for a wrong verify
   *     token); empty when it is not, and the request is then verified and parsed
   */
  Optional<WebhookResponse> handshake(WebhookRequest request);

  /**
   * Verifies the request's signature over the raw body, before anything parses it.
   *
   * @param request the inbound call
   * @throws SignatureInvalidException when the signature is missing, malformed or wrong
   */
  void verify(WebhookRequest request);

  /**
   * Reads a verified request into events; unknown event types are skipped, not refused. Each
   * item of the delivery is read on its own ({@link InboundBatch.Builder#item}): an item that
   * cannot be read is returned as an {@link org.webcare4j.core.event.UnreadableItem}, and the
   * delivery is still answered 200 once everything is stored.
   *
   * @param request the verified call
   * @return the events it carries, in the order the platform gave them, and its unreadable
   *     items; both may be empty
   * @throws MalformedPayloadException only when the body is not JSON or not the platform's
   *     envelope at all (answered 400); no other exception may escape
   */
  InboundBatch parse(WebhookRequest request);
}
