package org.webcare4j.linkedin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.webcare4j.linkedin.internal.LinkedInPayloadParser;
import org.webcare4j.linkedin.internal.LinkedInUrn;
import org.webcare4j.testkit.PayloadMutations.Mutation;
import org.webcare4j.testkit.PayloadMutations;
import org.webcare4j.testkit.StoreProbes;
import org.webcare4j.testkit.WebhookProbe;

/**
 * Whatever a signed organisation social action notification delivery holds, the channel answers
 * 200 (or 400 for a body without a notifications array), the parser throws nothing but {@link
 * MalformedPayloadException}, and a mutated notification never costs the well-formed ones of the
 * same delivery.
 */
class LinkedInWebhookProperties {
  private static final String ORG = "2414183";
  private static final Secret CLIENT_SECRET = Secret.of("linkedin-client-secret");
  private static final HmacSignature SIGNATURE =
      HmacSignature.sha256(CLIENT_SECRET, HmacSignature.Encoding.HEX, "");
  private static final AtomicInteger IDS = new AtomicInteger(1000);
  private static WebhookProbe probe;

  private static StoreProbes stores;
  private static HikariDataSource postgres;

  @Provide
  Arbitrary<String> stores() {
    return Arbitraries.of("memory", "h2", "postgres");
  }

  /** Notifications in the documented shape: a comment, the page's own, an edit, a deletion,
   * a like and a reshare. */
  private static final List<String> DOCUMENTED = List.of(
      comment("COMMENT", "urn:li:person:vGvKjdnbpT", "7094977717598625792"),
      comment("ADMIN_COMMENT", "urn:li:organization:" + ORG, "7094977564829528064"),
      """
      {"action":"COMMENT_EDIT","notificationId":5603453399,"lastModifiedAt":1691574606310,
       "organizationalEntity":"urn:li:organization:2414183",
       "sourcePost":"urn:li:activity:7094637247890620418",
       "generatedActivity":"urn:li:comment:(activity:7094637247890620418,7094977717598625792)",
       "decoratedGeneratedActivity":{"comment":{"owner":"urn:li:person:vGvKjdnbpT",
         "text":"Aangepast","object":"urn:li:activity:7094637247890620418"}}}""",
      """
      {"action":"COMMENT_DELETE","notificationId":5603453400,"lastModifiedAt":1691574706310,
       "organizationalEntity":"urn:li:organization:2414183",
       "sourcePost":"urn:li:activity:7094637247890620418",
       "generatedActivity":"urn:li:comment:(activity:7094637247890620418,7094977717598625792)"}""",
      """
      {"action":"LIKE","notificationId":-1266172823,"lastModifiedAt":1691574806310,
       "organizationalEntity":"urn:li:organization:2414183",
       "sourcePost":"urn:li:share:7094637247487995904","actor":"urn:li:person:vGvKjdnbpT"}""",
      """
      {"action":"SHARE","notificationId":5603453402,"lastModifiedAt":1691574906310,
       "organizationalEntity":"urn:li:organization:2414183",
       "sourcePost":"urn:li:share:7094637247487995904",
       "generatedActivity":"urn:li:activity:7094637247899999999",
       "decoratedGeneratedActivity":{"share":{"owner":"urn:li:person:vGvKjdnbpT",
         "entity":"urn:li:share:7094637247899999998","text":"Gedeeld"}}}""");

  private final LinkedInPayloadParser parser =
      new LinkedInPayloadParser(ChannelId.of("li"), LinkedInUrn.organization(ORG));

  private static String comment(String action, String owner, String commentId) {
    String urn = "urn:li:comment:(urn:li:activity:7094637247890620418," + commentId + ")";
    return "{\"action\":\"" + action + "\",\"notificationId\":" + Long.parseLong(commentId.substring(10))
        + ",\"lastModifiedAt\":1691574506310,\"organizationalEntity\":\"urn:li:organization:"
        + ORG + "\",\"sourcePost\":\"urn:li:activity:7094637247890620418\","
        + "\"generatedActivity\":\"" + urn.replace("(urn:li:activity:", "(activity:") + "\","
        + "\"decoratedGeneratedActivity\":{\"comment\":{\"owner\":\"" + owner + "\","
        + "\"text\":\"Wanneer gaat de weg weer open?\",\"entity\":\"" + urn + "\","
        + "\"object\":\"urn:li:activity:7094637247890620418\"}}}";
  }

  @BeforeContainer
  static void startProbe() {
    postgres = Postgres.pool(Postgres.newDatabase(), 4);
    stores = StoreProbes.start(() -> LinkedInChannel.builder(ChannelId.of("linkedin"))
            .organizationId(ORG).tokens(OAuthTokens.of(Secret.of("t"))).clientId("c")
            .clientSecret(CLIENT_SECRET).build(),
        body -> WebhookRequest.builder("POST", "/webhooks/linkedin")
            .header(LinkedInChannel.SIGNATURE_HEADER, "hmacsha256=" + SIGNATURE.sign(body))
            .body(body).build(), postgres);
    probe = stores.get("memory");
  }

