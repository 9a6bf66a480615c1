package org.webcare4j.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.http.OAuthTokens;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.testing.Postgres;
import org.webcare4j.core.webhook.HmacSignature;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.testkit.PayloadMutations.Mutation;
import org.webcare4j.testkit.PayloadMutations;
import org.webcare4j.testkit.StoreProbes;
import org.webcare4j.testkit.WebhookProbe;
import org.webcare4j.x.internal.XPayloadParser;

/**
 * Whatever a signed Account Activity delivery holds, the channel answers 200 (or 400 for a body
 * that is not a JSON object), the parser throws nothing but {@link MalformedPayloadException},
 * and a mutated post, DM or deletion never costs the well-formed posts of the same delivery.
 */
class XWebhookProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "2244994945";
  private static final Secret CONSUMER_SECRET = Secret.of("x-consumer-secret");
  private static final HmacSignature SIGNATURE =
      HmacSignature.sha256(CONSUMER_SECRET, HmacSignature.Encoding.BASE64, "sha256=");
  /** Each documented delivery and the array its items sit in. */
  private static final Map<String, String> FIXTURES = Map.of(
      "activity-mention.json", "tweet_create_events",
      "activity-reply-with-photo.json", "tweet_create_events",
      "activity-dm.json", "direct_message_events",
      "activity-delete.json", "tweet_delete_events");
  private static final AtomicInteger IDS = new AtomicInteger(1000);
  private static WebhookProbe probe;

  private static StoreProbes stores;
  private static HikariDataSource postgres;

  @Provide
  Arbitrary<String> stores() {
    return Arbitraries.of("memory", "h2", "postgres");
  }

  private final XPayloadParser parser = new XPayloadParser(ChannelId.of("x"), USER);

  @BeforeContainer
  static void startProbe() {
    postgres = Postgres.pool(Postgres.newDatabase(), 4);
    stores = StoreProbes.start(() -> XChannel.builder(ChannelId.of("x-gemeente")).userId(USER)
            .consumerSecret(CONSUMER_SECRET)
            .oauth2(OAuthTokens.of(Secret.of("t")), "c", Optional.empty()).build(),
        body -> WebhookRequest.builder("POST", "/webhooks/x-gemeente")
            .header("x-twitter-webhooks-signature", SIGNATURE.sign(body)).body(body).build(),
        postgres);
    probe = stores.get("memory");
  }

  @AfterContainer
  static void stopProbe() {
    stores.close();
    postgres.close();
  }

  private static String fixture(String name) {
    try (InputStream in = XWebhookProperties.class.getResourceAsStream("/x/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode tree(String name) {
    try {
      return JSON.readTree(fixture(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A well-formed mention of the account, with an id no other try uses. */
  private static String goodPost(String id) {
    return "{\"id_str\":\"" + id + "\",\"text\":\"@gemeente goed\",\"timestamp_ms\":"
        + "\"1700000000000\",\"user\":{\"id_str\":\"3001969357\",\"name\":\"Jordan\","
        + "\"screen_name\":\"jordan\"}}";
  }

  private void parseTyped(byte[] body) {
    try {
      parser.parseActivity(body);
    } catch (MalformedPayloadException expected) {
      // the only exception allowed: not a JSON object
    }
  }

  @Provide
  Arbitrary<String> fixtures() {
    return Arbitraries.of(List.copyOf(FIXTURES.keySet()).stream().sorted().toList());
  }

  @Property(tries = 1500)
  void aMutatedActivityNeverCostsTheWellFormedPostsBesideIt(@ForAll("fixtures") String fixture,
      @ForAll @IntRange(min = 0, max = 100_000) int place, @ForAll Mutation mutation,
      @ForAll("stores") String store) {
    String array = FIXTURES.get(fixture);
    PayloadMutations item = PayloadMutations.of(tree(fixture).path(array).get(0).toString());
    String broken = item.mutate(place % item.places(), mutation);
    String a = String.valueOf(1_700_000_000_000L + IDS.incrementAndGet());
    String b = String.valueOf(1_700_000_000_000L + IDS.incrementAndGet());
    String body = array.equals("tweet_create_events")
        ? "{\"for_user_id\":\"" + USER + "\",\"tweet_create_events\":[" + goodPost(a) + ","
            + broken + "," + goodPost(b) + "]}"
        : "{\"for_user_id\":\"" + USER + "\",\"tweet_create_events\":[" + goodPost(a) + ","
            + goodPost(b) + "],\"" + array + "\":[" + broken + "],\"users\":"
            + (tree(fixture).has("users") ? tree(fixture).get("users") : "{}") + "}";

    parseTyped(body.getBytes(StandardCharsets.UTF_8));
    WebhookProbe.Delivery d = stores.get(store).deliver(body);
    String where = mutation + " at " + item.pointer(place % item.places()) + " of " + fixture
        + " on " + store;
    assertEquals(200, d.status(), d.answer() + " after " + where);
    assertTrue(d.platformIds().containsAll(List.of(a, b)), d.platformIds() + " after " + where);
  }

  @Property(tries = 600)
  void aMutatedWholeDeliveryIsAnswered200Or400AndNeverAnythingElse(
      @ForAll("fixtures") String fixture,
      @ForAll @IntRange(min = 0, max = 100_000) int place, @ForAll Mutation mutation) {
    PayloadMutations whole = PayloadMutations.of(fixture(fixture));
    String body = whole.mutate(place % whole.places(), mutation);
    parseTyped(body.getBytes(StandardCharsets.UTF_8));
    int status = probe.deliver(body).status();
    assertTrue(status == 200 || status == 400, status + " after " + mutation + " at "
        + whole.pointer(place % whole.places()));
  }

  @Provide
  Arbitrary<String> tokens() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300),
        Arbitraries.strings().withChars("abcdefABCDEF0123456789-+/=_").ofMinLength(1)
            .ofMaxLength(300),
        Arbitraries.of(List.copyOf(FIXTURES.keySet()).stream().sorted()
            .map(XWebhookProperties::fixture).toList()),
        Arbitraries.of("{\"for_user_id\":\"" + USER + "\",\"tweet_create_events\":[" + goodPost("1")
            + "]}", " {\"a\":1}", "[]", "\"x\"", "", "9b4507b3-9040-4669-9ca3-6b94edb50553"));
  }

  /** A CRC answer is the key's HMAC of the token: it must never sign a body we would take. */
  @Property(tries = 500)
  void noCrcAnswerIsTheSignatureOfADeliveryThePipelineAccepts(@ForAll("tokens") String token) {
    var crc = probe.handle(WebhookRequest.builder("GET", "/webhooks/x-gemeente")
        .queryParameter("crc_token", token).build());
    if (crc.status() != 200) {
      assertEquals(400, crc.status());
      return;
    }
    String signature;
    try {
      signature = JSON.readTree(crc.bodyText()).path("response_token").asText();
    } catch (IOException e) {
      throw new AssertionError("the CRC answer is not JSON: " + crc.bodyText(), e);
    }
    var forged = probe.handle(WebhookRequest.builder("POST", "/webhooks/x-gemeente")
        .header("x-twitter-webhooks-signature", signature)
        .body(token.getBytes(StandardCharsets.UTF_8)).build());
    assertTrue(forged.status() != 200, "a CRC answer signed a body the webhook took: " + token);
  }

  @Property(tries = 200)
  void arbitraryBytesAreAnswered200Or400(@ForAll byte[] body) {
    parseTyped(body);
    int status = probe.deliver(body).status();
    assertTrue(status == 200 || status == 400, "status " + status);
  }
}
