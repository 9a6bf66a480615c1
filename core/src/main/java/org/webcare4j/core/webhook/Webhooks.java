package org.webcare4j.core.webhook;

import com.sun.net.httpserver.HttpHandler;

/**
 * The inbound side of a {@link org.webcare4j.core.Webcare}: hands webhook calls to the right
 * channel, verifies, parses, stores and dispatches them, and tells the host what to answer.
 *
 * <p>Endpoints are found by the last segment of the request path, so a host may mount them under
 * any prefix: {@code POST /hooks/whatsapp-main} goes to the endpoint named {@code whatsapp-main}
 * (by default a channel's endpoint is named after its id).
 */
public interface Webhooks {

  /**
   * Handles one call, routing on the last path segment.
   *
   * @param request the call
   * @return the answer for the platform; never throws for bad input
   */
  WebhookResponse handle(WebhookRequest request);

  /**
   * Handles one call for a named endpoint, for hosts that route themselves.
   *
   * @param endpoint the endpoint's name
   * @param request the call
   * @return the answer for the platform; 404 when no such endpoint exists
   */
  WebhookResponse handle(String endpoint, WebhookRequest request);

  /**
   * Returns the largest body accepted; larger ones are refused with 413 before being read whole.
   *
   * @return the limit in bytes
   */
  int maxBodyBytes();

  /**
   * Returns a handler to mount in the JDK's {@code HttpServer}, for example {@code
   * server.createContext("/webhooks", webcare.webhooks().httpHandler())}; give that server an
   * executor, or mount with {@link WebhookHttpHandler#mount}, which does.
   *
   * @return the handler
   */
  default HttpHandler httpHandler() {
    return new WebhookHttpHandler(this);
  }
}
