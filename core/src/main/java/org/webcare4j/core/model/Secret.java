package org.webcare4j.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A credential (token, app secret, password) that never shows itself in {@link #toString()},
 * logs or exception messages.
 *
 * <p>Use {@link #reveal()} only at the point where the value leaves the process (an HTTP header,
 * an HMAC key), and {@link #matches(String)} to compare a received value in constant time.
 */
public final class Secret {
  private final byte[] value;

  private Secret(byte[] value) {
    this.value = value;
  }

  /**
   * Wraps a credential given as text.
   *
   * @param value the credential; must not be empty
   * @return the secret
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a credential from an environment variable.
   *
   * @param name the variable's name
   * @return the secret
   * @throws IllegalStateException if the variable is not set or empty
   */
  public static Secret fromEnvironment(String name) {
    String value = System.getenv(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return of(value);
  }

  /**
   * Returns the credential as text, for the moment it is sent.
   *
   * @return the credential
   */
  public String reveal() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /**
   * Returns a copy of the credential's UTF-8 bytes, for use as a key.
   *
   * @return a fresh copy of the bytes
   */
  public byte[] bytes() {
    return value.clone();
  }

  /**
   * Compares a received value with this secret in time independent of where they differ.
   *
   * @param candidate the value received, for example a webhook verify token
   * @return true when they are equal
   */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** Two secrets are equal when their values are; compared in constant time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && MessageDigest.isEqual(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  /** Returns a fixed placeholder, never the value. */
  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
