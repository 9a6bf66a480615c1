package org.webcare4j.whatsapp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.event.ReactionReceived;
import org.webcare4j.core.json.PayloadJson;
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
 * type), so nothing an inwoner sent is lost; an item it cannot read at all (a message without an
 * id, a status without a timestamp) is returned as an unreadable item and costs none of the
 * others.
 *
 * <p>The person is who WhatsApp says wrote: the phone number ({@code from}, the {@code wa_id}),
 * or, for users who chose a username and hide their number, the business-scoped user id ({@code
 * from_user_id}, {@code user_id} in {@code contacts}, such as {@code US.13491208655302741918}). A
 * one-to-one conversation is keyed on that id; a group message belongs to the group's thread
 * ({@code group:<group_id>}).
 */
public final class WhatsAppPayloadParser {
  private static final Logger log = LoggerFactory.getLogger(WhatsAppPayloadParser.class);

  /** The thread-id prefix of a WhatsApp group conversation. */
  public static final String GROUP_THREAD = "group:";

  private final ChannelId channel;
  private final String phoneNumberId;
  private final Clock clock;

  /**
   * Creates a parser for one business phone number.
   *
   * @param channel the channel events are attributed to
   * @param phoneNumberId the Cloud API phone number id the channel stands for
   * @param clock the clock that stamps unreadable items
   */
  public WhatsAppPayloadParser(ChannelId channel, String phoneNumberId, Clock clock) {
    this.channel = channel;
    this.phoneNumberId = phoneNumberId;
    this.clock = clock;
  }

  /**
   * Creates a parser on the system clock.
   *
   * @param channel the channel events are attributed to
   * @param phoneNumberId the Cloud API phone number id the channel stands for
   */
  public WhatsAppPayloadParser(ChannelId channel, String phoneNumberId) {
    this(channel, phoneNumberId, Clock.systemUTC());
  }

  /**
   * Parses a verified webhook body.
   *
   * @param body the raw body
   * @return the events in payload order, and the items that could not be read
   * @throws MalformedPayloadException when the body is not JSON or not a WhatsApp envelope
   */
  public InboundBatch parse(byte[] body) {
    JsonNode root = PayloadJson.object(body);
    String object = root.path("object").asText("");
    if (!object.equals("whatsapp_business_account")) {
      if (object.isEmpty()) {
        throw new MalformedPayloadException("missing object");
      }
      log.warn("{}: webhook for object '{}' ignored; only whatsapp_business_account is expected",
          channel, object);
      return InboundBatch.of(List.of());
    }
    List<JsonNode> entries = PayloadJson.requiredArray(root, "entry", "body");
    InboundBatch.Builder batch = InboundBatch.builder(channel, clock.instant());
    for (int e = 0; e < entries.size(); e++) {
      JsonNode entry = entries.get(e);
      String where = "entry[" + e + "]";
      batch.item(where, entry::toString, () -> {
        List<JsonNode> changes = PayloadJson.requiredArray(entry, "changes", where);
        for (int c = 0; c < changes.size(); c++) {
          JsonNode change = changes.get(c);
          String at = where + ".changes[" + c + "]";
          batch.item(at, change::toString, () -> change(change, at, batch));
        }
      });
    }
    return batch.build();
  }

