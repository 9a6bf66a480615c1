package org.webcare4j.linkedin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.webcare4j.core.error.AuthorizationException;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.error.RateLimitedException;
import org.webcare4j.core.error.TransientPlatformException;
import org.webcare4j.core.http.OAuthTokens;
import org.webcare4j.core.http.PlatformHttp;
import org.webcare4j.core.http.RefreshingTokens;
import org.webcare4j.core.json.Json;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Secret;

/**
 * The versioned REST calls: {@code LinkedIn-Version} and {@code X-Restli-Protocol-Version: 2.0.0}
 * on every request, the bearer token refreshed once on a 401 where a refresh token was granted,
 * and LinkedIn's error bodies mapped to what a caller can act on. Daily quotas answer 429 without
 * a reset time; they reset at midnight UTC, so that is when the call is tried again.
 */
public final class LinkedInApi {
  private static final ObjectMapper JSON = Json.mapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param restliId the {@code x-restli-id} header: the URN of what was created
   * @param body the JSON body, or an empty object
   */
  public record Answer(int status, Optional<String> restliId, JsonNode body) {}

  private final ChannelId channel;
  private final HttpUrl base;
  private final HttpUrl tokenUrl;
  private final String version;
  private final RefreshingTokens tokens;
  private final Optional<String> clientId;
  private final Optional<Secret> clientSecret;

  /**
   * Creates the client.
   *
   * @param channel the channel, named in errors
   * @param base the API base, such as {@code https://api.linkedin.com/}
   * @param tokenUrl the OAuth token endpoint
   * @param version the {@code LinkedIn-Version}, {@code YYYYMM}
   * @param tokens the current tokens
   * @param clientId the app's client id, for refreshing
   * @param clientSecret the app's client secret, for refreshing
   * @param onRefresh told the new tokens after a refresh
   */
  public LinkedInApi(ChannelId channel, HttpUrl base, HttpUrl tokenUrl, String version,
      OAuthTokens tokens, Optional<String> clientId, Optional<Secret> clientSecret,
      Consumer<OAuthTokens> onRefresh) {
    this.channel = channel;
    this.base = base;
    this.tokenUrl = tokenUrl;
    this.version = version;
    this.tokens = new RefreshingTokens(channel, tokens, onRefresh);
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /**
   * Returns a URL under {@code /rest/}; URNs go in already encoded.
   *
   * @param encodedSegments path segments after {@code rest}, encoded
   * @return the builder
   */
  public HttpUrl.Builder rest(String... encodedSegments) {
    HttpUrl.Builder b = base.newBuilder().addPathSegment("rest");
    for (String s : encodedSegments) {
      b.addEncodedPathSegment(s);
    }
    return b;
  }

  /**
   * Makes a JSON call.
   *
   * @param method the method
   * @param url the URL
   * @param body the JSON body, if any
   * @param http the HTTP client
   * @param clock the clock
   * @return the answer
   */
  public Answer call(String method, HttpUrl url, Optional<JsonNode> body, PlatformHttp http,
      Clock clock) {
    RequestBody payload = body.map(b -> RequestBody.create(b.toString(), APPLICATION_JSON))
        .orElse(method.equals("POST") || method.equals("PUT")
            ? RequestBody.create(new byte[0], APPLICATION_JSON) : null);
    return send(new Request.Builder().url(url).method(method, payload), http, clock);
  }

  /**
   * Uploads bytes to an upload URL LinkedIn handed out, with the token.
   *
   * @param url the upload URL
   * @param bytes the bytes
   * @param type their media type
   * @param http the HTTP client
   * @param clock the clock
   * @return the answer
   */
  public Answer upload(HttpUrl url, byte[] bytes, MediaType type, PlatformHttp http,
      Clock clock) {
    return send(new Request.Builder().url(url).put(RequestBody.create(bytes, type)), http, clock);
  }

  private Answer send(Request.Builder request, PlatformHttp http, Clock clock) {
    boolean refreshed = false;
    while (true) {
      OAuthTokens t = tokens.current();
      Request r = request
          .header("Authorization", "Bearer " + t.accessToken().reveal())
          .header("LinkedIn-Version", version)
          .header("X-Restli-Protocol-Version", "2.0.0")
          .build();
      try (Response response = http.execute(r)) {
        String text = PlatformHttp.text(response);
        if (response.isSuccessful()) {
          return new Answer(response.code(), Optional.ofNullable(response.header("x-restli-id")),
              http.answer(text));
        }
        if (response.code() == 401 && !refreshed && t.refreshToken().isPresent()
            && clientId.isPresent() && clientSecret.isPresent()) {
          tokens.refresh(t, refreshToken -> new Request.Builder().url(tokenUrl)
              .post(new FormBody.Builder()
                  .add("grant_type", "refresh_token")
                  .add("refresh_token", refreshToken.reveal())
                  .add("client_id", clientId.orElseThrow())
                  .add("client_secret", clientSecret.orElseThrow().reveal())
                  .build()).build(), http, clock);
          refreshed = true;
          continue;
        }
        throw error(response, text, clock.instant());
      }
    }
  }

  private RuntimeException error(Response response, String text, Instant now) {
    JsonNode body = PlatformHttp.errorBody(text);
    String message = body.path("message").asText("HTTP " + response.code());
    String code = body.path("code").asText(String.valueOf(response.code()));
    String service = body.path("serviceErrorCode").asText("");
    if (response.code() == 429) {
      // Which daily quota: the application's or the member's; both reset at midnight UTC.
      String which = message.contains("MEMBER") ? "member" : message.contains("APPLICATION")
          ? "application" : "daily";
      Duration wait = PlatformHttp.retryAfter(response, now).orElseGet(() -> Duration.between(
          now, LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay()
              .toInstant(ZoneOffset.UTC)));
      return new RateLimitedException(channel, code, which, "LinkedIn " + which
          + " quota reached: " + message, "", wait);
    }
    if (response.code() == 401) {
      return new AuthorizationException(channel, code, service, "LinkedIn refused the access"
          + " token (" + message + "); reconnect the page's account", "");
    }
    if (response.code() >= 500) {
      return new TransientPlatformException(channel, code, service, message, "");
    }
    return new PermanentPlatformException(channel, code, service, message, "");
  }

  /**
   * Returns a new JSON object.
   *
   * @return the node
   */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  @Override
  public String toString() {
    return "LinkedInApi[" + channel + ", version " + version + "]";
  }
}
