package org.webcare4j.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.error.AuthorizationException;
import org.webcare4j.core.error.TransientPlatformException;
import org.webcare4j.core.json.Json;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Secret;

/**
 * A channel's OAuth 2.0 tokens, refreshed with the standard {@code refresh_token} grant when the
 * platform says the access token is no longer good. One caller refreshes at a time; the others
 * use its result. A refused refresh is an {@link AuthorizationException} naming the channel (the
 * account must be connected again); the new pair is handed to the host's listener to store.
 */
public final class RefreshingTokens {
  private static final Logger log = LoggerFactory.getLogger(RefreshingTokens.class);
  private static final ObjectMapper JSON = Json.mapper();

  private final ChannelId channel;
  private final AtomicReference<OAuthTokens> tokens;
  private final Consumer<OAuthTokens> onRefresh;
  private final Object lock = new Object();

  /**
   * Creates the holder.
   *
   * @param channel the channel, named in errors and logs
   * @param initial the tokens to start with
   * @param onRefresh told each new pair
   */
  public RefreshingTokens(ChannelId channel, OAuthTokens initial,
      Consumer<OAuthTokens> onRefresh) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.tokens = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    this.onRefresh = Objects.requireNonNull(onRefresh, "onRefresh");
  }

  /**
   * Returns the current tokens.
   *
   * @return the tokens
   */
  public OAuthTokens current() {
    return tokens.get();
  }

  /**
   * Trades the refresh token for new tokens, unless another caller already replaced {@code seen}.
   *
   * @param seen the tokens the caller found wanting
   * @param request builds the platform's token request from the refresh token
   * @param http the HTTP client
   * @param clock the clock, for the expiry
   * @return the tokens to use now
   * @throws AuthorizationException when there is no refresh token or the platform refuses it
   */
  public OAuthTokens refresh(OAuthTokens seen, Function<Secret, Request> request,
      PlatformHttp http, Clock clock) {
    synchronized (lock) {
      OAuthTokens current = tokens.get();
      if (current != seen) {
        return current;
      }
      Secret refresh = current.refreshToken().orElseThrow(() -> new AuthorizationException(
          channel, "401", "", "the access token is no longer valid and no refresh token was"
              + " granted; reconnect the account", ""));
      try (Response response = http.execute(request.apply(refresh))) {
        JsonNode json = read(response);
        if (!response.isSuccessful()) {
          if (response.code() >= 500) {
            throw new TransientPlatformException(channel, String.valueOf(response.code()), "",
                "the token endpoint failed", "");
          }
          throw new AuthorizationException(channel, String.valueOf(response.code()),
              json.path("error").asText(""), "the platform refused to refresh the access token ("
                  + json.path("error_description").asText(json.path("error").asText("refused"))
                  + "); reconnect the account", "");
        }
        String access = json.path("access_token").asText("");
        if (access.isEmpty()) {
          throw new AuthorizationException(channel, String.valueOf(response.code()), "",
              "the token endpoint answered without an access token", "");
        }
        OAuthTokens next = new OAuthTokens(Secret.of(access),
            json.hasNonNull("refresh_token")
                ? Optional.of(Secret.of(json.get("refresh_token").asText()))
                : current.refreshToken(),
            json.has("expires_in")
                ? Optional.of(clock.instant().plusSeconds(json.get("expires_in").asLong()))
                : Optional.empty());
        tokens.set(next);
        log.info("{}: access token refreshed", channel);
        try {
          onRefresh.accept(next);
        } catch (RuntimeException e) {
          log.warn("{}: the host's token listener failed; the new tokens live in memory only",
              channel, e);
        }
        return next;
      }
    }
  }

  private static JsonNode read(Response response) {
    try {
      ResponseBody b = response.body();
      String text = b == null ? "" : b.string();
      return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  @Override
  public String toString() {
    return "RefreshingTokens[" + channel + "]";
  }
}
