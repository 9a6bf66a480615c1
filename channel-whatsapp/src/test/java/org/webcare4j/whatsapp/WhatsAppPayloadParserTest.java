package org.webcare4j.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.event.ReactionReceived;
import org.webcare4j.core.event.UnreadableItem;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.whatsapp.internal.WhatsAppPayloadParser;

class WhatsAppPayloadParserTest {
  private static final ChannelId WA = ChannelId.of("whatsapp-main");
  private final WhatsAppPayloadParser parser = new WhatsAppPayloadParser(WA, "106540352242922");

  private List<InboundEvent> parse(String fixture) {
    return parser.parse(Fixtures.bytes(fixture)).events();
  }

  private MessageReceived onlyMessage(String fixture) {
    List<InboundEvent> events = parse(fixture);
    assertEquals(1, events.size());
    MessageReceived m = assertInstanceOf(MessageReceived.class, events.get(0));
    assertEquals(WA, m.channel());
    assertEquals("16505551234", m.sender().id());
    assertEquals("16505551234", m.threadId(), "a WhatsApp thread is the inwoner's number");
    assertEquals("Sheena Nelson", m.sender().displayName());
    return m;
  }

  private Attachment onlyAttachment(MessageReceived m, AttachmentKind kind) {
    assertEquals(1, m.attachments().size());
    Attachment a = m.attachments().get(0);
    assertEquals(kind, a.kind());
    return a;
  }

  @Test
  void readsTheDocumentedTextMessage() {
    MessageReceived m = onlyMessage("text.json");
    assertEquals("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", m.platformId());
    assertEquals("Does it come in another color?", m.text());
    assertEquals(Instant.ofEpochSecond(1749416383), m.occurredAt());
    assertTrue(m.attachments().isEmpty());
    assertTrue(m.inReplyTo().isEmpty());
  }

  @Test
  void keepsTheMessageARepliesTo() {
    MessageReceived m = onlyMessage("text-reply-with-context.json");
    assertEquals(Optional.of("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MUE0MDFBODU4NTcwQkMwNkEA"),
        m.inReplyTo());
  }

  @Test
  void readsAnImageWithItsCaption() {
    MessageReceived m = onlyMessage("image.json");
    Attachment a = onlyAttachment(m, AttachmentKind.IMAGE);
    assertEquals(Optional.of("1003383421387256"), a.mediaId());
    assertEquals(Optional.of("image/jpeg"), a.mimeType());
    assertEquals(Optional.of("Best succulent ever?"), a.caption());
    assertEquals("Best succulent ever?", m.text());
    assertEquals("2ZYyPvXk+0hOY7qVNqfp8KyJ0nNVaD5Z3CWdv1+YB+E=", a.properties().get("sha256"));
  }

  @Test
  void readsVideoVoiceDocumentAndSticker() {
    assertEquals(Optional.of("video/mp4"),
        onlyAttachment(onlyMessage("video.json"), AttachmentKind.VIDEO).mimeType());
    Attachment voice = onlyAttachment(onlyMessage("audio.json"), AttachmentKind.AUDIO);
    assertEquals("true", voice.properties().get("voice"));
    assertEquals(Optional.of("audio/ogg; codecs=opus"), voice.mimeType());
    Attachment pdf = onlyAttachment(onlyMessage("document.json"), AttachmentKind.DOCUMENT);
    assertEquals(Optional.of("lucky-shrub-invoice.pdf"), pdf.fileName());
    assertEquals(Optional.of("application/pdf"), pdf.mimeType());
    Attachment sticker = onlyAttachment(onlyMessage("sticker.json"), AttachmentKind.STICKER);
    assertEquals(Optional.of("1130218715133282"), sticker.mediaId());
  }

  @Test
  void readsALocation() {
    Attachment loc = onlyAttachment(onlyMessage("location.json"), AttachmentKind.LOCATION);
    assertEquals("37.483307", loc.properties().get("latitude"));
    assertEquals("-122.148981", loc.properties().get("longitude"));
    assertEquals("Philz Coffee", loc.properties().get("name"));
    assertEquals("1 Hacker Way, Menlo Park, CA 94025", loc.properties().get("address"));
  }

  @Test
  void readsAContactCard() {
    Attachment card = onlyAttachment(onlyMessage("contacts.json"), AttachmentKind.CONTACT);
    assertEquals("Barbara J. Johnson", card.properties().get("name"));
    assertEquals("+1 (940) 555-1234", card.properties().get("phone"));
    assertEquals("+1 (650) 555-1234", card.properties().get("phone.1"));
    assertEquals("bjohnson@example.com", card.properties().get("email"));
  }

  @Test
  void readsInteractiveAndTemplateButtonRepliesAsTheirTitles() {
    MessageReceived button = onlyMessage("interactive-button-reply.json");
    assertEquals("Change", button.text());
    assertTrue(button.inReplyTo().isPresent());
    assertEquals("Priority Mail Express", onlyMessage("interactive-list-reply.json").text());
    assertEquals("Unsubscribe", onlyMessage("button.json").text());
  }

  @Test
  void readsAReactionAndItsRemoval() {
    ReactionReceived r = assertInstanceOf(ReactionReceived.class, parse("reaction.json").get(0));
    assertEquals("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NjI4QTQ0OTE2MzNCNUM2MDcA",
        r.targetPlatformId());
    assertEquals(Optional.of("\uD83D\uDC4D"), r.emoji());
    ReactionReceived removed =
        assertInstanceOf(ReactionReceived.class, parse("reaction-removed.json").get(0));
    assertTrue(removed.emoji().isEmpty());
    assertTrue(!r.dedupeKey().equals(removed.dedupeKey()));
  }

