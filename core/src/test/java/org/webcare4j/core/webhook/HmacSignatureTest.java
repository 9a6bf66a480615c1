package org.webcare4j.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.error.SignatureInvalidException.Reason;
import org.webcare4j.core.error.SignatureInvalidException;
import org.webcare4j.core.model.Secret;

class HmacSignatureTest {
  // RFC 4231, test case 2.
  private static final Secret JEFE = Secret.of("Jefe");
  private static final byte[] DATA =
      "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
  private static final String RFC4231_HEX =
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

  private final HmacSignature hex = HmacSignature.sha256(JEFE, HmacSignature.Encoding.HEX,
      "sha256=");
  private final HmacSignature base64 = HmacSignature.sha256(JEFE,
      HmacSignature.Encoding.BASE64, "sha256=");

  @Test
  void signsTheRfc4231Vector() {
    assertEquals("sha256=" + RFC4231_HEX, hex.sign(DATA));
    assertEquals("sha256=W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=", base64.sign(DATA));
  }

  @Test
  void acceptsUpperCaseHexAndSurroundingWhitespace() {
    hex.verify(DATA, Optional.of(" SHA256=" + RFC4231_HEX.toUpperCase() + " "), "h");
  }

  @Test
  void refusesAMissingHeaderAs401() {
    var e = assertThrows(SignatureInvalidException.class,
        () -> hex.verify(DATA, Optional.empty(), "X-Hub-Signature-256"));
    assertEquals(Reason.MISSING, e.reason());
    assertEquals(401, e.httpStatus());
    assertTrue(e.getMessage().contains("X-Hub-Signature-256"));
  }

  @Test
  void refusesAWrongPrefixAsMalformed() {
    var e = assertThrows(SignatureInvalidException.class,
        () -> hex.verify(DATA, Optional.of("sha1=" + RFC4231_HEX), "h"));
    assertEquals(Reason.MALFORMED, e.reason());
    assertEquals(403, e.httpStatus());
  }

  @Test
  void refusesNonHexAsMalformed() {
    var e = assertThrows(SignatureInvalidException.class,
        () -> hex.verify(DATA, Optional.of("sha256=zz" + RFC4231_HEX.substring(2)), "h"));
    assertEquals(Reason.MALFORMED, e.reason());
  }

  @Test
  void refusesATruncatedSignature() {
    var e = assertThrows(SignatureInvalidException.class,
        () -> hex.verify(DATA, Optional.of("sha256=" + RFC4231_HEX.substring(0, 62)), "h"));
    assertEquals(Reason.MISMATCH, e.reason());
  }

  @Test
  void refusesTheSignatureOfAnotherSecret() {
    String other = HmacSignature.sha256(Secret.of("Jeff"), HmacSignature.Encoding.HEX, "sha256=")
        .sign(DATA);
    assertFalse(hex.matches(DATA, other));
    var e = assertThrows(SignatureInvalidException.class,
        () -> hex.verify(DATA, Optional.of(other), "h"));
    assertEquals(Reason.MISMATCH, e.reason());
  }

  @Test
  void neverShowsTheKey() {
    HmacSignature s = HmacSignature.sha256(Secret.of("app-secret-123"),
        HmacSignature.Encoding.HEX, "sha256=");
    assertFalse(s.toString().contains("app-secret-123"));
    assertFalse(Secret.of("app-secret-123").toString().contains("app-secret-123"));
  }
}
