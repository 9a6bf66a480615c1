package org.webcare4j.meta.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.event.CommentDeleted;
import org.webcare4j.core.event.CommentEdited;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.event.ReactionReceived;
import org.webcare4j.core.json.PayloadJson;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Participant;

/**
 * The {@code messaging} items Messenger and Instagram direct messages share: messages (and the
 * account's own echoes), edits, unsends, reactions, postbacks (a tapped button or ice breaker),
 * deliveries and reads. Field names follow Meta's Messenger Platform webhook reference
 * ({@code messages}, {@code message_echoes}, {@code message_edits}, {@code message_reactions},
 * {@code messaging_postbacks}, {@code message_deliveries}, {@code message_reads}) and Instagram
 * Messaging's ({@code messaging_seen} with {@code read.mid}, {@code is_deleted}, {@code
 * is_unsupported}).
 */
final class DirectMessages {
  private DirectMessages() {}

  /**
   * Reads one {@code messaging} item into the batch.
   *
   * @param channel the channel
   * @param accountId the page's or Instagram account's id
   * @param threadPrefix the thread-id prefix of its direct conversations
   * @param m the item
   * @param entryTime the entry's time, for items without a timestamp of their own
   * @param batch where the events go
   * @throws MalformedPayloadException when the item lacks what identifies it
   */
  static void parse(ChannelId channel, String accountId, String threadPrefix, JsonNode m,
      Instant entryTime, InboundBatch.Builder batch) {
    String sender = m.path("sender").path("id").asText("");
    String recipient = m.path("recipient").path("id").asText("");
    Instant at = millis(m.path("timestamp")).orElse(entryTime);
    if (m.has("message")) {
      message(channel, accountId, threadPrefix, m.get("message"), sender, recipient, at, batch);
    } else if (m.has("message_edit")) {
      JsonNode edit = m.get("message_edit");
      batch.add(new CommentEdited(channel, PayloadJson.text(edit, "mid", "a message_edit"),
          edit.path("text").asText(""), at));
    } else if (m.has("reaction")) {
      JsonNode reaction = m.get("reaction");
      String target = PayloadJson.text(reaction, "mid", "a reaction");
      String action = reaction.path("action").asText("react");
      Optional<String> emoji = action.equals("unreact") ? Optional.empty()
          : PayloadJson.optionalText(reaction, "emoji")
              .or(() -> PayloadJson.optionalText(reaction, "reaction"));
      // A reaction has no id of its own: who, on what, when and which way names it.
      String id = "reaction:" + target + ":" + require(sender, "a reaction's sender") + ":"
          + at.toEpochMilli() + ":" + action;
      batch.add(new ReactionReceived(channel, id, target, Participant.inwoner(sender, ""),
          emoji, at));
    } else if (m.has("postback")) {
      JsonNode postback = m.get("postback");
      String user = require(sender, "a postback's sender");
      // A tapped button or ice breaker: what the inwoner chose is its title.
      String id = PayloadJson.optionalText(postback, "mid")
          .orElse("postback:" + user + ":" + at.toEpochMilli());
      List<Attachment> attachments = new ArrayList<>();
      PayloadJson.optionalText(postback, "payload").ifPresent(p -> attachments.add(
          Attachment.builder(AttachmentKind.OTHER).property("type", "postback")
              .property("payload", p).build()));
      batch.add(new MessageReceived(channel, id, threadPrefix + user,
          Participant.inwoner(user, ""),
          PayloadJson.optionalText(postback, "title").orElse(""), attachments, Optional.empty(),
          Optional.empty(), at));
    } else if (m.has("delivery")) {
      JsonNode delivery = m.get("delivery");
      Instant when = millis(m.path("timestamp"))
          .or(() -> millis(delivery.path("watermark"))).orElse(entryTime);
      for (JsonNode mid : PayloadJson.array(delivery, "mids", "a delivery")) {
        if (mid.isTextual() && !mid.asText().isBlank()) {
          batch.add(new DeliveryStatusChanged(channel, mid.asText(), DeliveryStatus.DELIVERED,
              Optional.empty(), when));
        }
      }
    } else if (m.has("read")) {
      // Instagram names the message read; Messenger only a watermark, which names none.
      PayloadJson.optionalText(m.get("read"), "mid").ifPresent(mid -> batch.add(
          new DeliveryStatusChanged(channel, mid, DeliveryStatus.READ, Optional.empty(), at)));
    }
  }

