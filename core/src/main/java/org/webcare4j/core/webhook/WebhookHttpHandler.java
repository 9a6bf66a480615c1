package org.webcare4j.core.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.webcare4j.core.PayloadTooLargeException;
import org.webcare4j.core.internal.BoundedBody;

/**
 * Mounts {@link Webhooks} in the JDK's {@code com.sun.net.httpserver.HttpServer}: {@code
 * server.createContext("/webhooks", new WebhookHttpHandler(webcare.webhooks()))}.
 *
 * <p>A body over the limit is refused with 413 from its {@code Content-Length}, or, without one,
 * as soon as the limit is passed while reading.
 */
public final class WebhookHttpHandler implements HttpHandler {
  private final Webhooks webhooks;

  /**
   * Creates the adapter.
   *
   * @param webhooks the webhook handler of a {@code Webcare}
   */
  public WebhookHttpHandler(Webhooks webhooks) {
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      WebhookResponse response;
      try {
        byte[] body = readBody(exchange);
        WebhookRequest.Builder request =
            WebhookRequest.builder(
                    exchange.getRequestMethod(), exchange.getRequestURI().getRawPath())
                .rawQuery(exchange.getRequestURI().getRawQuery())
                .body(body);
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
          for (String v : h.getValue()) {
            request.header(h.getKey(), v);
          }
        }
        response = webhooks.handle(request.build());
      } catch (PayloadTooLargeException e) {
        response = WebhookResponse.text(e.httpStatus(), e.getMessage());
      }
      byte[] bytes = response.body();
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    long declared = -1;
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        declared = Long.parseLong(length.strip());
      } catch (NumberFormatException ignored) {
        declared = -1;
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      return BoundedBody.read(in, declared, webhooks.maxBodyBytes());
    }
  }
}
