package org.webcare4j.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.webcare4j.core.error.SignatureInvalidException.Reason;
import org.webcare4j.core.error.SignatureInvalidException;
import org.webcare4j.core.model.Secret;

/**
 * An HMAC-SHA256 signature scheme as platforms put it in a header: an optional prefix such as
 * {@code sha256=} followed by the MAC in hex (Meta, WhatsApp, LinkedIn) or base64 (X, Standard
 * Webhooks).
 *
 * <p>Verification decodes the received MAC and compares bytes in constant time. Instances are
 * immutable and thread-safe; {@link #toString()} never shows the key.
 */
public final class HmacSignature {
  private static final String ALGORITHM = "HmacSHA256";

  /** How the MAC bytes are written in the header. */
  public enum Encoding {
    /** Hexadecimal; upper or lower case is accepted on verification, lower case is produced. */
    HEX,
    /** Standard base64 with padding. */
    BASE64
  }

  private final SecretKeySpec key;
  private final Encoding encoding;
  private final String prefix;

  private HmacSignature(Secret secret, Encoding encoding, String prefix) {
    this.key = new SecretKeySpec(Objects.requireNonNull(secret, "secret").bytes(), ALGORITHM);
    this.encoding = Objects.requireNonNull(encoding, "encoding");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /**
   * Creates a scheme.
   *
   * @param secret the shared key (an app secret, a consumer secret)
   * @param encoding how the MAC is written
   * @param prefix what precedes the MAC in the header, such as {@code "sha256="}; may be empty
   * @return the scheme
   */
  public static HmacSignature sha256(Secret secret, Encoding encoding, String prefix) {
    return new HmacSignature(secret, encoding, prefix);
  }

  /**
   * Computes the header value for the given bytes.
   *
   * @param data the signed bytes
   * @return the prefix followed by the encoded MAC
   */
  public String sign(byte[] data) {
    byte[] mac = mac(data);
    return prefix
        + (encoding == Encoding.HEX
            ? HexFormat.of().formatHex(mac)
            : Base64.getEncoder().encodeToString(mac));
  }

  /**
   * Computes the header value for a UTF-8 text.
   *
   * @param text the signed text
   * @return the prefix followed by the encoded MAC
   */
  public String sign(String text) {
    return sign(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Verifies a received header value.
   *
   * @param data the bytes the platform signed, exactly as received
   * @param headerValue the received header value, empty when the header was absent
   * @param headerName the header's name, for the exception message
   * @throws SignatureInvalidException when absent, malformed or not matching
   */
  public void verify(byte[] data, Optional<String> headerValue, String headerName) {
    String received =
        headerValue
            .map(String::strip)
            .orElseThrow(
                () ->
                    new SignatureInvalidException(
                        Reason.MISSING, "missing signature header " + headerName));
    if (!received.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw new SignatureInvalidException(
          Reason.MALFORMED, "signature header " + headerName + " lacks the expected prefix");
    }
    byte[] receivedMac;
    try {
      String encoded = received.substring(prefix.length());
      receivedMac =
          encoding == Encoding.HEX
              ? HexFormat.of().parseHex(encoded)
              : Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new SignatureInvalidException(
          Reason.MALFORMED, "signature header " + headerName + " is not valid " + encoding);
    }
    if (!MessageDigest.isEqual(mac(data), receivedMac)) {
      throw new SignatureInvalidException(
          Reason.MISMATCH, "signature in " + headerName + " does not match the body");
    }
  }

  /**
   * Tells whether a received header value is valid for the bytes.
   *
   * @param data the signed bytes
   * @param headerValue the received header value
   * @return true when it matches
   */
  public boolean matches(byte[] data, String headerValue) {
    try {
      verify(data, Optional.ofNullable(headerValue), "signature");
      return true;
    } catch (SignatureInvalidException e) {
      return false;
    }
  }

  private byte[] mac(byte[] data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "HmacSignature{HmacSHA256, " + encoding + ", prefix='" + prefix + "', key=redacted}";
  }
}
