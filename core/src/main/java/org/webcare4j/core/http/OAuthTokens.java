package org.webcare4j.core.http;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.model.Secret;

/**
 * An OAuth 2.0 token pair a channel calls its platform with: the access token and, where the
 * platform granted one, the refresh token that gets a new pair. Platforms that rotate refresh
 * tokens (X) invalidate the old one on each refresh, so a host that keeps tokens saves the pair
 * its channel hands it after every refresh.
 *
 * @param accessToken the bearer token
 * @param refreshToken the refresh token, if granted
 * @param expiresAt when the access token expires, if known
 */
public record OAuthTokens(Secret accessToken, Optional<Secret> refreshToken,
    Optional<Instant> expiresAt) {

  public OAuthTokens {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * Returns tokens that cannot be refreshed.
   *
   * @param accessToken the bearer token
   * @return the tokens
   */
  public static OAuthTokens of(Secret accessToken) {
    return new OAuthTokens(accessToken, Optional.empty(), Optional.empty());
  }

  /**
   * Returns a refreshable pair.
   *
   * @param accessToken the bearer token
   * @param refreshToken the refresh token
   * @param expiresAt when the access token expires
   * @return the tokens
   */
  public static OAuthTokens of(Secret accessToken, Secret refreshToken, Instant expiresAt) {
    return new OAuthTokens(accessToken, Optional.of(refreshToken), Optional.of(expiresAt));
  }
}
