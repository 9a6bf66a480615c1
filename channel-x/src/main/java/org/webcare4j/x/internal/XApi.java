package org.webcare4j.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.webcare4j.core.channel.RateLimitFeedback;
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
 * The X API v2 calls webcare4j makes, with authentication (OAuth 2.0 user context with refresh,
 * or OAuth 1.0a), rate-limit headers reported per endpoint bucket, and error answers mapped to
 * the exception a caller can act on.
 */
public final class XApi {
  private static final ObjectMapper JSON = Json.mapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
  /** Refresh an access token this long before it expires. */
  private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
  /** How long to wait on a 429 that names no reset. */
  private static final Duration DEFAULT_WAIT = Duration.ofMinutes(15);
  /** The shortest wait on a 429. */
  private static final Duration MIN_WAIT = Duration.ofSeconds(1);

  /** The bucket of the 24-hour limit on posts per user. */
  public static final String USER_DAY = "user-24h";
  /** The bucket of the 24-hour limit on posts per app. */
  public static final String APP_DAY = "app-24h";

  /** How the channel authenticates. */
  public sealed interface Auth permits OAuth2, OAuth1 {}

  /**
   * OAuth 2.0 user context.
   *
   * @param tokens the current pair
   * @param clientId the app's OAuth 2.0 client id, for refreshing
   * @param clientSecret the client secret of a confidential client, if it is one
   * @param onRefresh told the new pair after each refresh
   */
  public record OAuth2(OAuthTokens tokens, String clientId, Optional<Secret> clientSecret,
      Consumer<OAuthTokens> onRefresh) implements Auth {}

  /**
   * OAuth 1.0a user context.
   *
   * @param signer the signer
   */
  public record OAuth1(OAuth1Signer signer) implements Auth {}

  private final ChannelId channel;
  private final HttpUrl base;
  private final Auth auth;
  private final RefreshingTokens tokens;

  /**
   * Creates the API client.
   *
   * @param channel the channel, named in errors
   * @param base the API's base URL, such as {@code https://api.x.com/}
   * @param auth how to authenticate
   */
  public XApi(ChannelId channel, HttpUrl base, Auth auth) {
    this.channel = channel;
    this.base = base;
    this.auth = auth;
    this.tokens = auth instanceof OAuth2 o
        ? new RefreshingTokens(channel, o.tokens(), o.onRefresh()) : null;
  }

  /**
   * Returns a URL under the base.
   *
   * @param segments the path segments after the base, such as {@code 2}, {@code tweets}
   * @return the URL builder
   */
  public HttpUrl.Builder url(String... segments) {
    HttpUrl.Builder b = base.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b;
  }

  /**
   * Makes a call with a JSON body (or none).
   *
   * @param method the HTTP method
   * @param url the URL
   * @param body the JSON body, if any
   * @param bucket the rate-limit bucket the endpoint counts against
   * @param http the HTTP client
   * @param limits where rate-limit headers are reported
   * @param clock the clock
   * @return the answer's JSON
   */
  public JsonNode call(String method, HttpUrl url, Optional<JsonNode> body, String bucket,
      PlatformHttp http, RateLimitFeedback limits, Clock clock) {
    RequestBody payload = body.map(b -> RequestBody.create(b.toString(), APPLICATION_JSON))
        .orElse(method.equals("POST") || method.equals("PUT")
            ? RequestBody.create(new byte[0], APPLICATION_JSON) : null);
    return send(method, url, payload, Map.of(), bucket, http, limits, clock);
  }

  /**
   * Makes a call with a prepared body, such as a multipart upload.
   *
   * @param method the HTTP method
   * @param url the URL
   * @param body the body
   * @param bucket the rate-limit bucket
   * @param http the HTTP client
   * @param limits where rate-limit headers are reported
   * @param clock the clock
   * @return the answer's JSON
   */
  public JsonNode send(String method, HttpUrl url, RequestBody body, Map<String, String> form,
      String bucket, PlatformHttp http, RateLimitFeedback limits, Clock clock) {
    boolean refreshed = false;
    while (true) {
      OAuthTokens seen = tokens == null ? null : tokens.current();
      Request.Builder request = new Request.Builder().url(url).method(method, body)
          .header("Authorization", authorization(method, url, form, http, clock));
      try (Response response = http.execute(request.build())) {
        report(response, bucket, limits);
        String text = PlatformHttp.text(response);
        if (response.isSuccessful()) {
          return http.answer(text);
        }
        if (response.code() == 401 && !refreshed && canRefresh()) {
          refresh(seen, http, clock);
          refreshed = true;
          continue;
        }
        throw error(response, text, clock.instant());
      }
    }
  }

