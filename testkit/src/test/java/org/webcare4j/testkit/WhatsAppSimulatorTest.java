package org.webcare4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.webhook.HmacSignature;
import org.webcare4j.core.webhook.WebhookRequest;

/** The simulator takes the documented request shapes and answers as the Cloud API does. */
class WhatsAppSimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WhatsAppSimulator sim = WhatsAppSimulator.builder().throughput(2).build();
  private final OkHttpClient http = new OkHttpClient();

  @AfterEach
  void close() {
    sim.close();
  }

  private JsonNode post(String body, String token, int expectedStatus) throws IOException {
    Request request = new Request.Builder()
        .url(sim.baseUrl() + "v21.0/" + sim.phoneNumberId() + "/messages")
        .header("Authorization", "Bearer " + token)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    try (Response r = http.newCall(request).execute()) {
      assertEquals(expectedStatus, r.code());
      return JSON.readTree(r.body().string());
    }
  }

  @Test
  void answersTheDocumentedShapes() throws Exception {
    String token = sim.accessToken().reveal();
    sim.inboundText("16505551234", "Jan", "Hallo");
    // the request of Meta's "send a text message" reference
    JsonNode ok = post("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
        + "\"to\":\"16505551234\",\"type\":\"text\",\"text\":{\"preview_url\":false,"
        + "\"body\":\"Hallo\"}}", token, 200);
    assertEquals("whatsapp", ok.path("messaging_product").asText());
    assertEquals("16505551234", ok.path("contacts").get(0).path("wa_id").asText());
    assertTrue(ok.path("messages").get(0).path("id").asText().startsWith("wamid."));

    JsonNode noToken = post("{}", "wrong", 401);
    assertEquals(190, noToken.path("error").path("code").asInt());
    assertTrue(noToken.path("error").has("fbtrace_id"));
    assertEquals(100, post("{\"to\":\"16505551234\"}", token, 400)
        .path("error").path("code").asInt());
    assertEquals(131047, post("{\"messaging_product\":\"whatsapp\",\"to\":\"31699999999\","
        + "\"type\":\"text\",\"text\":{\"body\":\"Hoi\"}}", token, 400)
        .path("error").path("code").asInt(), "no open window with someone who never wrote");
    assertEquals(132001, post("{\"messaging_product\":\"whatsapp\",\"to\":\"31699999999\","
        + "\"type\":\"template\",\"template\":{\"name\":\"nope\",\"language\":{\"code\":\"nl\"}}}",
        token, 404).path("error").path("code").asInt());
  }

  @Test
  void refusesBeyondItsThroughputWith130429() throws Exception {
    String token = sim.accessToken().reveal();
    sim.inboundText("16505551234", "Jan", "Hallo");
    String text = "{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"text\","
        + "\"text\":{\"body\":\"Hoi\"}}";
    post(text, token, 200);
    post(text, token, 200);
    JsonNode refused = post(text, token, 400);
    assertEquals(130429, refused.path("error").path("code").asInt());
    assertEquals(1, sim.rateLimitedAnswers());
  }

  @Test
  void signsItsWebhooksWithTheAppSecret() {
    WebhookRequest r = sim.inboundText("16505551234", "Jan", "Hallo");
    HmacSignature.sha256(Secret.of("simulated-app-secret"), HmacSignature.Encoding.HEX, "sha256=")
        .verify(r.body(), r.header("X-Hub-Signature-256"), "X-Hub-Signature-256");
    assertTrue(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)
        .contains("\"object\":\"whatsapp_business_account\""));
  }
}
