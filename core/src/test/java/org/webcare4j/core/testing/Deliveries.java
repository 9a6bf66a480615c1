package org.webcare4j.core.testing;

import java.nio.charset.StandardCharsets;
import org.webcare4j.core.webhook.WebhookRequest;

/** Builds webhook requests for {@link TestChannel}. */
public final class Deliveries {
  private Deliveries() {}

  public static String message(String id, String thread, String text, long ts) {
    return "{\"type\":\"message\",\"id\":\"" + id + "\",\"thread\":\"" + thread
        + "\",\"from\":\"" + thread + "\",\"name\":\"Jan de Vries\",\"text\":\"" + text
        + "\",\"ts\":" + ts + "}";
  }

  public static String body(String... events) {
    return "{\"events\":[" + String.join(",", events) + "]}";
  }

  public static WebhookRequest signed(TestChannel channel, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return WebhookRequest.builder("POST", "/webhooks/" + channel.id().value())
        .header(TestChannel.SIGNATURE_HEADER, channel.sign(bytes))
        .header("Content-Type", "application/json")
        .body(bytes)
        .build();
  }
}