  @AfterContainer
  static void stopProbe() {
    stores.close();
    postgres.close();
  }

  private static String goodComment(long commentId) {
    return comment("COMMENT", "urn:li:person:vGvKjdnbpT", String.valueOf(commentId));
  }

  private static String delivery(String... notifications) {
    return "{\"type\":\"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS\",\"notifications\":["
        + String.join(",", notifications) + "]}";
  }

  private void parseTyped(byte[] body) {
    try {
      parser.parseNotifications(body);
    } catch (MalformedPayloadException expected) {
      // the only exception allowed: not a notifications envelope
    }
  }

  @Provide
  Arbitrary<String> documented() {
    return Arbitraries.of(DOCUMENTED);
  }

  @Property(tries = 1500)
  void aMutatedNotificationNeverCostsTheWellFormedOnesBesideIt(
      @ForAll("documented") String notification,
      @ForAll @IntRange(min = 0, max = 100_000) int place, @ForAll Mutation mutation,
      @ForAll("stores") String store) {
    PayloadMutations item = PayloadMutations.of(notification);
    String broken = item.mutate(place % item.places(), mutation);
    long a = 7_200_000_000_000_000_000L + IDS.incrementAndGet();
    long b = 7_200_000_000_000_000_000L + IDS.incrementAndGet();
    String body = delivery(goodComment(a), broken, goodComment(b));

    parseTyped(body.getBytes(StandardCharsets.UTF_8));
    WebhookProbe.Delivery d = stores.get(store).deliver(body);
    String where = mutation + " at " + item.pointer(place % item.places()) + " on " + store;
    assertEquals(200, d.status(), d.answer() + " after " + where);
    assertTrue(d.platformIds().containsAll(List.of(
        "urn:li:comment:(urn:li:activity:7094637247890620418," + a + ")",
        "urn:li:comment:(urn:li:activity:7094637247890620418," + b + ")")),
        d.platformIds() + " after " + where);
  }

  @Property(tries = 600)
  void aMutatedWholeDeliveryIsAnswered200Or400AndNeverAnythingElse(
      @ForAll("documented") String notification,
      @ForAll @IntRange(min = 0, max = 100_000) int place, @ForAll Mutation mutation) {
    PayloadMutations whole = PayloadMutations.of(delivery(notification));
    String body = whole.mutate(place % whole.places(), mutation);
    parseTyped(body.getBytes(StandardCharsets.UTF_8));
    int status = probe.deliver(body).status();
    assertTrue(status == 200 || status == 400, status + " after " + mutation + " at "
        + whole.pointer(place % whole.places()));
  }

  @Provide
  Arbitrary<String> codes() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300),
        Arbitraries.strings().withChars("abcdef0123456789-").ofMinLength(1).ofMaxLength(60),
        Arbitraries.of(DOCUMENTED).map(LinkedInWebhookProperties::delivery),
        Arbitraries.of("", "890e4665-4dfe-4ab1-b689-ed553bceeed0", "{\"a\":\"\u0001\"}",
            "890e4665-4dfe-4ab1-b689-ed553bceeed0\"}"));
  }

  /** A challenge answer is the key's HMAC of the code: it must never sign a body we would take. */
  @Property(tries = 500)
  void noChallengeAnswerIsTheSignatureOfADeliveryThePipelineAccepts(
      @ForAll("codes") String code) {
    var answer = probe.handle(WebhookRequest.builder("GET", "/webhooks/linkedin")
        .queryParameter("challengeCode", code).build());
    if (answer.status() != 200) {
      assertEquals(400, answer.status());
      return;
    }
    String signature;
    try {
      com.fasterxml.jackson.databind.JsonNode json =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.bodyText());
      assertEquals(code, json.path("challengeCode").asText(), "the answer echoes the code");
      signature = json.path("challengeResponse").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError("the challenge answer is not JSON: " + answer.bodyText(), e);
    }
    for (String header : List.of(signature, "hmacsha256=" + signature)) {
      var forged = probe.handle(WebhookRequest.builder("POST", "/webhooks/linkedin")
          .header(LinkedInChannel.SIGNATURE_HEADER, header)
          .body(code.getBytes(StandardCharsets.UTF_8)).build());
      assertTrue(forged.status() != 200, "a challenge answer signed a body we took: " + code);
    }
  }

  @Property(tries = 200)
  void arbitraryBytesAreAnswered200Or400(@ForAll byte[] body) {
    parseTyped(body);
    int status = probe.deliver(body).status();
    assertTrue(status == 200 || status == 400, "status " + status);
  }
}
