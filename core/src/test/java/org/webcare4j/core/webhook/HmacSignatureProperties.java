package org.webcare4j.core.webhook;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.webcare4j.core.error.SignatureInvalidException;
import org.webcare4j.core.model.Secret;

class HmacSignatureProperties {

  @Provide
  Arbitrary<HmacSignature.Encoding> encodings() {
    return Arbitraries.of(HmacSignature.Encoding.class);
  }

  @Property(tries = 500)
  void aCorrectSignatureVerifies(@ForAll @Size(max = 2048) byte[] body,
      @ForAll("encodings") HmacSignature.Encoding encoding,
      @ForAll("secrets") String secret) {
    HmacSignature s = HmacSignature.sha256(Secret.of(secret), encoding, "sha256=");
    s.verify(body, Optional.of(s.sign(body)), "h");
  }

  @Property(tries = 1000)
  void anySingleByteChangeToTheBodyIsRefused(@ForAll @Size(min = 1, max = 2048) byte[] body,
      @ForAll @IntRange(min = 0, max = 2047) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor,
      @ForAll("encodings") HmacSignature.Encoding encoding) {
    HmacSignature s = HmacSignature.sha256(Secret.of("app-secret"), encoding, "sha256=");
    String header = s.sign(body);
    byte[] tampered = body.clone();
    tampered[position % body.length] ^= (byte) xor;
    assertThrows(SignatureInvalidException.class,
        () -> s.verify(tampered, Optional.of(header), "h"));
  }

  @Property(tries = 1000)
  void anySingleByteChangeToTheSignatureIsRefused(@ForAll @Size(max = 2048) byte[] body,
      @ForAll @IntRange(min = 0, max = 31) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor,
      @ForAll("encodings") HmacSignature.Encoding encoding) {
    HmacSignature s = HmacSignature.sha256(Secret.of("app-secret"), encoding, "sha256=");
    String header = s.sign(body);
    String encoded = header.substring("sha256=".length());
    byte[] mac = encoding == HmacSignature.Encoding.HEX
        ? HexFormat.of().parseHex(encoded) : Base64.getDecoder().decode(encoded);
    mac[position] ^= (byte) xor;
    String tampered = "sha256=" + (encoding == HmacSignature.Encoding.HEX
        ? HexFormat.of().formatHex(mac) : Base64.getEncoder().encodeToString(mac));
    assertThrows(SignatureInvalidException.class,
        () -> s.verify(body, Optional.of(tampered), "h"));
  }

  @Property(tries = 1000)
  void anySingleCharacterChangeToAHexHeaderIsRefused(@ForAll @Size(max = 512) byte[] body,
      @ForAll @IntRange(min = 0, max = 70) int position,
      @ForAll char replacement) {
    HmacSignature s = HmacSignature.sha256(Secret.of("app-secret"), HmacSignature.Encoding.HEX,
        "sha256=");
    String header = s.sign(body);
    char original = header.charAt(position);
    // Changing the case of a hex digit or of the prefix writes the same signature differently.
    Assume.that(Character.toLowerCase(replacement) != Character.toLowerCase(original));
    String tampered = header.substring(0, position) + replacement + header.substring(position + 1);
    assertThrows(SignatureInvalidException.class,
        () -> s.verify(body, Optional.of(tampered), "h"));
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(64);
  }
}
