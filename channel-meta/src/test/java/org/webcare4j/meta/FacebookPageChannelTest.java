package org.webcare4j.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.channel.HideComment;
import org.webcare4j.core.channel.PrivateReply;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.MessageFlag;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.testkit.FacebookPageSimulator;

/** A Facebook Page end to end against the Graph simulator. */
class FacebookPageChannelTest {
  private static final AgentIdentity SANNE = new AgentIdentity("sanne.vos", "Sanne", "SV");
  private static final Duration AWAIT = Duration.ofSeconds(20);

  private FacebookPageSimulator graph;
  private FacebookPageChannel page;
  private Webcare webcare;

  private void start(Secret token) {
    graph = FacebookPageSimulator.builder().build();
    page = FacebookPageChannel.builder(ChannelId.of("facebook-gemeente"))
        .baseUrl(graph.baseUrl()).pageId(graph.pageId()).appSecret(graph.appSecret())
        .verifyToken(Secret.of("verify")).pageAccessToken(token).build();
    webcare = Webcare.builder().store(InMemoryWebcareStore.create()).channel(page)
        .dispatchExecutor(Runnable::run).build();
  }

  private void start() {
    start(Secret.of("simulated-page-token"));
  }

  @AfterEach
  void stop() {
    if (webcare != null) {
      webcare.close();
    }
    if (graph != null) {
      graph.close();
    }
  }

  private Conversation thread(String platformThreadId) {
    return webcare.inbox().query(InboxQuery.all()).items().stream()
        .filter(c -> c.platformThreadId().equals(platformThreadId)).findFirst().orElseThrow();
  }

  @Test
  void aCommentThreadIsOnePublicConversationAndTheReplyGoesUnderTheComment() throws Exception {
    start();
    FacebookPageSimulator.Comment asked = graph.comment("6021", "Fatima",
        "Waarom is de WOZ-waarde zo hoog?");
    webcare.webhooks().handle(asked.webhook());
    webcare.webhooks().handle(graph.reply(asked.commentId(), "6022", "Kees", "Bij mij ook!")
        .webhook());
    Conversation c = thread("comment:" + asked.commentId());
    assertEquals(Visibility.PUBLIC, c.visibility());
    assertEquals(2, webcare.inbox().messages(c.id()).size());

    OutboxEntry done = webcare.compose(c.id()).agent(SANNE).text("Hoi Fatima, dank je voor je"
        + " vraag. De WOZ-waarde volgt de huizenprijzen van vorig jaar. Je kunt bezwaar maken via"
        + " onze website.\n^Sanne").send().await(AWAIT);
    assertEquals(OutboxState.SENT, done.state(), done.toString());
    FacebookPageSimulator.Call call = graph.calls().get(0);
    assertEquals("POST", call.method());
    assertEquals(asked.commentId() + "/comments", call.path());
    assertTrue(call.body().path("message").asText().startsWith("Hoi Fatima"));
  }

  @Test
  void aMessengerThreadIsPrivateAndAnsweredWithinTheWindow() throws Exception {
    start();
    webcare.webhooks().handle(graph.messengerMessage("2480921345678901", "Is het stadskantoor"
        + " morgen open?"));
    Conversation c = thread("psid:2480921345678901");
    assertEquals(Visibility.PRIVATE, c.visibility());
    assertTrue(c.replyWindow().isOpen(java.time.Instant.now()));
    webcare.compose(c.id()).agent(SANNE).text("Hoi, dank je voor je vraag. Het stadskantoor is"
        + " morgen open van negen tot vijf. Je kunt zonder afspraak langskomen.\n^Sanne")
        .send().await(AWAIT);
    FacebookPageSimulator.Call call = graph.calls().get(0);
    assertEquals(graph.pageId() + "/messages", call.path());
    assertEquals("2480921345678901", call.body().path("recipient").path("id").asText());
    assertEquals("RESPONSE", call.body().path("messaging_type").asText());
  }

