package org.webcare4j.whatsapp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.MalformedPayloadException;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.event.ReactionReceived;
import org.webcare4j.core.graph.GraphJson;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.DeliveryFailure;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Participant;

/**
 * Reads the Cloud API's {@code whatsapp_business_account} webhook payloads into events: every
 * entry and every change, messages of every type, reactions, and status updates. A message type
 * this parser does not know still becomes a message (with an {@code OTHER} attachment naming the
 * type), so nothing an inwoner sent is lost.
 */
public final class WhatsAppPayloadParser {
  private static final Logger log = LoggerFactory.getLogger(WhatsAppPayloadParser.class);

  private final ChannelId channel;
  private final String phoneNumberId;

  /**
   * Creates a parser for one business phone number.
   *
   * @param channel the channel events are attributed to
   * @param phoneNumberId the Cloud API phone number id the channel stands for
   */
  public WhatsAppPayloadParser(ChannelId channel, String phoneNumberId) {
    this.channel = channel;
    this.phoneNumberId = phoneNumberId;
  }

  /**
   * Parses a verified webhook body.
   *
   * @param body the raw body
   * @return the events in payload order
   * @throws MalformedPayloadException when the body is not a WhatsApp payload
   */
  public List<InboundEvent> parse(byte[] body) {
    JsonNode root = GraphJson.object(body);
    String object = root.path("object").asText("");
    if (!object.equals("whatsapp_business_account")) {
      if (object.isEmpty()) {
        throw new MalformedPayloadException("missing object");
      }
      log.warn("{}: webhook for object '{}' ignored; only whatsapp_business_account is expected",
          channel, object);
      return List.of();
    }
    List<JsonNode> entries = GraphJson.requiredArray(root, "entry", "body");
    List<InboundEvent> events = new ArrayList<>();
    for (int e = 0; e < entries.size(); e++) {
      List<JsonNode> changes =
          GraphJson.requiredArray(entries.get(e), "changes", "entry[" + e + "]");
      for (int c = 0; c < changes.size(); c++) {
        JsonNode change = changes.get(c);
        String where = "entry[" + e + "].changes[" + c + "]";
        String field = change.path("field").asText("");
        if (!field.equals("messages")) {
          log.debug("{}: change field '{}' ignored", channel, field);
          continue;
        }
        parseMessagesValue(change.path("value"), where + ".value", events);
      }
    }
    return events;
  }

  private void parseMessagesValue(JsonNode value, String where, List<InboundEvent> out) {
    if (!value.isObject()) {
      throw new MalformedPayloadException("missing " + where);
    }
    String number = value.path("metadata").path("phone_number_id").asText("");
    if (!number.equals(phoneNumberId)) {
      log.warn("{}: webhook for phone number id {} ignored; this channel is {}",
          channel, number.isEmpty() ? "(none)" : number, phoneNumberId);
      return;
    }
    Map<String, String> names = new HashMap<>();
    for (JsonNode contact : GraphJson.array(value, "contacts", where)) {
      GraphJson.optionalText(contact, "wa_id").ifPresent(waId ->
          names.put(waId, GraphJson.optionalText(contact.path("profile"), "name").orElse("")));
    }
    List<JsonNode> messages = GraphJson.array(value, "messages", where);
    for (int i = 0; i < messages.size(); i++) {
      parseMessage(messages.get(i), where + ".messages[" + i + "]", names).ifPresent(out::add);
    }
    List<JsonNode> statuses = GraphJson.array(value, "statuses", where);
    for (int i = 0; i < statuses.size(); i++) {
      parseStatus(statuses.get(i), where + ".statuses[" + i + "]").ifPresent(out::add);
    }
  }

