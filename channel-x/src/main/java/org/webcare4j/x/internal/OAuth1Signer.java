package org.webcare4j.x.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;
import org.webcare4j.core.model.Secret;

/**
 * Signs requests with OAuth 1.0a (HMAC-SHA1, RFC 5849), as X's user-context endpoints that predate
 * OAuth 2.0 require. The signature covers the method, the URL without query, the query and form
 * parameters and the {@code oauth_*} parameters; a JSON body is not part of it.
 */
public final class OAuth1Signer {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String consumerKey;
  private final Secret consumerSecret;
  private final String token;
  private final Secret tokenSecret;

  /**
   * Creates a signer for one user's access token.
   *
   * @param consumerKey the app's API key
   * @param consumerSecret the app's API key secret
   * @param token the user's access token
   * @param tokenSecret the user's access token secret
   */
  public OAuth1Signer(String consumerKey, Secret consumerSecret, String token,
      Secret tokenSecret) {
    this.consumerKey = consumerKey;
    this.consumerSecret = consumerSecret;
    this.token = token;
    this.tokenSecret = tokenSecret;
  }

  /**
   * Returns the {@code Authorization} header for a request.
   *
   * @param method the HTTP method
   * @param url the URL, with its query
   * @param formParameters form-encoded body parameters, if the body is a form
   * @param timestamp seconds since the epoch
   * @return the header value
   */
  public String authorization(String method, HttpUrl url, Map<String, String> formParameters,
      long timestamp) {
    byte[] raw = new byte[24];
    RANDOM.nextBytes(raw);
    return authorization(method, url, formParameters, timestamp, HexFormat.of().formatHex(raw));
  }

  /**
   * Returns the {@code Authorization} header for a request with a given nonce, for tests against
   * the documented example.
   *
   * @param method the HTTP method
   * @param url the URL, with its query
   * @param formParameters form-encoded body parameters
   * @param timestamp seconds since the epoch
   * @param nonce a value never used twice
   * @return the header value
   */
  public String authorization(String method, HttpUrl url, Map<String, String> formParameters,
      long timestamp, String nonce) {
    Map<String, String> oauth = new TreeMap<>();
    oauth.put("oauth_consumer_key", consumerKey);
    oauth.put("oauth_nonce", nonce);
    oauth.put("oauth_signature_method", "HMAC-SHA1");
    oauth.put("oauth_timestamp", Long.toString(timestamp));
    oauth.put("oauth_token", token);
    oauth.put("oauth_version", "1.0");
    String signature = signature(method, url, formParameters, oauth);
    StringBuilder header = new StringBuilder("OAuth ");
    oauth.put("oauth_signature", signature);
    boolean first = true;
    for (Map.Entry<String, String> e : oauth.entrySet()) {
      header.append(first ? "" : ", ").append(encode(e.getKey())).append("=\"")
          .append(encode(e.getValue())).append('"');
      first = false;
    }
    return header.toString();
  }

  String signature(String method, HttpUrl url, Map<String, String> form,
      Map<String, String> oauth) {
    return sign(baseString(method, url, form, oauth), consumerSecret, tokenSecret);
  }

  /**
   * Computes the signature of a base string with the two secrets.
   *
   * @param baseString the signature base string
   * @param consumerSecret the app's secret
   * @param tokenSecret the user's token secret
   * @return the base64 signature
   */
  public static String sign(String baseString, Secret consumerSecret, Secret tokenSecret) {
    String key = encode(consumerSecret.reveal()) + "&" + encode(tokenSecret.reveal());
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(
          mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  /**
   * Builds the signature base string: method, base URL and the sorted, encoded parameters.
   *
   * @param method the HTTP method
   * @param url the URL with its query
   * @param form form body parameters
   * @param oauth the {@code oauth_*} parameters
   * @return the base string
   */
  public static String baseString(String method, HttpUrl url, Map<String, String> form,
      Map<String, String> oauth) {
    List<String[]> params = new ArrayList<>();
    for (int i = 0; i < url.querySize(); i++) {
      params.add(new String[] {encode(url.queryParameterName(i)),
          encode(url.queryParameterValue(i) == null ? "" : url.queryParameterValue(i))});
    }
    form.forEach((k, v) -> params.add(new String[] {encode(k), encode(v)}));
    oauth.forEach((k, v) -> params.add(new String[] {encode(k), encode(v)}));
    params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder joined = new StringBuilder();
    for (String[] p : params) {
      joined.append(joined.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
    }
    String base = url.scheme() + "://" + url.host().toLowerCase(java.util.Locale.ROOT)
        + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port())
        + url.encodedPath();
    return method.toUpperCase(java.util.Locale.ROOT) + "&" + encode(base) + "&"
        + encode(joined.toString());
  }

  /**
   * Percent-encodes by RFC 3986: everything but letters, digits and {@code -._~}.
   *
   * @param value the text
   * @return the encoded text
   */
  public static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "OAuth1Signer[consumerKey=" + consumerKey + ", token=***]";
  }
}