  private static void message(ChannelId channel, String accountId, String threadPrefix,
      JsonNode msg, String sender, String recipient, Instant at, InboundBatch.Builder batch) {
    String mid = PayloadJson.text(msg, "mid", "a direct message");
    if (msg.path("is_deleted").asBoolean(false)) {
      // The inwoner unsent it: the stored message is marked deleted, no empty one is added.
      batch.add(new CommentDeleted(channel, mid, at));
      return;
    }
    boolean echo = msg.path("is_echo").asBoolean(false) || (!sender.isBlank()
        && sender.equals(accountId));
    String user = require(echo ? recipient : sender, "a direct message's sender or recipient");
    Participant author = echo ? Participant.organisation(accountId, "")
        : Participant.inwoner(sender, "");
    List<Attachment> attachments = new ArrayList<>();
    for (JsonNode a : PayloadJson.array(msg, "attachments", "a direct message")) {
      attachments.add(attachment(a));
    }
    if (msg.path("is_unsupported").asBoolean(false)) {
      attachments.add(Attachment.builder(AttachmentKind.OTHER).property("type", "unsupported")
          .build());
    }
    PayloadJson.optionalText(msg.path("quick_reply"), "payload").ifPresent(p -> attachments.add(
        Attachment.builder(AttachmentKind.OTHER).property("type", "quick_reply")
            .property("payload", p).build()));
    Optional<String> replyTo = PayloadJson.optionalText(msg.path("reply_to"), "mid");
    batch.add(new MessageReceived(channel, mid, threadPrefix + user, author,
        msg.path("text").asText(""), attachments, replyTo, Optional.empty(), at));
  }

  private static Attachment attachment(JsonNode a) {
    String type = a.path("type").asText("");
    JsonNode payload = a.path("payload");
    Attachment.Builder b = Attachment.builder(switch (type) {
      case "image" -> AttachmentKind.IMAGE;
      case "video", "reel", "ig_reel" -> AttachmentKind.VIDEO;
      case "audio" -> AttachmentKind.AUDIO;
      case "file" -> AttachmentKind.DOCUMENT;
      case "location" -> AttachmentKind.LOCATION;
      case "fallback", "share" -> AttachmentKind.LINK;
      default -> AttachmentKind.OTHER;
    });
    if (payload.isObject()) {
      PayloadJson.optionalText(payload, "url").ifPresent(b::url);
      PayloadJson.optionalText(payload, "sticker_id").ifPresent(id -> b.property("sticker_id", id));
      PayloadJson.optionalText(payload, "title").ifPresent(t -> b.property("title", t));
      JsonNode coordinates = payload.path("coordinates");
      if (coordinates.path("lat").isNumber() && coordinates.path("long").isNumber()) {
        b.property("latitude", coordinates.path("lat").asText())
            .property("longitude", coordinates.path("long").asText());
      }
    }
    // legacy fallback attachments carry title and url on the attachment itself
    if (!payload.isObject() || !payload.has("url")) {
      PayloadJson.optionalText(a, "url").ifPresent(b::url);
    }
    PayloadJson.optionalText(a, "title").ifPresent(t -> b.property("title", t));
    if (b.build().kind() == AttachmentKind.OTHER) {
      b.property("type", type.isEmpty() ? "unknown" : type);
    }
    return b.build();
  }

  private static String require(String id, String what) {
    if (id.isBlank()) {
      throw new MalformedPayloadException(what + " is missing");
    }
    return id;
  }

  /** A millisecond timestamp given as a number or a numeric string. */
  static Optional<Instant> millis(JsonNode node) {
    if (node.isIntegralNumber() || (node.isTextual() && node.asText().matches("[0-9]{1,16}"))) {
      long ms = node.asLong();
      if (ms > 0 && ms < 253_402_300_799_000L) {
        return Optional.of(Instant.ofEpochMilli(ms));
      }
    }
    return Optional.empty();
  }

  /** An entry's {@code time}: seconds on most fields, milliseconds on some Instagram ones. */
  static Instant entryTime(JsonNode entry, Instant receivedAt) {
    JsonNode time = entry.path("time");
    if (!time.isIntegralNumber() && !(time.isTextual() && time.asText().matches("[0-9]{1,16}"))) {
      return receivedAt;
    }
    long value = time.asLong();
    if (value <= 0) {
      return receivedAt;
    }
    return value > 100_000_000_000L ? millis(time).orElse(receivedAt)
        : Instant.ofEpochSecond(value);
  }
}