  private Optional<InboundEvent> parseMessage(JsonNode m, String where,
      Map<String, String> names) {
    String from = GraphJson.text(m, "from", where);
    String id = GraphJson.text(m, "id", where);
    Instant at = GraphJson.epochSeconds(m, "timestamp", where);
    String type = m.path("type").asText("unknown");
    Participant sender = Participant.inwoner(from, names.getOrDefault(from, ""));
    Optional<String> replyTo = GraphJson.optionalText(m.path("context"), "id");

    String text = "";
    List<Attachment> attachments = new ArrayList<>();
    switch (type) {
      case "text" -> text = m.path("text").path("body").asText("");
      case "image", "video", "audio", "document", "sticker" -> {
        JsonNode media = m.path(type);
        Attachment.Builder a = Attachment.builder(kindOf(type));
        GraphJson.optionalText(media, "id").ifPresent(a::mediaId);
        GraphJson.optionalText(media, "mime_type").ifPresent(a::mimeType);
        GraphJson.optionalText(media, "filename").ifPresent(a::fileName);
        GraphJson.optionalText(media, "caption").ifPresent(a::caption);
        GraphJson.optionalText(media, "sha256").ifPresent(s -> a.property("sha256", s));
        if (media.path("voice").asBoolean(false)) {
          a.property("voice", "true");
        }
        if (media.path("animated").asBoolean(false)) {
          a.property("animated", "true");
        }
        attachments.add(a.build());
        text = GraphJson.optionalText(media, "caption").orElse("");
      }
      case "location" -> {
        JsonNode loc = m.path("location");
        if (!loc.path("latitude").isNumber() || !loc.path("longitude").isNumber()) {
          throw new MalformedPayloadException(where + ".location lacks latitude/longitude");
        }
        attachments.add(Attachment.builder(AttachmentKind.LOCATION)
            .property("latitude", loc.path("latitude").asText())
            .property("longitude", loc.path("longitude").asText())
            .property("name", GraphJson.optionalText(loc, "name").orElse(null))
            .property("address", GraphJson.optionalText(loc, "address").orElse(null))
            .property("url", GraphJson.optionalText(loc, "url").orElse(null))
            .build());
      }
      case "contacts" -> {
        for (JsonNode card : GraphJson.array(m, "contacts", where)) {
          Attachment.Builder a = Attachment.builder(AttachmentKind.CONTACT)
              .property("name", GraphJson.optionalText(card.path("name"), "formatted_name")
                  .orElse(null));
          int n = 0;
          for (JsonNode phone : GraphJson.array(card, "phones", where + ".contacts")) {
            a.property("phone" + (n == 0 ? "" : "." + n),
                GraphJson.optionalText(phone, "phone").orElse(null));
            n++;
          }
          int k = 0;
          for (JsonNode email : GraphJson.array(card, "emails", where + ".contacts")) {
            a.property("email" + (k == 0 ? "" : "." + k),
                GraphJson.optionalText(email, "email").orElse(null));
            k++;
          }
          attachments.add(a.build());
        }
      }
      case "interactive" -> {
        JsonNode interactive = m.path("interactive");
        String kind = interactive.path("type").asText("");
        JsonNode reply = interactive.path(kind);
        text = GraphJson.optionalText(reply, "title").orElse("");
        if (text.isEmpty()) {
          // nfm_reply (Flows) and other kinds carry their answer elsewhere; keep it readable
          text = GraphJson.optionalText(reply, "body").orElse("");
        }
      }
      case "button" -> text = m.path("button").path("text").asText("");
      case "reaction" -> {
        JsonNode reaction = m.path("reaction");
        String target = GraphJson.text(reaction, "message_id", where + ".reaction");
        return Optional.of(new ReactionReceived(channel, id, target, sender,
            GraphJson.optionalText(reaction, "emoji"), at));
      }
      case "system" -> {
        log.info("{}: system message {} ({}) not filed as a conversation message", channel, id,
            m.path("system").path("type").asText("unknown"));
        return Optional.empty();
      }
      default -> attachments.add(Attachment.builder(AttachmentKind.OTHER)
          .property("type", type)
          .property("error", GraphJson.optionalText(m.path("errors").path(0), "title")
              .orElse(null))
          .build());
    }
    return Optional.of(new MessageReceived(channel, id, from, sender, text, attachments, replyTo,
        Optional.empty(), at));
  }

  private static AttachmentKind kindOf(String type) {
    return switch (type) {
      case "image" -> AttachmentKind.IMAGE;
      case "video" -> AttachmentKind.VIDEO;
      case "audio" -> AttachmentKind.AUDIO;
      case "document" -> AttachmentKind.DOCUMENT;
      case "sticker" -> AttachmentKind.STICKER;
      default -> AttachmentKind.OTHER;
    };
  }

  private Optional<InboundEvent> parseStatus(JsonNode s, String where) {
    String id = GraphJson.text(s, "id", where);
    Instant at = GraphJson.epochSeconds(s, "timestamp", where);
    String status = s.path("status").asText("").toLowerCase(Locale.ROOT);
    switch (status) {
      case "sent":
        return Optional.of(new DeliveryStatusChanged(channel, id, DeliveryStatus.SENT,
            Optional.empty(), at));
      case "delivered":
        return Optional.of(new DeliveryStatusChanged(channel, id, DeliveryStatus.DELIVERED,
            Optional.empty(), at));
      case "read":
        return Optional.of(new DeliveryStatusChanged(channel, id, DeliveryStatus.READ,
            Optional.empty(), at));
      case "failed":
        JsonNode error = s.path("errors").path(0);
        String code = GraphJson.optionalText(error, "code").orElse("unknown");
        String reason = GraphJson.optionalText(error.path("error_data"), "details")
            .or(() -> GraphJson.optionalText(error, "message"))
            .or(() -> GraphJson.optionalText(error, "title"))
            .orElse("failed without a reason");
        return Optional.of(new DeliveryStatusChanged(channel, id, DeliveryStatus.FAILED,
            Optional.of(new DeliveryFailure(code, reason)), at));
      default:
        log.debug("{}: status '{}' for {} ignored", channel, status, id);
        return Optional.empty();
    }
  }
}
