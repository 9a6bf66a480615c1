package org.webcare4j.webchat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

import java.util.Map;
import java.util.Objects;
import org.webcare4j.webchat.internal.ChatEndpoint;

/**
 * Serves a {@link WebchatChannel} on the JDK's {@code HttpServer}, the embedded default. Mount it
 * at a path ending in a slash; event streams stay open after {@link #handle} returns, so the
 * server's executor is not held by waiting visitors.
 */
public final class WebchatHttpHandler implements HttpHandler {
  private static final int MAX_BODY = 64 * 1024;

  private final ChatEndpoint endpoint;
  private final String mount;

  /**
   * Creates the handler.
   *
   * @param channel the channel
   * @param mount the context path it is mounted at, such as {@code /webchat/}
   */
  public WebchatHttpHandler(WebchatChannel channel, String mount) {
    this.endpoint = Objects.requireNonNull(channel, "channel").endpoint();
    if (!mount.startsWith("/") || !mount.endsWith("/")) {
      throw new IllegalArgumentException("the mount path starts and ends with a slash: " + mount);
    }
    this.mount = mount;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String route = path.startsWith(mount) ? path.substring(mount.length()) : path;
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    ChatEndpoint.Call call = new ChatEndpoint.Call(exchange.getRequestMethod(), route,
        query(exchange.getRequestURI().getRawQuery()), headers, body,
        exchange.getRemoteAddress().getAddress().getHostAddress());
    if (endpoint.streams(call)) {
      endpoint.stream(call, new ChatEndpoint.Stream() {
        private OutputStream out;

        @Override
        public void start(int status, String contentType, Map<String, String> extra)
            throws IOException {
          exchange.getResponseHeaders().set("Content-Type", contentType);
          extra.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
          exchange.sendResponseHeaders(status, 0);
          out = exchange.getResponseBody();
        }

        @Override
        public void write(String text) throws IOException {
          out.write(text.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }

        @Override
        public void close() {
          exchange.close();
        }
      });
      return;
    }
    ChatEndpoint.Reply reply = endpoint.handle(call);
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1
        : reply.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply.body());
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      out.putIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }

  @Override
  public String toString() {
    return "WebchatHttpHandler[" + mount + "]";
  }

}