  @Test
  void afterADayMessengerRepliesCarryTheHumanAgentTagAndAfterAWeekTheyAreRefused()
      throws Exception {
    start();
    webcare.webhooks().handle(graph.messengerMessage("2480921345678901", "Vraag van eergisteren",
        java.time.Instant.now().minus(Duration.ofDays(2))));
    Conversation c = thread("psid:2480921345678901");
    OutboxEntry late = webcare.compose(c.id()).agent(SANNE).text("Hoi, sorry voor het late"
        + " antwoord. Het stadskantoor is morgen open. Je kunt zonder afspraak langskomen.\n^Sanne")
        .send().await(AWAIT);
    assertEquals(OutboxState.SENT, late.state(), late.toString());
    List<FacebookPageSimulator.Call> calls = graph.calls();
    assertEquals("RESPONSE", calls.get(0).body().path("messaging_type").asText());
    assertEquals("MESSAGE_TAG", calls.get(1).body().path("messaging_type").asText());
    assertEquals("HUMAN_AGENT", calls.get(1).body().path("tag").asText());
    assertEquals(2, calls.size(), "one refusal, one tagged send");

    webcare.webhooks().handle(graph.messengerMessage("2480921345678902", "Heel oude vraag",
        java.time.Instant.now().minus(Duration.ofDays(8))));
    Conversation old = thread("psid:2480921345678902");
    org.junit.jupiter.api.Assertions.assertThrows(
        org.webcare4j.core.error.ReplyWindowClosedException.class,
        () -> webcare.compose(old.id()).agent(SANNE).text("Hoi, dank je voor je vraag. Je kunt"
            + " langskomen.\n^Sanne").send());
    assertEquals(2, graph.calls().size(), "refused before any call");
  }

  @Test
  void personalDataInACommentIsFlaggedHiddenAndAnsweredPrivatelyWithTheLinkBothWays()
      throws Exception {
    start();
    FacebookPageSimulator.Comment leak = graph.comment("6023", "Ans",
        "Mijn bsn is 111222333, waar blijft mijn toeslag?");
    webcare.webhooks().handle(leak.webhook());
    Conversation pub = thread("comment:" + leak.commentId());
    assertEquals(Set.of(MessageFlag.PRIVACY_SHARED_PUBLICLY), pub.flags());
    assertEquals(List.of(pub.id()), webcare.inbox().query(InboxQuery.builder()
        .flag(MessageFlag.PRIVACY_SHARED_PUBLICLY).build()).items().stream()
        .map(Conversation::id).toList());

    // the suggested action: hide the comment, answer privately
    OutboxEntry hidden = webcare.outbox().enqueue(new HideComment(page.id(),
        pub.platformThreadId(), leak.commentId(), true), "hide-" + leak.commentId())
        .await(AWAIT);
    assertEquals(OutboxState.SENT, hidden.state(), hidden.toString());
    assertTrue(graph.isHidden(leak.commentId()));
    webcare.webhooks().handle(graph.hiddenChange(leak.commentId(), true));
    assertTrue(webcare.inbox().messages(pub.id()).get(0).hidden());

    PrivateReply reply = new PrivateReply(page.id(), pub.id(), pub.platformThreadId(),
        leak.commentId(), SANNE.participant(), "Hoi Ans, ik heb je reactie verborgen omdat er"
            + " persoonlijke gegevens in staan. Ik help je hier verder.\n^Sanne");
    OutboxEntry sent = webcare.outbox().enqueue(reply, "private-" + leak.commentId())
        .await(AWAIT);
    assertEquals(OutboxState.SENT, sent.state(), sent.toString());

    Conversation publicAfter = webcare.inbox().conversation(pub.id()).orElseThrow();
    Conversation priv = thread("psid:6023");
    assertEquals(java.util.Optional.of(priv.id()), publicAfter.movedTo());
    assertEquals(java.util.Optional.of(pub.id()), priv.movedFrom());
    assertEquals(Visibility.PRIVATE, priv.visibility());
    Message m = webcare.inbox().messages(priv.id()).get(0);
    assertEquals(Direction.OUTBOUND, m.direction());
    assertTrue(m.text().startsWith("Hoi Ans"));
    assertEquals(java.util.Optional.of(leak.commentId()), m.inReplyTo());

    // the inwoner answers in Messenger: the same private conversation
    webcare.webhooks().handle(graph.messengerMessage("6023", "Dank je!"));
    assertEquals(2, webcare.inbox().messages(priv.id()).size());

    // a comment takes one private reply; a second is refused, not retried
    OutboxEntry again = webcare.outbox().enqueue(new PrivateReply(page.id(), pub.id(),
        pub.platformThreadId(), leak.commentId(), SANNE.participant(), "Nog een keer"),
        "private-again").await(AWAIT);
    assertEquals(OutboxState.FAILED, again.state());
    assertEquals("10900", again.failure().orElseThrow().code());
  }

