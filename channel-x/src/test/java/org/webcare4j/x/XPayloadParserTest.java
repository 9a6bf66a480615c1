package org.webcare4j.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.error.MalformedPayloadException;
import org.webcare4j.core.event.CommentDeleted;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MentionReceived;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Participant;
import org.webcare4j.x.internal.XPayloadParser;

/** X's documented payloads, Account Activity (v1.1 objects) and v2 pages, into events. */
class XPayloadParserTest {
  private static final ChannelId X = ChannelId.of("x-gemeente");

  static byte[] fixture(String name) {
    try (InputStream in = XPayloadParserTest.class.getResourceAsStream("/x/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aMentionIsAPublicThreadOfItsOwnWithTheFullText() {
    List<InboundEvent> events = new XPayloadParser(X, "2244994945")
        .parseActivity(fixture("activity-mention.json")).events();
    MentionReceived m = (MentionReceived) events.get(0);
    assertEquals("1050118621198921728", m.platformId());
    assertEquals("1050118621198921728", m.threadId(), "a new post starts its conversation");
    assertTrue(m.text().endsWith("https://t.co/Nx1XZmRCXA"), "the extended text, not the cut");
    assertEquals(Participant.inwoner("6253282", "Twitter API (@TwitterAPI)"), m.author());
    assertEquals(Instant.parse("2018-10-10T20:19:24Z"), m.occurredAt());
    assertEquals(Optional.empty(), m.inReplyTo());
  }

  @Test
  void aReplyNamesItsParentAndCarriesItsPhoto() {
    MentionReceived m = (MentionReceived) new XPayloadParser(X, "2244994945")
        .parseActivity(fixture("activity-reply-with-photo.json")).events().get(0);
    assertEquals(Optional.of("1899370000000000001"), m.inReplyTo());
    assertEquals("1899370000000000001", m.threadId());
    assertEquals(AttachmentKind.IMAGE, m.attachments().get(0).kind());
    assertEquals(Optional.of("https://pbs.twimg.com/media/FgQ7XyzWYAE1abc.jpg"),
        m.attachments().get(0).url());
    assertEquals(Instant.parse("2027-03-11T09:15:02Z"), m.occurredAt());
  }

  @Test
  void aDirectMessageIsAPrivateThreadPerPairOfUsers() {
    MessageReceived m = (MessageReceived) new XPayloadParser(X, "4337869213")
        .parseActivity(fixture("activity-dm.json")).events().get(0);
    assertEquals("954491830116155396", m.platformId());
    assertEquals("dm:3001969357-4337869213", m.threadId());
    assertEquals("Hello World!", m.text());
    assertEquals(Participant.inwoner("3001969357", "Jordan Brinks (@furiouscamper)"),
        m.sender());
    assertEquals(Instant.ofEpochMilli(1516403560557L), m.occurredAt());
    assertEquals(XPayloadParser.dmThread("4337869213", "3001969357"), m.threadId());
  }

  @Test
  void aDeletedPostIsReported() {
    CommentDeleted d = (CommentDeleted) new XPayloadParser(X, "930524282358325248")
        .parseActivity(fixture("activity-delete.json")).events().get(0);
    assertEquals("1045405559317569537", d.platformId());
  }

  @Test
  void anotherSubscribedAccountsActivityIsLeftOut() {
    assertEquals(List.of(), new XPayloadParser(X, "1000000001")
        .parseActivity(fixture("activity-dm.json")).events());
  }

  @Test
  void theMentionsTimelineGivesTheSameEventsWithTheConversationId() {
    List<InboundEvent> events = new XPayloadParser(X, "2244994945")
        .parseMentions(fixture("mentions-page.json")).events();
    MentionReceived reply = (MentionReceived) events.get(0);
    assertEquals("1375152449501827076", reply.threadId());
    assertEquals(Optional.of("1375152449501827076"), reply.inReplyTo());
    assertEquals(Participant.inwoner("1324051223893413888", "Ava (@ava_inwoner)"),
        reply.author());
    assertEquals(Participant.Role.ORGANISATION, ((MentionReceived) events.get(1)).author()
        .role(), "our own post in the thread");
    XPayloadParser.Meta meta = XPayloadParser.meta(fixture("mentions-page.json"));
    assertEquals(Optional.of("1375152598945312768"), meta.newestId());
    assertTrue(meta.nextToken().isPresent());
  }

  @Test
  void dmEventsKeepOnlyMessages() {
    List<InboundEvent> events = new XPayloadParser(X, "1000000001")
        .parseDmEvents(fixture("dm-events.json")).events();
    assertEquals(1, events.size());
    MessageReceived m = (MessageReceived) events.get(0);
    assertEquals("dm:1000000001-1582838000000000000", m.threadId());
    assertEquals(XPayloadParser.dmThread("1582838000000000000", "1000000001"), m.threadId());
  }

  @Test
  void refusesWhatIsNotAnXPayload() {
    XPayloadParser parser = new XPayloadParser(X, "1");
    assertThrows(MalformedPayloadException.class, () -> parser.parseActivity("[1]".getBytes()));
    InboundBatch batch = parser.parseActivity(
        "{\"tweet_create_events\":[{\"text\":\"x\"}]}".getBytes());
    assertEquals(List.of(), batch.events());
    assertEquals("tweet_create_events[0]", batch.unreadable().get(0).location());
  }

  @Test
  void undoesXsHtmlEscapingOnceAndNothingElse() {
    assertEquals("Tom & Jerry <3 > \"quotes\" &#39;", XPayloadParser.unescape(
        "Tom &amp; Jerry &lt;3 &gt; \"quotes\" &#39;"));
    assertEquals("typed &amp; literally", XPayloadParser.unescape("typed &amp;amp; literally"));
    assertEquals("&lt;", XPayloadParser.unescape("&amp;lt;"));
    assertEquals("no entities", XPayloadParser.unescape("no entities"));
    assertEquals("trailing &", XPayloadParser.unescape("trailing &"));
  }
}