  /** Reports the endpoint's window and, where X sends them, the 24-hour user and app limits. */
  private static void report(Response response, String bucket, RateLimitFeedback limits) {
    reportLimit(response, "x-rate-limit-", bucket, limits);
    reportLimit(response, "x-user-limit-24hour-", USER_DAY, limits);
    reportLimit(response, "x-app-limit-24hour-", APP_DAY, limits);
  }

  private static void reportLimit(Response response, String prefix, String bucket,
      RateLimitFeedback limits) {
    Optional<Long> limit = number(response, prefix + "limit");
    Optional<Long> remaining = number(response, prefix + "remaining");
    Optional<Long> reset = number(response, prefix + "reset");
    if (limit.isPresent() && remaining.isPresent() && reset.isPresent()) {
      limits.remaining(bucket, remaining.get(), limit.get(),
          Instant.ofEpochSecond(reset.get()));
    }
  }

  private static Optional<Long> number(Response response, String header) {
    String v = response.header(header);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Maps an error answer: 429 waits until the exhausted limit resets (the user's or the app's
   * 24-hour limit, else the endpoint's window); 401 is an authorization failure, never retried;
   * 5xx is transient; the rest is a refusal.
   */
  private RuntimeException error(Response response, String text, Instant now) {
    JsonNode json = PlatformHttp.errorBody(text);
    String detail = json.path("detail").asText(json.path("title").asText(
        json.path("errors").path(0).path("message").asText("HTTP " + response.code())));
    String code = String.valueOf(response.code());
    String type = json.path("type").asText("");
    if (response.code() == 429) {
      String which = "endpoint";
      Optional<Long> reset = number(response, "x-rate-limit-reset");
      if (number(response, "x-user-limit-24hour-remaining").orElse(1L) == 0) {
        which = "user 24-hour";
        reset = number(response, "x-user-limit-24hour-reset");
      } else if (number(response, "x-app-limit-24hour-remaining").orElse(1L) == 0) {
        which = "app 24-hour";
        reset = number(response, "x-app-limit-24hour-reset");
      }
      // A reset already past means the window turned meanwhile: try again a moment later.
      Duration wait = reset.map(r -> Duration.between(now, Instant.ofEpochSecond(r)))
          .map(d -> d.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : d)
          .or(() -> PlatformHttp.retryAfter(response, now))
          .orElse(DEFAULT_WAIT);
      return new RateLimitedException(channel, code, which, "X " + which + " rate limit: "
          + detail, "", wait);
    }
    if (response.code() == 401) {
      return new AuthorizationException(channel, code, type, "X refused the credentials ("
          + detail + "); reconnect the account", "");
    }
    if (response.code() >= 500) {
      return new TransientPlatformException(channel, code, type, detail, "");
    }
    return new PermanentPlatformException(channel, code, type, detail, "");
  }

  // ---- authentication ----

  private boolean canRefresh() {
    return tokens != null && tokens.current().refreshToken().isPresent();
  }

  private String authorization(String method, HttpUrl url, Map<String, String> form,
      PlatformHttp http, Clock clock) {
    if (auth instanceof OAuth1 o) {
      return o.signer().authorization(method, url, form, clock.instant().getEpochSecond());
    }
    OAuthTokens t = tokens.current();
    if (t.refreshToken().isPresent() && t.expiresAt()
        .map(e -> !clock.instant().plus(REFRESH_MARGIN).isBefore(e)).orElse(false)) {
      t = refresh(t, http, clock);
    }
    return "Bearer " + t.accessToken().reveal();
  }

  /** Trades the refresh token at X's token endpoint (a confidential client authenticates). */
  private OAuthTokens refresh(OAuthTokens seen, PlatformHttp http, Clock clock) {
    OAuth2 o = (OAuth2) auth;
    return tokens.refresh(seen, refreshToken -> {
      Request.Builder request = new Request.Builder().url(url("2", "oauth2", "token").build())
          .post(new FormBody.Builder()
              .add("grant_type", "refresh_token")
              .add("refresh_token", refreshToken.reveal())
              .add("client_id", o.clientId()).build());
      o.clientSecret().ifPresent(secret -> request.header("Authorization",
          okhttp3.Credentials.basic(o.clientId(), secret.reveal())));
      return request.build();
    }, http, clock);
  }

  /**
   * Returns a JSON object node to fill in.
   *
   * @return a new node
   */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  @Override
  public String toString() {
    return "XApi[" + channel + ", " + base + "]";
  }
}
