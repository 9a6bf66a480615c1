package org.webcare4j.whatsapp;

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
import org.webcare4j.testkit.PayloadMutations.Mutation;
import org.webcare4j.testkit.PayloadMutations;
import org.webcare4j.testkit.StoreProbes;
import org.webcare4j.testkit.WebhookProbe;
import org.webcare4j.whatsapp.internal.WhatsAppPayloadParser;

/**
 * Whatever a signed delivery holds, the channel answers 200 (or 400 for a body that is not a
 * WhatsApp envelope at all), the parser throws nothing but {@link MalformedPayloadException},
 * and a mutated item never costs the well-formed items of the same delivery.
 */
class WhatsAppPayloadParserProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NUMBER = "106540352242922";
  private static final Secret APP_SECRET = Secret.of("meta-app-secret");
  private static final List<String> FIXTURES = List.of("text.json", "image.json",
      "location.json", "contacts.json", "interactive-list-reply.json", "reaction.json",
      "status-failed.json", "batch-multi-entry.json", "unsupported.json", "button.json",
      "text-reply-with-context.json", "status-read.json", "audio.json", "sticker.json");
  private static final AtomicInteger IDS = new AtomicInteger();
  private static StoreProbes stores;
  private static HikariDataSource postgres;
  private static WebhookProbe probe;

  private final WhatsAppPayloadParser parser =
      new WhatsAppPayloadParser(ChannelId.of("whatsapp-main"), NUMBER);

  private static WebhookRequest signed(byte[] body) {
    return WebhookRequest.builder("POST", "/webhooks/whatsapp-main")
        .header(GraphWebhookVerifier.SIGNATURE_HEADER,
            new GraphWebhookVerifier(APP_SECRET, Secret.of("v")).sign(body)).body(body).build();
  }

  private static WhatsAppChannel channel() {
    return WhatsAppChannel.builder(ChannelId.of("whatsapp-main"))
        .phoneNumberId(NUMBER).appSecret(APP_SECRET).verifyToken(Secret.of("v")).build();
  }

  @BeforeContainer
  static void startProbe() {
    postgres = Postgres.pool(Postgres.newDatabase(), 4);
    stores = StoreProbes.start(WhatsAppPayloadParserProperties::channel,
        WhatsAppPayloadParserProperties::signed, postgres);
    probe = stores.get("memory");
  }

  @AfterContainer
  static void stopProbe() {
    stores.close();
    postgres.close();
  }

  @Provide
  Arbitrary<String> stores() {
    return Arbitraries.of(stores.names());
  }

  private static JsonNode tree(String fixture) {
    try {
      return JSON.readTree(Fixtures.bytes(fixture));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(String fixture) {
    return new String(Fixtures.bytes(fixture), StandardCharsets.UTF_8);
  }

  /** A well-formed inbound text whose id no other try uses. */
  private static String goodMessage(String id) {
    return "{\"from\":\"31612345678\",\"id\":\"" + id + "\",\"timestamp\":\"1749416383\","
        + "\"type\":\"text\",\"text\":{\"body\":\"Goed\"}}";
  }

  private static String value(String... messages) {
    return "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
        + "\"15550783881\",\"phone_number_id\":\"" + NUMBER + "\"},\"contacts\":[{\"profile\":"
        + "{\"name\":\"Jan\"},\"wa_id\":\"31612345678\"}],\"messages\":["
        + String.join(",", messages) + "]}";
  }

  private static String entry(String value) {
    return "{\"id\":\"102290129340398\",\"changes\":[{\"field\":\"messages\",\"value\":" + value
        + "}]}";
  }

  private static String delivery(String... entries) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[" + String.join(",", entries)
        + "]}";
  }

  private void parseTyped(byte[] body) {
    try {
      parser.parse(body);
    } catch (MalformedPayloadException expected) {
      // the only exception allowed: the body is not a WhatsApp envelope
    }
  }

  @Provide
  Arbitrary<String> fixtures() {
    return Arbitraries.of(FIXTURES);
  }

  @Property(tries = 1500)
  void aMutatedEntryNeverCostsTheWellFormedEntriesBesideIt(@ForAll("fixtures") String fixture,
      @ForAll @IntRange(min = 0, max = 100_000) int place, @ForAll Mutation mutation,
      @ForAll("stores") String store) {
    PayloadMutations entry = PayloadMutations.of(tree(fixture).path("entry").get(0).toString());
    String broken = entry.mutate(place % entry.places(), mutation);
    String a = "wamid.good.a" + IDS.incrementAndGet();
    String b = "wamid.good.b" + IDS.incrementAndGet();
    String body = delivery(entry(value(goodMessage(a))), broken, entry(value(goodMessage(b))));

    parseTyped(body.getBytes(StandardCharsets.UTF_8));
    WebhookProbe.Delivery d = stores.get(store).deliver(body);
    assertEquals(200, d.status(), d.answer() + " for " + entry.pointer(place % entry.places())
        + " on " + store);
    assertTrue(d.platformIds().containsAll(List.of(a, b)), d.platformIds() + " lacks " + a
        + " or " + b + " after " + mutation + " at " + entry.pointer(place % entry.places()));
  }

  @Property(tries = 700)
  void aMutatedMessageNeverCostsTheOthersInItsArray(@ForAll("fixtures") String fixture,
      @ForAll @IntRange(min = 0, max = 100_000) int place, @ForAll Mutation mutation) {
    JsonNode value = tree(fixture).path("entry").get(0).path("changes").get(0).path("value");
    JsonNode item = value.path("messages").isArray() ? value.path("messages").get(0)
        : value.path("statuses").get(0);
    PayloadMutations m = PayloadMutations.of(item.toString());
    String broken = m.mutate(place % m.places(), mutation);
    String a = "wamid.good.a" + IDS.incrementAndGet();
    String b = "wamid.good.b" + IDS.incrementAndGet();
    String body = delivery(entry(value(goodMessage(a), broken, goodMessage(b))));

    parseTyped(body.getBytes(StandardCharsets.UTF_8));
    WebhookProbe.Delivery d = probe.deliver(body);
    assertEquals(200, d.status(), d.answer());
    assertTrue(d.platformIds().containsAll(List.of(a, b)), d.platformIds() + " after "
        + mutation + " at " + m.pointer(place % m.places()));
  }

  @Property(tries = 500)
  void aMutatedWholeDeliveryIsAnswered200Or400AndNeverAnythingElse(
      @ForAll("fixtures") String fixture,
      @ForAll @IntRange(min = 0, max = 100_000) int place, @ForAll Mutation mutation) {
    PayloadMutations whole = PayloadMutations.of(text(fixture));
    String body = whole.mutate(place % whole.places(), mutation);
    parseTyped(body.getBytes(StandardCharsets.UTF_8));
    int status = probe.deliver(body).status();
    assertTrue(status == 200 || status == 400, status + " after " + mutation + " at "
        + whole.pointer(place % whole.places()));
  }

  @Property(tries = 300)
  void arbitraryBytesNeverEscapeAsAnotherException(@ForAll byte[] body) {
    parseTyped(body);
    int status = probe.deliver(body).status();
    assertTrue(status == 200 || status == 400, "status " + status);
  }

  @Property(tries = 300)
  void truncatedDocumentedPayloadsNeverEscapeAsAnotherException(
      @ForAll("fixtures") String fixture, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
    byte[] full = Fixtures.bytes(fixture);
    byte[] truncated = java.util.Arrays.copyOf(full, cut % full.length);
    parseTyped(truncated);
    int status = probe.deliver(truncated).status();
    assertTrue(status == 200 || status == 400, "status " + status);
  }
}
