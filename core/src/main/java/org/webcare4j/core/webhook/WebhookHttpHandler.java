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
 * WebhookHttpHandler.mount(server, "/webhooks", webcare.webhooks())}, or {@code
 * server.createContext("/webhooks", new WebhookHttpHandler(webcare.webhooks()))} on a server
 * whose executor the host sets itself.
 *
 * <p>A body over the limit is refused with 413 from its {@code Content-Length} at once, before a
 * byte of it is read, or, without one, as soon as the limit is passed while reading. The JDK
 * server reads what is left of a refused body before it lets the connection go; that happens on a
 * thread of its own here, so a client that declares a large body and never sends it holds no
 * delivery up.
 *
 * <p>The JDK server runs handlers on its one dispatcher thread unless it is given an executor:
 * one slow client then holds every delivery. {@link #mount} gives it a bounded pool when it has
 * none.
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

  /** Threads for the mount's default executor. */
  static final int DEFAULT_THREADS = 16;

  /** Closes exchanges whose refused body the JDK server would otherwise read on our thread. */
  private static final java.util.concurrent.ThreadPoolExecutor CLOSER =
      new java.util.concurrent.ThreadPoolExecutor(0, 8, 30, java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "webcare4j-webhook-close");
            t.setDaemon(true);
            return t;
          }, new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());

  /**
   * Mounts the webhooks under a path, and gives the server a bounded executor of {@value
   * #DEFAULT_THREADS} threads when it has none; call it before {@code server.start()}.
   *
   * @param server the host's server, not started yet
   * @param path the context path, such as {@code /webhooks}
   * @param webhooks the webhook handler of a {@code Webcare}
   * @return the context created
   */
  public static com.sun.net.httpserver.HttpContext mount(com.sun.net.httpserver.HttpServer server,
      String path, Webhooks webhooks) {
    Objects.requireNonNull(server, "server");
    if (server.getExecutor() == null) {
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(DEFAULT_THREADS, r -> {
        Thread t = new Thread(r, "webcare4j-webhook");
        t.setDaemon(true);
        return t;
      }));
    }
    return server.createContext(Objects.requireNonNull(path, "path"),
        new WebhookHttpHandler(webhooks));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long declared = declaredLength(exchange);
    if (declared > webhooks.maxBodyBytes()) {
      // Answered before the body is touched; the rest of it is left to another thread.
      PayloadTooLargeException e = new PayloadTooLargeException(webhooks.maxBodyBytes());
      byte[] bytes = e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.getResponseHeaders().set("Connection", "close");
      exchange.sendResponseHeaders(e.httpStatus(), bytes.length);
      OutputStream out = exchange.getResponseBody();
      out.write(bytes);
      out.flush();
      CLOSER.execute(exchange::close);
      return;
    }
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

  private static long declaredLength(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        return Long.parseLong(length.strip());
      } catch (NumberFormatException ignored) {
        return -1;
      }
    }
    return -1;
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return BoundedBody.read(in, declaredLength(exchange), webhooks.maxBodyBytes());
    }
  }
}
