package org.webcare4j.core.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An inbound HTTP call as the host received it: method, path, query, headers and the raw body
 * bytes (signatures are computed over these exact bytes).
 *
 * <p>Header names are case-insensitive. {@link #toString()} shows no headers and no body, since
 * both may hold signatures and personal data.
 */
public final class WebhookRequest {
  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private WebhookRequest(Builder b) {
    this.method = b.method.toUpperCase(Locale.ROOT);
    this.path = b.path;
    this.query = copy(b.query, new LinkedHashMap<>());
    this.headers = copy(b.headers, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    this.body = b.body;
  }

  private static Map<String, List<String>> copy(
      Map<String, List<String>> from, Map<String, List<String>> to) {
    from.forEach((k, v) -> to.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(to);
  }

  /**
   * Starts building a request.
   *
   * @param method the HTTP method, such as {@code POST}
   * @param path the request path, such as {@code /webhooks/whatsapp-main}
   * @return a builder
   */
  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  /**
   * Returns the HTTP method in upper case.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * Returns the request path without the query.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Returns the decoded query parameters.
   *
   * @return each parameter's values in order
   */
  public Map<String, List<String>> query() {
    return query;
  }

  /**
   * Returns the first value of a query parameter.
   *
   * @param name the parameter's name, case-sensitive
   * @return its first value, if present
   */
  public Optional<String> queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns all headers.
   *
   * @return each header's values, names compared without regard to case
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header's name, in any case
   * @return its first value, if present
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns a copy of the raw body bytes.
   *
   * @return the body exactly as received
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body's size.
   *
   * @return the number of body bytes
   */
  public int bodyLength() {
    return body.length;
  }

  @Override
  public String toString() {
    return "WebhookRequest{" + method + " " + path + ", " + body.length + " body bytes}";
  }

  /** Builds a {@link WebhookRequest}. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, List<String>> headers =
        new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = new byte[0];

    private Builder(String method, String path) {
      this.method = Objects.requireNonNull(method, "method");
      this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Adds a query parameter value.
     *
     * @param name the parameter's name
     * @param value its decoded value
     * @return this builder
     */
    public Builder queryParameter(String name, String value) {
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(Objects.requireNonNull(value));
      return this;
    }

    /**
     * Adds the parameters of a raw, URL-encoded query string such as {@code a=1&b=x%20y}.
     *
     * @param rawQuery the query string without '?', or null
     * @return this builder
     */
    public Builder rawQuery(String rawQuery) {
      if (rawQuery == null || rawQuery.isEmpty()) {
        return this;
      }
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          queryParameter(
              URLDecoder.decode(name, StandardCharsets.UTF_8),
              URLDecoder.decode(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException badEscape) {
          // A malformed escape cannot be a parameter any platform sent; it is left out.
        }
      }
      return this;
    }

    /**
     * Adds a header value.
     *
     * @param name the header's name
     * @param value its value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(Objects.requireNonNull(value));
      return this;
    }

    /**
     * Sets the raw body; the array is copied.
     *
     * @param body the body bytes
     * @return this builder
     */
    public Builder body(byte[] body) {
      this.body = body.clone();
      return this;
    }

    /**
     * Sets a UTF-8 text body.
     *
     * @param body the body text
     * @return this builder
     */
    public Builder body(String body) {
      this.body = body.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public WebhookRequest build() {
      return new WebhookRequest(this);
    }
  }
}
