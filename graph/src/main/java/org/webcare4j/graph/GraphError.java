package org.webcare4j.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.webcare4j.core.error.AuthorizationException;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.error.PlatformException;
import org.webcare4j.core.error.RateLimitedException;
import org.webcare4j.core.error.ReplyWindowClosedException;
import org.webcare4j.core.error.TransientPlatformException;
import org.webcare4j.core.json.Json;
import org.webcare4j.core.model.ChannelId;

/**
 * The Graph API's error body, {@code {"error":{"message","type","code","error_subcode",
 * "error_data","fbtrace_id","is_transient"}}}, and what it means for a caller: one mapping for
 * every channel on Meta's Graph API (WhatsApp, Facebook, Messenger, Instagram).
 *
 * <ul>
 *   <li>Rate limits (4, 17, 32, 613, 80001 to 80009, 130429 throughput, 131048 spam rate, 131056
 *       pair rate) are a {@link RateLimitedException}: wait as long as asked ({@code Retry-After},
 *       or the usage header's {@code estimated_time_to_regain_access}), else the code's own
 *       window, then try again.
 *   <li>131047 (re-engagement: the 24-hour window closed) is a {@link
 *       ReplyWindowClosedException} naming the template route; so is 10 with subcode 2018278
 *       (Messenger: sent outside the allowed window), naming the human-agent tag.
 *   <li>Authorisation (0, 3, 10, 102, 190 and its subcodes, 200 to 299) is an {@link
 *       AuthorizationException}: never retried, a person must reconnect the channel.
 *   <li>Temporary failures (1, 2, 131000, 131016, 133004, {@code is_transient}, any HTTP 5xx) are
 *       a {@link TransientPlatformException}, retried with backoff.
 *   <li>Everything else (100 invalid parameter, 131026 undeliverable, 132xxx template errors,
 *       ...) is a {@link PermanentPlatformException}.
 * </ul>
 *
 * @param code the error code
 * @param subcode the sub-code, or empty
 * @param message the platform's message
 * @param type the error type, such as {@code OAuthException}, or empty
 * @param details {@code error_data.details}, or empty
 * @param traceId {@code fbtrace_id}, or empty
 * @param transientFlag the platform's own {@code is_transient}
 */
public record GraphError(
    int code,
    String subcode,
    String message,
    String type,
    String details,
    String traceId,
    boolean transientFlag) {

  private static final ObjectMapper JSON = Json.mapper();
  private static final Set<Integer> AUTH = Set.of(0, 3, 10, 102, 190);
  private static final Set<Integer> TRANSIENT = Set.of(1, 2, 131000, 131016, 133004);
  /** How long each rate limit lasts when the platform does not say. */
  private static final Map<Integer, Duration> RATE_LIMITS = Map.ofEntries(
      Map.entry(4, Duration.ofMinutes(1)),
      Map.entry(17, Duration.ofMinutes(1)),
      Map.entry(32, Duration.ofMinutes(1)),
      Map.entry(613, Duration.ofMinutes(1)),
      Map.entry(130429, Duration.ofSeconds(1)),
      Map.entry(131048, Duration.ofMinutes(1)),
      Map.entry(131056, Duration.ofSeconds(6)));

  public GraphError {
    Objects.requireNonNull(subcode, "subcode");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(traceId, "traceId");
  }

  /**
   * Reads an error body.
   *
   * @param body the response body
   * @return the error, when the body is a Graph error
   */
  public static Optional<GraphError> parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (IOException e) {
      return Optional.empty();
    }
    JsonNode e = root == null ? null : root.get("error");
    if (e == null || !e.isObject() || !e.path("code").canConvertToInt()) {
      return Optional.empty();
    }
    return Optional.of(new GraphError(e.path("code").asInt(),
        e.hasNonNull("error_subcode") ? e.get("error_subcode").asText() : "",
        e.path("message").asText(""), e.path("type").asText(""),
        e.path("error_data").path("details").asText(""), e.path("fbtrace_id").asText(""),
        e.path("is_transient").asBoolean(false)));
  }

  /**
   * Tells whether this is a rate limit.
   *
   * @return true for the rate-limit codes
   */
  public boolean isRateLimit() {
    return RATE_LIMITS.containsKey(code) || (code >= 80001 && code <= 80009);
  }

  /**
   * Turns the error into the exception a caller can act on.
   *
   * @param channel the channel whose call failed
   * @param httpStatus the HTTP status of the response
   * @param retryAfter how long the platform asked to wait, from {@code Retry-After} or a usage
   *     header, if it said
   * @return the exception
   */
  public PlatformException toException(ChannelId channel, int httpStatus,
      Optional<Duration> retryAfter) {
    String c = String.valueOf(code);
    String text = message + (details.isEmpty() || message.contains(details) ? "" : ": " + details);
    if (isRateLimit()) {
      return new RateLimitedException(channel, c, subcode, text, traceId,
          retryAfter.orElse(RATE_LIMITS.getOrDefault(code, Duration.ofMinutes(1))));
    }
    if (code == 131047) {
      return new ReplyWindowClosedException(channel, c, text, traceId,
          "only an approved template message can be sent now");
    }
    if (code == 10 && subcode.equals("2018278")) {
      return new ReplyWindowClosedException(channel, c, text, traceId,
          "within 7 days of the inwoner's message a person may answer with the HUMAN_AGENT tag");
    }
    if (AUTH.contains(code) || (code >= 200 && code <= 299)) {
      return new AuthorizationException(channel, c, subcode, text
          + "; reconnect the channel with a valid access token", traceId);
    }
    if (transientFlag || TRANSIENT.contains(code) || httpStatus >= 500) {
      return new TransientPlatformException(channel, c, subcode, text, traceId);
    }
    return new PermanentPlatformException(channel, c, subcode, text, traceId);
  }

  /**
   * Maps a failed response that may not carry a Graph error body.
   *
   * @param channel the channel
   * @param httpStatus the HTTP status
   * @param body the response body
   * @param retryAfter how long the platform asked to wait, if it said
   * @return the exception
   */
  public static PlatformException toException(ChannelId channel, int httpStatus, String body,
      Optional<Duration> retryAfter) {
    Optional<GraphError> error = parse(body);
    if (error.isPresent()) {
      return error.get().toException(channel, httpStatus, retryAfter);
    }
    String c = String.valueOf(httpStatus);
    if (httpStatus == 429) {
      return new RateLimitedException(channel, c, "", "HTTP 429", "",
          retryAfter.orElse(Duration.ofMinutes(1)));
    }
    if (httpStatus >= 500 || httpStatus == 408) {
      return new TransientPlatformException(channel, c, "", "HTTP " + httpStatus, "");
    }
    if (httpStatus == 401 || httpStatus == 403) {
      return new AuthorizationException(channel, c, "", "HTTP " + httpStatus, "");
    }
    return new PermanentPlatformException(channel, c, "", "HTTP " + httpStatus, "");
  }
}
