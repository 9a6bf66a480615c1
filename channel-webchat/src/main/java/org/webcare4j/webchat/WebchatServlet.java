package org.webcare4j.webchat;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.webcare4j.webchat.internal.ChatEndpoint;

/**
 * Serves a {@link WebchatChannel} in a Jakarta Servlet container. Map it to a path such as
 * {@code /webchat/*}; event streams use asynchronous requests, so register it with async support.
 */
public final class WebchatServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY = 64 * 1024;

  private final transient ChatEndpoint endpoint;

  /**
   * Creates the servlet.
   *
   * @param channel the channel
   */
  public WebchatServlet(WebchatChannel channel) {
    this.endpoint = Objects.requireNonNull(channel, "channel").endpoint();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String route = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
    Map<String, String> headers = new HashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, request.getHeader(name));
    }
    Map<String, String> query = new HashMap<>();
    request.getParameterMap().forEach((k, v) -> query.put(k, v.length == 0 ? "" : v[0]));
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    ChatEndpoint.Call call = new ChatEndpoint.Call(request.getMethod(), route, query, headers,
        body, request.getRemoteAddr());
    if (endpoint.streams(call)) {
      AsyncContext async = request.startAsync();
      async.setTimeout(0);
      endpoint.stream(call, new ChatEndpoint.Stream() {
        @Override
        public void start(int status, String contentType, Map<String, String> extra)
            throws IOException {
          response.setStatus(status);
          response.setContentType(contentType);
          extra.forEach(response::setHeader);
          response.flushBuffer();
        }

        @Override
        public void write(String text) throws IOException {
          OutputStream out = response.getOutputStream();
          out.write(text.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }

        @Override
        public void close() {
          try {
            async.complete();
          } catch (IllegalStateException alreadyDone) {
            // the container ended the request first
          }
        }
      });
      return;
    }
    ChatEndpoint.Reply reply = endpoint.handle(call);
    response.setStatus(reply.status());
    response.setContentType(reply.contentType());
    response.setHeader("X-Content-Type-Options", "nosniff");
    reply.headers().forEach(response::setHeader);
    response.getOutputStream().write(reply.body());
  }
}