  private void change(JsonNode change, String where, InboundBatch.Builder batch) {
    String field = change.path("field").asText("");
    if (!field.equals("messages")) {
      log.debug("{}: change field '{}' ignored", channel, field);
      return;
    }
    JsonNode value = change.path("value");
    if (!value.isObject()) {
      throw new MalformedPayloadException("missing " + where + ".value");
    }
    String number = value.path("metadata").path("phone_number_id").asText("");
    if (!number.equals(phoneNumberId)) {
      log.warn("{}: webhook for phone number id {} ignored; this channel is {}",
          channel, number.isEmpty() ? "(none)" : number, phoneNumberId);
      return;
    }
    String at = where + ".value";
    Contacts contacts = new Contacts(PayloadJson.array(value, "contacts", at));
    Optional<JsonNode> valueError = Optional.ofNullable(value.path("errors").get(0));
    List<JsonNode> messages = PayloadJson.array(value, "messages", at);
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String loc = at + ".messages[" + i + "]";
      batch.item(loc, m::toString, () ->
          message(m, loc, contacts, valueError).ifPresent(batch::add));
    }
    List<JsonNode> statuses = PayloadJson.array(value, "statuses", at);
    for (int i = 0; i < statuses.size(); i++) {
      JsonNode s = statuses.get(i);
      String loc = at + ".statuses[" + i + "]";
      batch.item(loc, s::toString, () -> status(s, loc).ifPresent(batch::add));
    }
  }

  /** The people a {@code value} names: by phone ({@code wa_id}) and by user id. */
  private static final class Contacts {
    private final Map<String, String> names = new HashMap<>();
    private final Optional<String> only;

    Contacts(List<JsonNode> contacts) {
      for (JsonNode contact : contacts) {
        String name = PayloadJson.optionalText(contact.path("profile"), "name").orElse("");
        PayloadJson.optionalText(contact, "wa_id").ifPresent(id -> names.put(id, name));
        PayloadJson.optionalText(contact, "user_id").ifPresent(id -> names.put(id, name));
      }
      only = contacts.size() == 1
          ? PayloadJson.optionalText(contacts.get(0), "wa_id")
              .or(() -> PayloadJson.optionalText(contacts.get(0), "user_id"))
          : Optional.empty();
    }

    String name(String... ids) {
      for (String id : ids) {
        if (id != null && names.containsKey(id) && !names.get(id).isEmpty()) {
          return names.get(id);
        }
      }
      return "";
    }
  }

  private Optional<InboundEvent> message(JsonNode m, String where, Contacts contacts,
      Optional<JsonNode> valueError) {
    String id = PayloadJson.text(m, "id", where);
    Instant at = PayloadJson.epochSeconds(m, "timestamp", where);
    String type = m.path("type").asText("unknown");
    if (type.equals("system")) {
      log.info("{}: system message {} ({}) not filed as a conversation message", channel, id,
          m.path("system").path("type").asText("unknown"));
      return Optional.empty();
    }
    if (type.equals("request_welcome")) {
      log.debug("{}: {} opened the chat for the first time; nothing to file", channel, id);
      return Optional.empty();
    }
    Optional<String> phone = PayloadJson.optionalText(m, "from");
    Optional<String> userId = PayloadJson.optionalText(m, "from_user_id");
    String from = phone.or(() -> userId).or(() -> contacts.only).orElseThrow(() ->
        new MalformedPayloadException("missing " + where + ".from and .from_user_id"));
    Participant sender = Participant.inwoner(from,
        contacts.name(from, userId.orElse(null), phone.orElse(null)));
    String thread = PayloadJson.optionalText(m, "group_id").map(g -> GROUP_THREAD + g)
        .orElse(from);
    Optional<String> replyTo = PayloadJson.optionalText(m.path("context"), "id");

    String text = "";
    List<Attachment> attachments = new ArrayList<>();
    switch (type) {
      case "text" -> text = m.path("text").path("body").asText("");
      case "image", "video", "audio", "document", "sticker" -> {
        JsonNode media = m.path(type);
        Attachment.Builder a = Attachment.builder(kindOf(type));
        PayloadJson.optionalText(media, "id").ifPresent(a::mediaId);
        PayloadJson.optionalText(media, "mime_type").ifPresent(a::mimeType);
        PayloadJson.optionalText(media, "filename").ifPresent(a::fileName);
        PayloadJson.optionalText(media, "caption").ifPresent(a::caption);
        PayloadJson.optionalText(media, "sha256").ifPresent(s -> a.property("sha256", s));
        if (media.path("voice").asBoolean(false)) {
          a.property("voice", "true");
        }
        if (media.path("animated").asBoolean(false)) {
          a.property("animated", "true");
        }
        attachments.add(a.build());
        text = PayloadJson.optionalText(media, "caption").orElse("");
      }
      case "location" -> {
        JsonNode loc = m.path("location");
        if (!loc.path("latitude").isNumber() || !loc.path("longitude").isNumber()) {
          throw new MalformedPayloadException(where + ".location lacks latitude/longitude");
        }
        attachments.add(Attachment.builder(AttachmentKind.LOCATION)
            .property("latitude", loc.path("latitude").asText())
            .property("longitude", loc.path("longitude").asText())
            .property("name", PayloadJson.optionalText(loc, "name").orElse(null))
            .property("address", PayloadJson.optionalText(loc, "address").orElse(null))
            .property("url", PayloadJson.optionalText(loc, "url").orElse(null))
            .build());
      }
      case "contacts" -> {
        for (JsonNode card : PayloadJson.array(m, "contacts", where)) {
          Attachment.Builder a = Attachment.builder(AttachmentKind.CONTACT)
              .property("name", PayloadJson.optionalText(card.path("name"), "formatted_name")
                  .orElse(null))
              .property("vcard", PayloadJson.optionalText(card, "vcard").orElse(null));
          int n = 0;
          for (JsonNode phoneCard : PayloadJson.array(card, "phones", where + ".contacts")) {
            a.property("phone" + (n == 0 ? "" : "." + n),
                PayloadJson.optionalText(phoneCard, "phone").orElse(null));
            n++;
          }
          int k = 0;
          for (JsonNode email : PayloadJson.array(card, "emails", where + ".contacts")) {
            a.property("email" + (k == 0 ? "" : "." + k),
                PayloadJson.optionalText(email, "email").orElse(null));
            k++;
          }
          attachments.add(a.build());
        }
      }
      case "interactive" -> {
        JsonNode interactive = m.path("interactive");
        String kind = interactive.path("type").asText("");
        JsonNode reply = interactive.path(kind);
        text = PayloadJson.optionalText(reply, "title")
            .or(() -> PayloadJson.optionalText(reply, "body")).orElse("");
        if (kind.equals("nfm_reply")) {
          // a WhatsApp Flow's answers: kept whole, the body ("Sent") is only the summary
          attachments.add(Attachment.builder(AttachmentKind.OTHER).property("type", "nfm_reply")
              .property("name", PayloadJson.optionalText(reply, "name").orElse(null))
              .property("response_json",
                  PayloadJson.optionalText(reply, "response_json").orElse(null))
              .build());
        } else if (!interactive.isObject()) {
          attachments.add(unsupported("interactive", m.path("errors").path(0).isObject()
              ? Optional.of(m.path("errors").path(0)) : valueError));
        }
      }
      case "button" -> text = PayloadJson.optionalText(m.path("button"), "text")
          .or(() -> PayloadJson.optionalText(m.path("button"), "payload")).orElse("");
      case "reaction" -> {
        JsonNode reaction = m.path("reaction");
        String target = PayloadJson.text(reaction, "message_id", where + ".reaction");
        return Optional.of(new ReactionReceived(channel, id, target, sender,
            PayloadJson.optionalText(reaction, "emoji"), at));
      }
      case "order" -> {
        JsonNode order = m.path("order");
        text = PayloadJson.optionalText(order, "text").orElse("");
        attachments.add(Attachment.builder(AttachmentKind.OTHER).property("type", "order")
            .property("catalog_id", PayloadJson.optionalText(order, "catalog_id").orElse(null))
            .property("items", String.valueOf(order.path("product_items").size()))
            .property("json", order.isObject() ? order.toString() : null)
            .build());
      }
      default -> attachments.add(unsupported(type, m.path("errors").path(0).isObject()
          ? Optional.of(m.path("errors").path(0)) : valueError));
    }
    return Optional.of(new MessageReceived(channel, id, thread, sender, text, attachments,
        replyTo, Optional.empty(), at));
  }

  /** An attachment standing for content WhatsApp did not hand over, with its error if given. */
  private static Attachment unsupported(String type, Optional<JsonNode> error) {
    Attachment.Builder a = Attachment.builder(AttachmentKind.OTHER).property("type", type);
    error.ifPresent(e -> a
        .property("errorCode", PayloadJson.optionalText(e, "code").orElse(null))
        .property("error", PayloadJson.optionalText(e, "title")
            .or(() -> PayloadJson.optionalText(e, "message")).orElse(null)));
    return a.build();
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

  private Optional<InboundEvent> status(JsonNode s, String where) {
    String id = PayloadJson.text(s, "id", where);
    Instant at = PayloadJson.epochSeconds(s, "timestamp", where);
    String status = s.path("status").asText("").toLowerCase(Locale.ROOT);
    switch (status) {
      case "sent":
        return Optional.of(new DeliveryStatusChanged(channel, id, DeliveryStatus.SENT,
            Optional.empty(), at));
      case "delivered":
        return Optional.of(new DeliveryStatusChanged(channel, id, DeliveryStatus.DELIVERED,
            Optional.empty(), at));
      case "read":
      case "played":
        // "played": a voice message was listened to, which is read for our purposes
        return Optional.of(new DeliveryStatusChanged(channel, id, DeliveryStatus.READ,
            Optional.empty(), at));
      case "failed":
        JsonNode error = s.path("errors").path(0);
        String code = PayloadJson.optionalText(error, "code").orElse("unknown");
        String reason = PayloadJson.optionalText(error.path("error_data"), "details")
            .or(() -> PayloadJson.optionalText(error, "message"))
            .or(() -> PayloadJson.optionalText(error, "title"))
            .orElse("failed without a reason");
        return Optional.of(new DeliveryStatusChanged(channel, id, DeliveryStatus.FAILED,
            Optional.of(new DeliveryFailure(code, reason)), at));
      default:
        log.debug("{}: status '{}' for {} ignored", channel, status, id);
        return Optional.empty();
    }
  }
}
