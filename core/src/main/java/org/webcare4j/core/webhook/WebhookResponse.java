package org.webcare4j.core.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The answer to an inbound webhook call: status, content type and body. */
public final class WebhookResponse {
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String JSON = "application/json";

  private final int status;
  private final String contentType;
  private final byte[] body;

  private WebhookResponse(int status, String contentType, byte[] body) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    this.status = status;
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.body = body;
  }

  /**
   * Returns a plain-text answer.
   *
   * @param status the HTTP status
   * @param text the body
   * @return the response
   */
  public static WebhookResponse text(int status, String text) {
    return new WebhookResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns a JSON answer.
   *
   * @param status the HTTP status
   * @param json the body, already serialised
   * @return the response
   */
  public static WebhookResponse json(int status, String json) {
    return new WebhookResponse(status, JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the plain 200 answer that acknowledges a delivery.
   *
   * @return the response
   */
  public static WebhookResponse ok() {
    return text(200, "OK");
  }

  /**
   * Returns the HTTP status.
   *
   * @return the status code
   */
  public int status() {
    return status;
  }

  /**
   * Returns the content type.
   *
   * @return the media type with charset where it applies
   */
  public String contentType() {
    return contentType;
  }

  /**
   * Returns a copy of the body.
   *
   * @return the body bytes
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body as UTF-8 text.
   *
   * @return the body text
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "WebhookResponse{" + status + ", " + contentType + ", " + body.length + " bytes}";
  }
}
