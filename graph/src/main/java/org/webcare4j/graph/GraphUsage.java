package org.webcare4j.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Response;
import org.webcare4j.core.channel.RateLimitFeedback;
import org.webcare4j.core.json.Json;

/**
 * Reads Meta's usage headers and reports them to the rate limiter, so a channel slows down
 * before the platform refuses.
 *
 * <ul>
 *   <li>{@code X-App-Usage} and {@code X-Page-Usage}: {@code {"call_count":..,"total_cputime":..,
 *       "total_time":..}}, percentages of the limit.
 *   <li>{@code X-Business-Use-Case-Usage}: {@code {"<id>":[{"type":..,"call_count":..,
 *       "total_cputime":..,"total_time":..,"estimated_time_to_regain_access":minutes}]}}.
 * </ul>
 *
 * <p>The highest percentage of each header is what counts; a header that cannot be read is
 * ignored, never fatal.
 */
public final class GraphUsage {
  private static final ObjectMapper JSON = Json.mapper();

  private GraphUsage() {}

  /**
   * Reports a response's usage headers.
   *
   * @param response the response
   * @param feedback where to report
   * @param bucket the rate-limit bucket the call counted against
   * @return how long the platform says access is blocked, when a business use case says so
   */
  public static Optional<Duration> report(Response response, RateLimitFeedback feedback,
      String bucket) {
    Optional<Duration> regain = Optional.empty();
    for (String header : new String[] {"X-App-Usage", "X-Page-Usage"}) {
      JsonNode usage = read(response.header(header));
      if (usage != null && usage.isObject()) {
        feedback.usage(bucket, percent(usage), Optional.empty());
      }
    }
    JsonNode buc = read(response.header("X-Business-Use-Case-Usage"));
    if (buc != null && buc.isObject()) {
      double max = 0;
      long regainMinutes = 0;
      for (JsonNode perId : buc) {
        for (JsonNode useCase : perId) {
          max = Math.max(max, percent(useCase));
          regainMinutes = Math.max(regainMinutes,
              useCase.path("estimated_time_to_regain_access").asLong(0));
        }
      }
      if (regainMinutes > 0) {
        regain = Optional.of(Duration.ofMinutes(regainMinutes));
      }
      feedback.usage(bucket, max, regain);
    }
    return regain;
  }

  private static double percent(JsonNode usage) {
    return Math.max(usage.path("call_count").asDouble(0), Math.max(
        usage.path("total_cputime").asDouble(0), usage.path("total_time").asDouble(0)));
  }

  private static JsonNode read(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(header);
    } catch (IOException e) {
      return null;
    }
  }
}
