package org.webcare4j.core.webhook.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Objects;
import org.webcare4j.core.error.PayloadTooLargeException;
import org.webcare4j.core.internal.io.BoundedBody;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.core.webhook.WebhookResponse;
import org.webcare4j.core.webhook.Webhooks;

/**
 * Mounts {@link Webhooks} in a Jakarta Servlet container, for example {@code
 * context.addServlet("webhooks", new WebhookServlet(webcare.webhooks())).addMapping("/webhooks/*")}.
 */
public final class WebhookServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Webhooks webhooks;

  /**
   * Creates the servlet.
   *
   * @param webhooks the webhook handler of a {@code Webcare}
   */
  public WebhookServlet(Webhooks webhooks) {
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    WebhookResponse response;
    if (req.getContentLengthLong() > webhooks.maxBodyBytes()) {
      // Refused by its declared length before the body is touched: opening the request stream
      // could send "100 Continue" and invite the bytes we will not read. The connection closes
      // after this answer, which is written out before the servlet returns.
      resp.setHeader("Connection", "close");
      write(resp, WebhookResponse.text(413,
          new PayloadTooLargeException(webhooks.maxBodyBytes()).getMessage()));
      resp.flushBuffer();
      return;
    }
    try {
      byte[] body;
      try (InputStream in = req.getInputStream()) {
        body = BoundedBody.read(in, req.getContentLengthLong(), webhooks.maxBodyBytes());
      }
      WebhookRequest.Builder request =
          WebhookRequest.builder(req.getMethod(), req.getRequestURI())
              .rawQuery(req.getQueryString())
              .body(body);
      for (String name : Collections.list(req.getHeaderNames())) {
        for (String value : Collections.list(req.getHeaders(name))) {
          request.header(name, value);
        }
      }
      response = webhooks.handle(request.build());
    } catch (PayloadTooLargeException e) {
      response = WebhookResponse.text(e.httpStatus(), e.getMessage());
    }
    write(resp, response);
  }

  private static void write(HttpServletResponse resp, WebhookResponse response)
      throws IOException {
    byte[] bytes = response.body();
    resp.setStatus(response.status());
    resp.setContentType(response.contentType());
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