  @Test
  void keepsAnUnsupportedMessageInsteadOfDroppingIt() {
    Attachment other = onlyAttachment(onlyMessage("unsupported.json"), AttachmentKind.OTHER);
    assertEquals("unsupported", other.properties().get("type"));
    assertEquals("Message type unknown", other.properties().get("error"));
  }

  @Test
  void readsEveryStatus() {
    String id = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NjI4QTQ0OTE2MzNCNUM2MDcA";
    for (var expected : List.of(
        new Object[] {"status-sent.json", DeliveryStatus.SENT},
        new Object[] {"status-delivered.json", DeliveryStatus.DELIVERED},
        new Object[] {"status-read.json", DeliveryStatus.READ})) {
      DeliveryStatusChanged s = assertInstanceOf(DeliveryStatusChanged.class,
          parse((String) expected[0]).get(0));
      assertEquals(id, s.platformId());
      assertEquals(expected[1], s.status());
      assertTrue(s.failure().isEmpty());
    }
    DeliveryStatusChanged failed =
        assertInstanceOf(DeliveryStatusChanged.class, parse("status-failed.json").get(0));
    assertEquals(DeliveryStatus.FAILED, failed.status());
    assertEquals("131047", failed.failure().orElseThrow().code());
    assertTrue(failed.failure().orElseThrow().reason().contains("24 hours"));
  }

  @Test
  void losesNothingFromADeliveryWithSeveralEntriesAndChanges() {
    List<InboundEvent> events = parse("batch-multi-entry.json");
    assertEquals(5, events.size());
    assertEquals(List.of("wamid.batch.1", "wamid.batch.2"), events.subList(0, 2).stream()
        .map(e -> ((MessageReceived) e).platformId()).toList());
    assertEquals("Jan de Vries", ((MessageReceived) events.get(1)).sender().displayName());
    assertEquals(DeliveryStatus.DELIVERED, ((DeliveryStatusChanged) events.get(2)).status());
    assertEquals(DeliveryStatus.READ, ((DeliveryStatusChanged) events.get(3)).status());
    assertEquals(AttachmentKind.IMAGE,
        ((MessageReceived) events.get(4)).attachments().get(0).kind());
  }

  @Test
  void ignoresDeliveriesForAnotherPhoneNumber() {
    WhatsAppPayloadParser other = new WhatsAppPayloadParser(WA, "999999999");
    assertTrue(other.parse(Fixtures.bytes("text.json")).events().isEmpty());
  }

  @Test
  void refusesWhatIsNotAWhatsAppPayload() {
    for (String body : List.of("", "[]", "{\"entry\":[]}",
        "{\"object\":\"whatsapp_business_account\"}")) {
      assertThrows(MalformedPayloadException.class,
          () -> parser.parse(body.getBytes(StandardCharsets.UTF_8)), body);
    }
  }

  @Test
  void nestingBeyondJacksonsLimitIsAMalformedBodyNotANullPointer() {
    String deep = "{\"object\":\"whatsapp_business_account\",\"entry\":" + "[".repeat(3000)
        + "]".repeat(3000) + "}";
    MalformedPayloadException e = assertThrows(MalformedPayloadException.class,
        () -> parser.parse(deep.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("body is not valid JSON"), e.getMessage());
  }

  @Test
  void keepsAnEntryOfTheWrongShapeAsUnreadableAndReadsTheNext() {
    String text = new String(Fixtures.bytes("text.json"), StandardCharsets.UTF_8);
    String entry = text.substring(text.indexOf("{", text.indexOf("\"entry\"")),
        text.lastIndexOf("]"));
    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":{}},"
        + entry + "]}";
    InboundBatch batch = parser.parse(body.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, batch.events().size());
    assertEquals(1, batch.unreadable().size());
    assertEquals("entry[0]", batch.unreadable().get(0).location());
    assertEquals("{\"changes\":{}}", batch.unreadable().get(0).json());
  }

  @Test
  void filesAMessageWithoutFromUnderTheOnlyContactItNames() {
    String noFrom = new String(Fixtures.bytes("text.json"), StandardCharsets.UTF_8)
        .replace("\"from\"", "\"fromm\"");
    MessageReceived m = (MessageReceived) parser.parse(noFrom.getBytes(StandardCharsets.UTF_8))
        .events().get(0);
    assertEquals("16505551234", m.sender().id());
  }

  @Test
  void namesTheMissingFieldWithoutQuotingTheMessage() {
    String noId = new String(Fixtures.bytes("text.json"), StandardCharsets.UTF_8)
        .replace("\"id\": \"wamid", "\"idd\": \"wamid");
    UnreadableItem item = parser.parse(noId.getBytes(StandardCharsets.UTF_8)).unreadable().get(0);
    assertEquals("entry[0].changes[0].value.messages[0]", item.location());
    assertTrue(item.reason().endsWith("missing entry[0].changes[0].value.messages[0].id"),
        item.reason());
    String badTime = new String(Fixtures.bytes("text.json"), StandardCharsets.UTF_8)
        .replace("\"1749416383\"", "\"yesterday\"");
    item = parser.parse(badTime.getBytes(StandardCharsets.UTF_8)).unreadable().get(0);
    assertTrue(item.reason().contains("timestamp"));
    assertTrue(!item.reason().contains("Does it come"));
    assertTrue(item.json().contains("Does it come"), "the raw JSON is kept whole");
  }
}
