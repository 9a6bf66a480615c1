package org.webcare4j.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.event.CommentDeleted;
import org.webcare4j.core.event.CommentEdited;
import org.webcare4j.core.event.CommentHidden;
import org.webcare4j.core.event.CommentReceived;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Participant;
import org.webcare4j.meta.internal.PagePayloadParser;

/** The documented page webhook shapes parse into the right events and threads. */
class PagePayloadParserTest {
  private static final ChannelId FB = ChannelId.of("facebook-gemeente");
  private final PagePayloadParser parser = new PagePayloadParser(FB, "104918587593826");

  static byte[] fixture(String name) {
    try (InputStream in = PagePayloadParserTest.class.getResourceAsStream("/meta/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<InboundEvent> parse(String name) {
    return parser.parse(fixture(name)).events();
  }

  @Test
  void aTopLevelCommentStartsItsOwnPublicThread() {
    CommentReceived c = (CommentReceived) parse("feed-comment-add.json").get(0);
    assertEquals("7001_9001", c.platformId());
    assertEquals("comment:7001_9001", c.threadId());
    assertEquals("104918587593826_7001", c.postId());
    assertEquals(Optional.empty(), c.parentId());
    assertEquals(Participant.inwoner("6021474501200001", "Fatima El Amrani"), c.author());
    assertEquals("Waarom is de WOZ-waarde dit jaar zo hoog?", c.text());
    assertEquals(Instant.ofEpochSecond(1520383571), c.occurredAt());
  }

  @Test
  void aReplyJoinsTheThreadOfItsTopLevelComment() {
    CommentReceived c = (CommentReceived) parse("feed-comment-reply.json").get(0);
    assertEquals("comment:7001_9001", c.threadId());
    assertEquals(Optional.of("7001_9001"), c.parentId());
  }

  @Test
  void editsHidesAndRemovalsChangeTheComment() {
    assertEquals(new CommentEdited(FB, "7001_9001", "Waarom is de WOZ-waarde zo hoog? (aangepast)",
        Instant.ofEpochSecond(1520383700)), parse("feed-comment-edited.json").get(0));
    assertEquals(new CommentHidden(FB, "7001_9002", true, Instant.ofEpochSecond(1520383800)),
        parse("feed-comment-hide.json").get(0));
    assertEquals(new CommentDeleted(FB, "7001_9002", Instant.ofEpochSecond(1520383900)),
        parse("feed-comment-remove.json").get(0));
  }

  @Test
  void reactionsAndOtherPagesAreLeftAlone() {
    assertEquals(List.of(), parse("feed-reaction.json"));
    assertEquals(List.of(), parse("other-page.json"));
  }

  @Test
  void messengerMessagesAreAPrivateThreadPerUser() {
    MessageReceived m = (MessageReceived) parse("messenger-message.json").get(0);
    assertEquals("mid.1457764197618:41d102a3e1ae206a38", m.platformId());
    assertEquals("psid:2480921345678901", m.threadId());
    assertEquals("hello, world!", m.text());
    assertEquals(Instant.ofEpochMilli(1458692752478L), m.occurredAt());
  }

  @Test
  void echoesAreTheOrganisationsAndDeliveriesMarkMessagesDelivered() {
    List<InboundEvent> events = parse("messenger-echo-and-delivery.json");
    MessageReceived echo = (MessageReceived) events.get(0);
    assertEquals("psid:2480921345678901", echo.threadId());
    assertEquals(Participant.Role.ORGANISATION, echo.sender().role());
    DeliveryStatusChanged d = (DeliveryStatusChanged) events.get(1);
    assertEquals("mid.1458668856218:ed81099e15d3f4f233", d.platformId());
    assertEquals(DeliveryStatus.DELIVERED, d.status());
  }

  @Test
  void refusesWhatIsNotAPageWebhook() {
    assertThrows(MalformedPayloadException.class, () -> parser.parse(
        "{\"object\":\"instagram\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8)));
    assertThrows(MalformedPayloadException.class, () -> parser.parse(
        "{\"object\":\"page\"}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(parser.parse("{\"object\":\"page\",\"entry\":[]}".getBytes(
        StandardCharsets.UTF_8)).events().isEmpty());
  }
}
