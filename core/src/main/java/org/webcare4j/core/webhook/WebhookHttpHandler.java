package org.webcare4j.core.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.webcare4j.core.error.PayloadTooLargeException;
import org.webcare4j.core.internal.io.BoundedBody;

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
 * <p>A body must arrive within a deadline ({@value #DEFAULT_BODY_TIMEOUT_SECONDS} seconds unless
 * the host gives another): a client that sends its body slowly or stops half-way has its
 * connection closed when the deadline passes, and the thread is free again. The JDK server has no
 * read timeout of its own by default ({@code -Dsun.net.httpserver.maxReqTime} sets one for the
 * whole JVM); this one applies to the webhooks only.
 *
 * <p>The JDK server runs handlers on its one dispatcher thread unless it is given an executor:
 * one slow client then holds every delivery. {@link #mount} gives it a bounded pool when it has
 * none.
 */
public final class WebhookHttpHandler implements HttpHandler {
  /** Seconds a client has to send its whole body, unless the host gives another deadline. */
  public static final int DEFAULT_BODY_TIMEOUT_SECONDS = 10;

  private final Webhooks webhooks;
  private final java.time.Duration bodyTimeout;

  /**
   * Creates the adapter with a body deadline of {@value #DEFAULT_BODY_TIMEOUT_SECONDS} seconds.
   *
   * @param webhooks the webhook handler of a {@code Webcare}
   */
  public WebhookHttpHandler(Webhooks webhooks) {
    this(webhooks, java.time.Duration.ofSeconds(DEFAULT_BODY_TIMEOUT_SECONDS));
  }

  /**
   * Creates the adapter.
   *
   * @param webhooks the webhook handler of a {@code Webcare}
   * @param bodyTimeout how long a client may take to send its whole body, positive
   * @throws IllegalArgumentException when the deadline is zero or negative
   */
  public WebhookHttpHandler(Webhooks webhooks, java.time.Duration bodyTimeout) {
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.bodyTimeout = Objects.requireNonNull(bodyTimeout, "bodyTimeout");
    if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
      throw new IllegalArgumentException("bodyTimeout must be positive, was " + bodyTimeout);
    }
  }

  /** Threads for the mount's default executor. */
  static final int DEFAULT_THREADS = 16;

  /** Closes exchanges whose refused body the JDK server would otherwise read on our thread. */
  /** Ends the reads of bodies that take longer than their deadline. */
  private static final java.util.concurrent.ScheduledThreadPoolExecutor DEADLINES = deadlines();

  private static java.util.concurrent.ScheduledThreadPoolExecutor deadlines() {
    java.util.concurrent.ScheduledThreadPoolExecutor s =
        new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
          Thread t = new Thread(r, "webcare4j-webhook-deadline");
          t.setDaemon(true);
          return t;
        });
    s.setRemoveOnCancelPolicy(true);
    return s;
  }

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
    byte[] body;
    try {
      body = readBody(exchange);
    } catch (PayloadTooLargeException e) {
      body = null;
    } catch (BodyDeadlinePassed e) {
      // The connection is closed: there is no one to answer.
      return;
    }
    try (exchange) {
      WebhookResponse response;
      try {
        if (body == null) {
          throw new PayloadTooLargeException(webhooks.maxBodyBytes());
        }
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

  /**
   * Reads the body within the deadline. When it passes, the reading thread is interrupted: the
   * JDK server reads from an interruptible channel, so the read ends and the connection closes.
   * The interrupt is sent under a lock the reader takes when it is done, so it can never reach the
   * thread after the read, when it would hit the next task the thread runs.
   */
  private byte[] readBody(HttpExchange exchange) throws IOException {
    Thread reader = Thread.currentThread();
    Object lock = new Object();
    boolean[] state = new boolean[2]; // [0]: read finished, [1]: deadline passed
    java.util.concurrent.ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
      synchronized (lock) {
        if (!state[0]) {
          state[1] = true;
          reader.interrupt();
        }
      }
    }, bodyTimeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    try {
      InputStream in = exchange.getRequestBody();
      byte[] body = BoundedBody.read(in, declaredLength(exchange), webhooks.maxBodyBytes());
      in.close();
      return body;
    } catch (IOException e) {
      synchronized (lock) {
        state[0] = true;
        if (state[1]) {
          throw new BodyDeadlinePassed();
        }
      }
      throw e;
    } finally {
      deadline.cancel(false);
      synchronized (lock) {
        state[0] = true;
        if (state[1]) {
          Thread.interrupted(); // the flag is ours; the pool's next task must not see it
        }
      }
    }
  }

  /** The client did not send its body in time and its connection is closed. */
  private static final class BodyDeadlinePassed extends IOException {
    private static final long serialVersionUID = 1L;

    BodyDeadlinePassed() {
      super("request body not received within its deadline");
    }
  }
}