  @Test
  void unhidesACommentAndDeletesTheOrganisationsOwn() throws Exception {
    start();
    FacebookPageSimulator.Comment c = graph.comment("6025", "Joost", "Wat een onzin");
    webcare.webhooks().handle(c.webhook());
    Conversation pub = thread("comment:" + c.commentId());
    webcare.outbox().enqueue(new HideComment(page.id(), pub.platformThreadId(), c.commentId(),
        true), "hide").await(AWAIT);
    assertTrue(graph.isHidden(c.commentId()));
    OutboxEntry shown = webcare.outbox().enqueue(new HideComment(page.id(),
        pub.platformThreadId(), c.commentId(), false), "unhide").await(AWAIT);
    assertEquals(OutboxState.SENT, shown.state());
    assertTrue(!graph.isHidden(c.commentId()));

    OutboxEntry reply = webcare.compose(pub.id()).agent(SANNE).text("Hoi Joost, dank je voor je"
        + " reactie. Je kunt je vraag ook stellen via onze website.\n^Sanne").send().await(AWAIT);
    String ours = reply.result().orElseThrow().platformId().orElseThrow();
    OutboxEntry deleted = webcare.outbox().enqueue(new org.webcare4j.core.channel.DeleteComment(
        page.id(), pub.platformThreadId(), ours), "delete-" + ours).await(AWAIT);
    assertEquals(OutboxState.SENT, deleted.state());
    FacebookPageSimulator.Call last = graph.calls().get(graph.calls().size() - 1);
    assertEquals("DELETE", last.method());
    assertEquals(ours, last.path());
  }

  @Test
  void anExpiredPageTokenFailsOnceNamingTheChannel() throws Exception {
    start(Secret.of("expired"));
    FacebookPageSimulator.Comment c = graph.comment("6024", "Piet", "Vraag");
    webcare.webhooks().handle(c.webhook());
    ConversationId id = thread("comment:" + c.commentId()).id();
    OutboxEntry done = webcare.compose(id).agent(SANNE).text("Hoi Piet, dank je voor je vraag."
        + " Je kunt dat online regelen via onze website.\n^Sanne").send().await(AWAIT);
    assertEquals(OutboxState.FAILED, done.state());
    assertEquals("190", done.failure().orElseThrow().code());
    assertTrue(done.failure().orElseThrow().reason().contains("reconnect"));
    assertEquals(1, graph.calls().size());
  }

  @Test
  void highAppUsageSlowsTheDispatcherDown() throws Exception {
    start();
    List<ConversationId> threads = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      FacebookPageSimulator.Comment c = graph.comment("70" + i, "Inwoner " + i, "Vraag " + i);
      webcare.webhooks().handle(c.webhook());
      threads.add(thread("comment:" + c.commentId()).id());
    }
    Duration calm = gapsOf(threads, 0);
    Duration busy = gapsOf(threads, 85);
    System.out.printf("mean gap between calls: %d ms at 0 %% usage, %d ms at 85 %% usage%n",
        calm.toMillis(), busy.toMillis());
    assertTrue(busy.toMillis() >= 1500, "85 % usage spaces calls out: " + busy);
    assertTrue(calm.toMillis() < 500, "no usage, no spacing: " + calm);
  }

  private Duration gapsOf(List<ConversationId> threads, int usage) throws Exception {
    graph.appUsage(usage);
    int before = graph.calls().size();
    List<org.webcare4j.core.outbox.OutboxHandle> handles = new java.util.ArrayList<>();
    for (ConversationId t : threads) {
      handles.add(webcare.outbox().send(t, org.webcare4j.core.outbox.OutboundMessage.text(
          SANNE.participant(), "Antwoord " + usage + " " + t.value()).build()));
    }
    for (var h : handles) {
      assertEquals(OutboxState.SENT, h.await(Duration.ofSeconds(30)).state());
    }
    List<FacebookPageSimulator.Call> calls = graph.calls().subList(before, graph.calls().size());
    return Duration.between(calls.get(1).at(), calls.get(calls.size() - 1).at())
        .dividedBy(calls.size() - 2);
  }
}
