package org.webcare4j.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.model.Secret;
import org.webcare4j.x.internal.OAuth1Signer;

/** OAuth 1.0a signing, checked against X's documented "Creating a signature" example. */
class OAuth1SignerTest {
  private static final Secret CONSUMER_SECRET =
      Secret.of("kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw");
  private static final Secret TOKEN_SECRET =
      Secret.of("LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");

  @Test
  void theDocumentedExampleGivesTheDocumentedSignature() {
    HttpUrl url = HttpUrl.get("https://api.twitter.com/1.1/statuses/update.json"
        + "?include_entities=true");
    Map<String, String> oauth = new TreeMap<>(Map.of(
        "oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog",
        "oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
        "oauth_signature_method", "HMAC-SHA1",
        "oauth_timestamp", "1318622958",
        "oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
        "oauth_version", "1.0"));
    String base = OAuth1Signer.baseString("POST", url,
        Map.of("status", "Hello Ladies + Gentlemen, a signed OAuth request!"), oauth);
    assertEquals("POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&"
        + "include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26"
        + "oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26"
        + "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26"
        + "oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26"
        + "oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C"
        + "%2520a%2520signed%2520OAuth%2520request%2521", base);
    assertEquals("hCtSmYh+iHYCEqBWrE7C7hYmtUk=",
        OAuth1Signer.sign(base, CONSUMER_SECRET, TOKEN_SECRET));

    String header = new OAuth1Signer("xvz1evFS4wEEPTGEFPHBog", CONSUMER_SECRET,
        "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", TOKEN_SECRET)
        .authorization("POST", url,
            Map.of("status", "Hello Ladies + Gentlemen, a signed OAuth request!"), 1318622958L,
            "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg");
    assertTrue(header.contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\""), header);
    assertTrue(header.startsWith("OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\""));
  }

  @Property
  void percentEncodingKeepsOnlyUnreservedCharactersAndRoundTrips(@ForAll String text) {
    String encoded = OAuth1Signer.encode(text);
    assertTrue(encoded.matches("([A-Za-z0-9\\-._~]|%[0-9A-F]{2})*"), encoded);
    String asSent = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertEquals(asSent, URLDecoder.decode(encoded, StandardCharsets.UTF_8), "decodes back");
  }
}
