package org.webcare4j.meta.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.webcare4j.core.MalformedPayloadException;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.graph.GraphJson;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Participant;

/** The {@code messaging} items Messenger and Instagram direct messages share. */
final class DirectMessages {
  private DirectMessages() {}

  /**
   * Reads one {@code messaging} item: a message (or the account's own echo) in the thread of the
   * user it is with, or a delivery of the account's messages.
   *
   * @param channel the channel
   * @param accountId the page's or Instagram account's id
   * @param threadPrefix the thread-id prefix of its direct conversations
   * @param m the item
   * @param events where the events go
   */
  static void parse(ChannelId channel, String accountId, String threadPrefix, JsonNode m,
      List<InboundEvent> events) {
    String sender = m.path("sender").path("id").asText("");
    String recipient = m.path("recipient").path("id").asText("");
    Instant at = Instant.ofEpochMilli(m.path("timestamp").asLong(System.currentTimeMillis()));
    if (m.has("message")) {
      JsonNode msg = m.get("message");
      String mid = GraphJson.text(msg, "mid", "a direct message");
      boolean echo = msg.path("is_echo").asBoolean(false);
      String user = echo ? recipient : sender;
      if (user.isBlank()) {
        throw new MalformedPayloadException("a direct message without sender or recipient");
      }
      Participant author = echo ? Participant.organisation(accountId, "")
          : Participant.inwoner(sender, "");
      List<Attachment> attachments = new ArrayList<>();
      for (JsonNode a : GraphJson.array(msg, "attachments", "a direct message")) {
        AttachmentKind kind = switch (a.path("type").asText("")) {
          case "image" -> AttachmentKind.IMAGE;
          case "video" -> AttachmentKind.VIDEO;
          case "audio" -> AttachmentKind.AUDIO;
          case "location" -> AttachmentKind.LOCATION;
          default -> AttachmentKind.DOCUMENT;
        };
        Attachment.Builder b = Attachment.builder(kind);
        GraphJson.optionalText(a.path("payload"), "url").ifPresent(b::url);
        attachments.add(b.build());
      }
      Optional<String> replyTo = GraphJson.optionalText(msg.path("reply_to"), "mid");
      events.add(new MessageReceived(channel, mid, threadPrefix + user, author,
          msg.path("text").asText(""), attachments, replyTo, Optional.empty(), at));
    } else if (m.has("delivery")) {
      for (JsonNode mid : GraphJson.array(m.get("delivery"), "mids", "a delivery")) {
        events.add(new DeliveryStatusChanged(channel, mid.asText(), DeliveryStatus.DELIVERED,
            Optional.empty(), at));
      }
    }
  }
}
