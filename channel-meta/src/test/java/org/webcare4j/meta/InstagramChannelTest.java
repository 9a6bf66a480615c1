package org.webcare4j.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.channel.HideComment;
import org.webcare4j.core.channel.PrivateReply;
import org.webcare4j.core.event.CommentReceived;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MentionReceived;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.meta.internal.InstagramPayloadParser;
import org.webcare4j.testkit.FacebookPageSimulator;

/** Instagram comments, mentions and direct messages, parsed and answered. */
class InstagramChannelTest {
  private static final ChannelId IG = ChannelId.of("instagram-gemeente");
  private static final AgentIdentity SANNE = new AgentIdentity("sanne.vos", "Sanne", "SV");
  private final InstagramPayloadParser parser =
      new InstagramPayloadParser(IG, "17841405822304914");
  private FacebookPageSimulator graph;
  private Webcare webcare;
  private InstagramChannel instagram;

  @AfterEach
  void stop() {
    if (webcare != null) {
      webcare.close();
    }
    if (graph != null) {
      graph.close();
    }
  }

  private List<InboundEvent> parse(String fixture) {
    return parser.parse(PagePayloadParserTest.fixture(fixture)).events();
  }

  @Test
  void parsesTheDocumentedShapes() {
    CommentReceived c = (CommentReceived) parse("instagram-comment.json").get(0);
    assertEquals("17865799348089039", c.platformId());
    assertEquals("comment:17865799348089039", c.threadId());
    assertEquals("17895695668004550", c.postId());
    assertEquals("inwoner_utrecht", c.author().displayName());
    assertEquals(Instant.ofEpochSecond(1520622968), c.occurredAt());
    CommentReceived reply = (CommentReceived) parse("instagram-comment-reply.json").get(0);
    assertEquals("comment:17865799348089039", reply.threadId());
    MentionReceived mention = (MentionReceived) parse("instagram-mention.json").get(0);
    assertEquals("17894227972186120", mention.platformId());
    assertEquals(Optional.of("17918195224117851"), mention.inReplyTo());
    MessageReceived dm = (MessageReceived) parse("instagram-message.json").get(0);
    assertEquals("igsid:1234567890123456", dm.threadId());
    assertEquals("Hallo, is het stadhuis open?", dm.text());
  }

  private void start() {
    graph = FacebookPageSimulator.builder().build();
    instagram = InstagramChannel.builder(IG).baseUrl(graph.baseUrl())
        .accountId(graph.instagramAccountId()).appSecret(graph.appSecret())
        .verifyToken(Secret.of("verify")).accessToken(graph.pageAccessToken()).build();
    webcare = Webcare.builder().store(InMemoryWebcareStore.create()).channel(instagram)
        .dispatchExecutor(Runnable::run).build();
  }

  private Conversation thread(String id) {
    return webcare.inbox().query(InboxQuery.all()).items().stream()
        .filter(c -> c.platformThreadId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void repliesHidesAndMovesACommentToDirectMessages() throws Exception {
    start();
    FacebookPageSimulator.Comment c = graph.instagramComment(null, "232323232", "inwoner_utrecht",
        "Bel me op 06-12345678 over mijn aanvraag");
    assertEquals(200, webcare.webhooks().handle(c.webhook()).status());
    Conversation pub = thread("comment:" + c.commentId());
    assertEquals(Visibility.PUBLIC, pub.visibility());

    OutboxEntry replied = webcare.compose(pub.id()).agent(SANNE).text("Hoi, dank je voor je"
        + " bericht. Ik stuur je een privébericht, dan kijk ik je aanvraag na.\n^Sanne")
        .send().await(Duration.ofSeconds(20));
    assertEquals(OutboxState.SENT, replied.state(), replied.toString());
    assertEquals(c.commentId() + "/replies", graph.calls().get(0).path());

    webcare.outbox().enqueue(new HideComment(IG, pub.platformThreadId(), c.commentId(), true),
        "hide").await(Duration.ofSeconds(20));
    assertTrue(graph.isHidden(c.commentId()));
    assertTrue(graph.calls().get(1).body().path("hide").asBoolean());

    OutboxEntry moved = webcare.outbox().enqueue(new PrivateReply(IG, pub.id(),
        pub.platformThreadId(), c.commentId(), SANNE.participant(), "Hoi, ik help je hier"
            + " verder met je aanvraag.\n^Sanne"), "private").await(Duration.ofSeconds(20));
    assertEquals(OutboxState.SENT, moved.state(), moved.toString());
    Conversation dm = thread("igsid:232323232");
    assertEquals(Optional.of(pub.id()), dm.movedFrom());
    assertEquals(Optional.of(dm.id()),
        webcare.inbox().conversation(pub.id()).orElseThrow().movedTo());

    webcare.webhooks().handle(graph.instagramMessage("232323232", "Top, dank je"));
    assertEquals(2, webcare.inbox().messages(dm.id()).size());
    webcare.compose(dm.id()).agent(SANNE).text("Graag gedaan! Je aanvraag is binnen, je hoort"
        + " binnen vijf werkdagen van ons via dit kanaal.\n^Sanne").send()
        .await(Duration.ofSeconds(20));
    FacebookPageSimulator.Call last = graph.calls().get(graph.calls().size() - 1);
    assertEquals(graph.instagramAccountId() + "/messages", last.path());
    assertEquals("232323232", last.body().path("recipient").path("id").asText());
  }
}
