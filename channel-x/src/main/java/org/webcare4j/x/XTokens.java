package org.webcare4j.x;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.Secret;

/**
 * An OAuth 2.0 user-context token pair for X: the access token (two hours by default) and, where
 * the {@code offline.access} scope was granted, the refresh token that gets a new pair. X rotates
 * refresh tokens: each refresh returns a new one and the old one stops working, so a host that
 * keeps tokens saves the pair it is handed after every refresh.
 *
 * @param accessToken the bearer token
 * @param refreshToken the refresh token, if granted
 * @param expiresAt when the access token expires, if known
 */
public record XTokens(Secret accessToken, Optional<Secret> refreshToken,
    Optional<Instant> expiresAt) {

  public XTokens {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * Returns a pair from an access token that cannot be refreshed.
   *
   * @param accessToken the bearer token
   * @return the tokens
   */
  public static XTokens of(Secret accessToken) {
    return new XTokens(accessToken, Optional.empty(), Optional.empty());
  }

  /**
   * Returns a refreshable pair.
   *
   * @param accessToken the bearer token
   * @param refreshToken the refresh token
   * @param expiresAt when the access token expires
   * @return the tokens
   */
  public static XTokens of(Secret accessToken, Secret refreshToken, Instant expiresAt) {
    return new XTokens(accessToken, Optional.of(refreshToken), Optional.of(expiresAt));
  }
}
