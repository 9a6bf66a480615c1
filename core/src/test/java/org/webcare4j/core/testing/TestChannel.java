package org.webcare4j.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.event.CommentDeleted;
import org.webcare4j.core.event.CommentEdited;
import org.webcare4j.core.event.CommentHidden;
import org.webcare4j.core.event.CommentReceived;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.DeliveryFailure;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.webhook.HmacSignature;
import org.webcare4j.core.webhook.WebhookEndpoint;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.core.webhook.WebhookResponse;

/**
 * A channel for core's own tests, shaped like the Meta platforms: a {@code hub.*} handshake,
 * {@code X-Signature: sha256=<hex>} over the raw body, and a small JSON format:
 *
 * <pre>{"events":[{"type":"message","id":"m1","thread":"t1","from":"31600000001",
 *   "name":"Jan","text":"Hallo","ts":1700000000}]}</pre>
 *
 * <p>Types: {@code message}, {@code comment} (with {@code post}), {@code echo} (a message from the
 * organisation), {@code status} (with {@code status} and optional {@code error}), {@code edit},
 * {@code hide}, {@code unhide}, {@code delete}. Anything else is skipped, as a real channel skips
 * event types it does not know.
 */
public class TestChannel implements Channel, WebhookEndpoint {
  public static final String SIGNATURE_HEADER = "X-Signature";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChannelId id;
  private final Secret verifyToken;
  private final HmacSignature signature;

  public TestChannel(String id, Secret appSecret, Secret verifyToken) {
    this.id = ChannelId.of(id);
    this.verifyToken = verifyToken;
    this.signature = HmacSignature.sha256(appSecret, HmacSignature.Encoding.HEX, "sha256=");
  }

  /** The signature a correctly configured platform would send for this body. */
  public String sign(byte[] body) {
    return signature.sign(body);
  }

  @Override
  public ChannelId id() {
    return id;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.WHATSAPP;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.PRIVATE_MESSAGES, Capability.PUBLIC_REPLIES);
  }

  @Override
  public ChannelLimits limits() {
    return ChannelLimits.of(4096, LengthCounter.utf16()).withReplyWindow(Duration.ofHours(24));
  }

  @Override
  public Optional<WebhookEndpoint> webhook() {
    return Optional.of(this);
  }

  @Override
  public Optional<WebhookResponse> handshake(WebhookRequest request) {
    if (!request.method().equals("GET")) {
      return Optional.empty();
    }
    Optional<String> mode = request.queryParameter("hub.mode");
    if (mode.isEmpty()) {
      return Optional.empty();
    }
    if (mode.get().equals("subscribe")
        && verifyToken.matches(request.queryParameter("hub.verify_token").orElse(null))) {
      return Optional.of(WebhookResponse.text(200,
          request.queryParameter("hub.challenge").orElse("")));
    }
    return Optional.of(WebhookResponse.text(403, "verify token does not match"));
  }

  @Override
  public void verify(WebhookRequest request) {
    signature.verify(request.body(), request.header(SIGNATURE_HEADER), SIGNATURE_HEADER);
  }

  @Override
  public InboundBatch parse(WebhookRequest request) {
    JsonNode root;
    try {
      root = JSON.readTree(request.body());
    } catch (IOException e) {
      throw new MalformedPayloadException("body is not JSON");
    }
    if (root == null || !root.path("events").isArray()) {
      throw new MalformedPayloadException("body has no events array");
    }
    InboundBatch.Builder events = InboundBatch.builder(id, Instant.now());
    int index = 0;
    for (JsonNode e : root.path("events")) {
      events.item("events[" + index++ + "]", e::toString, () -> read(e, events));
    }
    return events.build();
  }

  private void read(JsonNode e, InboundBatch.Builder events) {
    {
      Instant at = Instant.ofEpochSecond(e.path("ts").asLong(1_700_000_000L));
      String type = e.path("type").asText("");
      String pid = e.path("id").asText("");
      if (pid.isBlank() && !type.isEmpty()) {
        throw new MalformedPayloadException("event without id");
      }
      switch (type) {
        case "message" -> events.add(MessageReceived.text(id, pid, e.path("thread").asText(pid),
            Participant.inwoner(e.path("from").asText("unknown"), e.path("name").asText("")),
            e.path("text").asText(""), at));
        case "echo" -> events.add(MessageReceived.text(id, pid, e.path("thread").asText(pid),
            Participant.organisation("page-1", "Gemeente"), e.path("text").asText(""), at));
        case "comment" -> events.add(new CommentReceived(id, pid,
            e.path("thread").asText(pid), e.path("post").asText("post-1"),
            Optional.ofNullable(e.path("parent").textValue()),
            Participant.inwoner(e.path("from").asText("unknown"), e.path("name").asText("")),
            e.path("text").asText(""), List.of(), Optional.of("Post over de WOZ"), at));
        case "status" -> {
          DeliveryStatus status = DeliveryStatus.valueOf(e.path("status").asText().toUpperCase());
          Optional<DeliveryFailure> failure = status == DeliveryStatus.FAILED
              ? Optional.of(new DeliveryFailure(e.path("error").asText("0"), "failed"))
              : Optional.empty();
          events.add(new DeliveryStatusChanged(id, pid, status, failure, at));
        }
        case "edit" -> events.add(new CommentEdited(id, pid, e.path("text").asText(""), at));
        case "hide" -> events.add(new CommentHidden(id, pid, true, at));
        case "unhide" -> events.add(new CommentHidden(id, pid, false, at));
        case "delete" -> events.add(new CommentDeleted(id, pid, at));
        default -> {
          // unknown types are skipped, as the platform may add new ones at any time
        }
      }
    }
  }
}
