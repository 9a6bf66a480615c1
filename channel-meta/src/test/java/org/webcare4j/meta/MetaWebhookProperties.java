package org.webcare4j.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.testing.Postgres;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.graph.GraphWebhookVerifier;
import org.webcare4j.meta.internal.InstagramPayloadParser;
import org.webcare4j.meta.internal.PagePayloadParser;
import org.webcare4j.testkit.PayloadMutations.Mutation;
import org.webcare4j.testkit.PayloadMutations;
import org.webcare4j.testkit.StoreProbes;
import org.webcare4j.testkit.WebhookProbe;

/**
 * Whatever a signed Page or Instagram delivery holds, the channel answers 200 (or 400 for a body
 * that is not the platform's envelope), the parsers throw nothing but {@link
 * MalformedPayloadException}, and a mutated entry or messaging item never costs the well-formed
 * ones of the same delivery.
 */
class MetaWebhookProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAGE = "104918587593826";
  private static final String IG = "17841405822304914";
  private static final Secret APP_SECRET = Secret.of("meta-app-secret");
  private static final GraphWebhookVerifier VERIFIER =
      new GraphWebhookVerifier(APP_SECRET, Secret.of("v"));
  private static final List<String> PAGE_FIXTURES = List.of("feed-comment-add.json",
      "feed-comment-edited.json", "feed-comment-hide.json", "feed-comment-remove.json",
      "feed-comment-reply.json", "feed-reaction.json", "messenger-echo-and-delivery.json",
      "messenger-message.json");
  private static final List<String> INSTAGRAM_FIXTURES = List.of("instagram-comment-reply.json",
      "instagram-comment.json", "instagram-mention.json", "instagram-message.json");
  private static final AtomicInteger IDS = new AtomicInteger();
  private static WebhookProbe page;
  private static WebhookProbe instagram;
  private static StoreProbes pageStores;
  private static StoreProbes instagramStores;
  private static HikariDataSource postgres;

  @Provide
  Arbitrary<String> stores() {
    return Arbitraries.of("memory", "h2", "postgres");
  }

  private final PagePayloadParser pageParser = new PagePayloadParser(ChannelId.of("p"), PAGE);
  private final InstagramPayloadParser igParser =
      new InstagramPayloadParser(ChannelId.of("i"), IG);

  private static WebhookRequest signed(String channel, byte[] body) {
    return WebhookRequest.builder("POST", "/webhooks/" + channel)
        .header(GraphWebhookVerifier.SIGNATURE_HEADER, VERIFIER.sign(body)).body(body).build();
  }

  @BeforeContainer
  static void startProbes() {
    postgres = Postgres.pool(Postgres.newDatabase(), 4);
    pageStores = StoreProbes.start(
        () -> FacebookPageChannel.builder(ChannelId.of("facebook-page"))
            .pageId(PAGE).appSecret(APP_SECRET).verifyToken(Secret.of("v"))
            .pageAccessToken(Secret.of("t")).build(), body -> signed("facebook-page", body),
        postgres);
    instagramStores = StoreProbes.start(
        () -> InstagramChannel.builder(ChannelId.of("instagram"))
            .accountId(IG).appSecret(APP_SECRET).verifyToken(Secret.of("v"))
            .accessToken(Secret.of("t")).build(), body -> signed("instagram", body), postgres);
    page = pageStores.get("memory");
    instagram = instagramStores.get("memory");
  }

  @AfterContainer
  static void stopProbes() {
    pageStores.close();
    instagramStores.close();
    postgres.close();
  }

  private static JsonNode tree(String fixture) {
    try {
      return JSON.readTree(PagePayloadParserTest.fixture(fixture));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A well-formed direct message from a user to the account. */
  private static String goodMessaging(String account, String user, String mid) {
    return "{\"sender\":{\"id\":\"" + user + "\"},\"recipient\":{\"id\":\"" + account + "\"},"
        + "\"timestamp\":1700000000000,\"message\":{\"mid\":\"" + mid + "\",\"text\":\"Goed\"}}";
  }

  private static String entry(String account, String... messaging) {
    return "{\"id\":\"" + account + "\",\"time\":1700000000,\"messaging\":["
        + String.join(",", messaging) + "]}";
  }

  private static String delivery(String object, String... entries) {
    return "{\"object\":\"" + object + "\",\"entry\":[" + String.join(",", entries) + "]}";
  }

  private void parseTyped(String object, byte[] body) {
    try {
      if (object.equals("page")) {
        pageParser.parse(body);
      } else {
        igParser.parse(body);
      }
    } catch (MalformedPayloadException expected) {
      // the only exception allowed: not the platform's envelope
    }
  }

  @Provide
  Arbitrary<String> fixtures() {
    List<String> all = new java.util.ArrayList<>();
    PAGE_FIXTURES.forEach(f -> all.add("page:" + f));
    INSTAGRAM_FIXTURES.forEach(f -> all.add("instagram:" + f));
    return Arbitraries.of(all);
  }

  private static WebhookProbe probe(String object) {
    return object.equals("page") ? page : instagram;
  }

  private static String account(String object) {
    return object.equals("page") ? PAGE : IG;
  }

  @Property(tries = 2000)
  void aMutatedEntryNeverCostsTheWellFormedEntriesBesideIt(@ForAll("fixtures") String which,
      @ForAll @IntRange(min = 0, max = 100_000) int place, @ForAll Mutation mutation,
      @ForAll("stores") String store) {
    String object = which.substring(0, which.indexOf(':'));
    String fixture = which.substring(which.indexOf(':') + 1);
    PayloadMutations entry = PayloadMutations.of(tree(fixture).path("entry").get(0).toString());
    String broken = entry.mutate(place % entry.places(), mutation);
    String a = "m_good_a" + IDS.incrementAndGet();
    String b = "m_good_b" + IDS.incrementAndGet();
    String account = account(object);
    String body = delivery(object, entry(account, goodMessaging(account, "5001", a)), broken,
        entry(account, goodMessaging(account, "5002", b)));

    parseTyped(object, body.getBytes(StandardCharsets.UTF_8));
    WebhookProbe.Delivery d = (object.equals("page") ? pageStores : instagramStores).get(store)
        .deliver(body);
    String where = mutation + " at " + entry.pointer(place % entry.places()) + " of " + which
        + " on " + store;
    assertEquals(200, d.status(), d.answer() + " after " + where);
    assertTrue(d.platformIds().containsAll(List.of(a, b)), d.platformIds() + " after " + where);
  }

  @Property(tries = 1200)
  void aMutatedMessagingItemNeverCostsTheOthersInItsEntry(
      @ForAll("objects") String object,
      @ForAll @IntRange(min = 0, max = 100_000) int place, @ForAll Mutation mutation) {
    String fixture = object.equals("page") ? "messenger-message.json" : "instagram-message.json";
    PayloadMutations item = PayloadMutations.of(
        tree(fixture).path("entry").get(0).path("messaging").get(0).toString());
    String broken = item.mutate(place % item.places(), mutation);
    String a = "m_good_a" + IDS.incrementAndGet();
    String b = "m_good_b" + IDS.incrementAndGet();
    String account = account(object);
    String body = delivery(object, entry(account, goodMessaging(account, "5001", a), broken,
        goodMessaging(account, "5002", b)));

    parseTyped(object, body.getBytes(StandardCharsets.UTF_8));
    WebhookProbe.Delivery d = probe(object).deliver(body);
    String where = mutation + " at " + item.pointer(place % item.places());
    assertEquals(200, d.status(), d.answer() + " after " + where);
    assertTrue(d.platformIds().containsAll(List.of(a, b)), d.platformIds() + " after " + where);
  }

  @Provide
  Arbitrary<String> objects() {
    return Arbitraries.of("page", "instagram");
  }

  @Property(tries = 600)
  void aMutatedWholeDeliveryIsAnswered200Or400AndNeverAnythingElse(
      @ForAll("fixtures") String which,
      @ForAll @IntRange(min = 0, max = 100_000) int place, @ForAll Mutation mutation) {
    String object = which.substring(0, which.indexOf(':'));
    String fixture = which.substring(which.indexOf(':') + 1);
    PayloadMutations whole = PayloadMutations.of(new String(PagePayloadParserTest
        .fixture(fixture), StandardCharsets.UTF_8));
    String body = whole.mutate(place % whole.places(), mutation);
    parseTyped(object, body.getBytes(StandardCharsets.UTF_8));
    int status = probe(object).deliver(body).status();
    assertTrue(status == 200 || status == 400, status + " after " + mutation + " at "
        + whole.pointer(place % whole.places()));
  }

  @Property(tries = 200)
  void arbitraryBytesAreAnswered200Or400(@ForAll("objects") String object,
      @ForAll byte[] body) {
    parseTyped(object, body);
    int status = probe(object).deliver(body).status();
    assertTrue(status == 200 || status == 400, "status " + status);
  }
}
