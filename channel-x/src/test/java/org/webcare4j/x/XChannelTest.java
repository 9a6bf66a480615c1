package org.webcare4j.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.channel.DeleteComment;
import org.webcare4j.core.channel.HideComment;
import org.webcare4j.core.channel.PublishPost;
import org.webcare4j.core.error.TextTooLongException;
import org.webcare4j.core.http.OAuthTokens;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.outbox.OutboundMessage;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxHandle;
import org.webcare4j.core.outbox.OutboxPolicy;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.testing.FastOutbox;
import org.webcare4j.core.tone.ToneBlockedException;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.core.webhook.WebhookResponse;
import org.webcare4j.testkit.XSimulator;

/** The X channel end to end against the X simulator, through a real {@code Webcare}. */
class XChannelTest {
  private static final ChannelId ID = ChannelId.of("x-gemeente");
  private static final AgentIdentity SANNE = new AgentIdentity("u-17", "Sanne", "SV");

  private XSimulator x;
  private Webcare webcare;
  private final List<OAuthTokens> refreshed = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (webcare != null) {
      webcare.close();
    }
    if (x != null) {
      x.close();
    }
  }

  static OutboxPolicy fastOutbox() {
    return FastOutbox.oneAtATime();
  }

  private XChannel.Builder channel() {
    return XChannel.builder(ID).userId(x.userId()).baseUrl(x.baseUrl())
        .consumerSecret(x.consumerSecret());
  }

  private void start(XSimulator simulator, XChannel channel) {
    this.x = simulator;
    webcare = Webcare.builder().store(InMemoryWebcareStore.create()).channel(channel)
        .outboxPolicy(fastOutbox()).build();
  }

  private void startWithOAuth2(XSimulator simulator) {
    this.x = simulator;
    start(simulator, channel().oauth2(OAuthTokens.of(x.accessToken(), x.refreshToken(),
        Instant.now().plus(Duration.ofHours(2))), x.clientId(), Optional.empty())
        .onTokensRefreshed(refreshed::add).build());
  }

  private Conversation receive(WebhookRequest webhook) {
    WebhookResponse r = webcare.webhooks().handle(webhook);
    assertEquals(200, r.status(), r.bodyText());
    return webcare.inbox().query(InboxQuery.builder().build()).items().get(0);
  }

  private OutboxEntry reply(Conversation c, String text) throws Exception {
    return webcare.outbox().send(c.id(), OutboundMessage.text(SANNE.participant(), text).build())
        .await(Duration.ofSeconds(20));
  }

  @Test
  void answersTheCrcChallengeWithTheDocumentedHmac() {
    this.x = XSimulator.builder().build();
    // The consumer secret and token of X's CRC example; the answer computed independently.
    XChannel channel = XChannel.builder(ID).userId("1")
        .consumerSecret(Secret.of("z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu"))
        .oauth2(OAuthTokens.of(Secret.of("t")), "c", Optional.empty()).build();
    assertEquals("sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=",
        channel.crcResponse("9b4507b3-9040-4669-9ca3-6b94edb50553"));
    start(x, channel);
    WebhookResponse crc = webcare.webhooks().handle(WebhookRequest.builder("GET",
        "/webhooks/x-gemeente").queryParameter("crc_token",
        "9b4507b3-9040-4669-9ca3-6b94edb50553").build());
    assertEquals(200, crc.status());
    assertEquals("{\"response_token\":\"sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=\"}",
        crc.bodyText());
  }

  @Test
  void verifiesTheSignatureOverTheRawBody() {
    startWithOAuth2(XSimulator.builder().build());
    WebhookRequest good = x.mention("3001969357", "furiouscamper", "@gemeente Container vol",
        Optional.empty()).webhook();
    byte[] tampered = good.body().clone();
    tampered[tampered.length - 3] ^= 1;
    WebhookRequest.Builder forged = WebhookRequest.builder("POST", good.path())
        .header("x-twitter-webhooks-signature",
            good.header("x-twitter-webhooks-signature").orElseThrow()).body(tampered);
    assertTrue(webcare.webhooks().handle(forged.build()).status() >= 400);
    assertTrue(webcare.webhooks().handle(WebhookRequest.builder("POST", good.path())
        .body(good.body()).build()).status() >= 400, "no signature");
    assertEquals(200, webcare.webhooks().handle(good).status());
    assertEquals(200, webcare.webhooks().handle(good).status(), "a duplicate is fine");
    assertEquals(1, webcare.inbox().query(InboxQuery.builder().build()).items().size());
  }

  @Test
  void repliesInTheThreadAndTheInwonersAnswerJoinsIt() throws Exception {
    startWithOAuth2(XSimulator.builder().build());
    XSimulator.Activity mention = x.mention("3001969357", "furiouscamper",
        "@gemeente De container in de Dorpsstraat is vol", Optional.empty());
    Conversation c = receive(mention.webhook());
    assertEquals(Visibility.PUBLIC, c.visibility());
    OutboxEntry sent = reply(c, "Dank je, we sturen vandaag iemand langs. ^SV");
    assertEquals(OutboxState.SENT, sent.state(), sent.toString());
    XSimulator.Call post = x.calls().stream().filter(k -> k.path().equals("/2/tweets"))
        .findFirst().orElseThrow();
    assertEquals(mention.id(), post.body().path("reply").path("in_reply_to_tweet_id").asText());

    // The inwoner answers our reply: X names our reply as parent; it is the same thread.
    String ours = sent.result().orElseThrow().platformId().orElseThrow();
    receive(x.mention("3001969357", "furiouscamper", "@gemeente Top, dank!",
        Optional.of(ours)).webhook());
    List<Conversation> all = webcare.inbox().query(InboxQuery.builder().build()).items();
    assertEquals(1, all.size(), "one conversation for the thread");
    List<Message> messages = webcare.inbox().messages(c.id());
    assertEquals(3, messages.size());
  }

  @Test
  void aReplyOverTwoHundredEightyWeightedCharactersIsBlockedBeforeAnyCall() {
    startWithOAuth2(XSimulator.builder().build());
    Conversation c = receive(x.mention("3001969357", "furiouscamper", "@gemeente Vraag",
        Optional.empty()).webhook());
    int calls = x.calls().size();
    // 139 CJK characters weigh 2 each (278) plus "^SV" (3): 281 weighted, 142 characters.
    String text = "漢".repeat(139) + "^SV";
    assertEquals(142, text.length());
    ToneBlockedException blocked = assertThrows(ToneBlockedException.class,
        () -> webcare.compose(c.id()).agent(SANNE).text(text).send());
    assertTrue(blocked.report().has("LENGTH"), blocked.getMessage());
    assertThrows(TextTooLongException.class, () -> webcare.outbox().send(c.id(),
        OutboundMessage.text(SANNE.participant(), text).build()));
    assertEquals(calls, x.calls().size(), "nothing went to X");
    // 280 weighted characters are fine.
    assertTrue(webcare.compose(c.id()).agent(SANNE).text("漢".repeat(136) + "Hoi ^SV")
        .check().findings("LENGTH").isEmpty());
  }

  @Test
  void sendsADirectMessageToTheOtherParticipant() throws Exception {
    startWithOAuth2(XSimulator.builder().build());
    Conversation c = receive(x.directMessage("3001969357", "furiouscamper",
        "Mijn BSN is ... kunnen jullie helpen?").webhook());
    assertEquals(Visibility.PRIVATE, c.visibility());
    OutboxEntry sent = reply(c, "Hoi! Bel ons gerust op 14 020. ^SV");
    assertEquals(OutboxState.SENT, sent.state(), sent.toString());
    assertTrue(x.calls().stream().anyMatch(k -> k.path().equals(
        "/2/dm_conversations/with/3001969357/messages")));
    assertEquals(List.of("Hoi! Bel ons gerust op 14 020. ^SV"), x.sentDirectMessages());
  }

  @Test
  void hidesAndShowsARepliesToOurPostAndDeletesOurOwnPost() throws Exception {
    startWithOAuth2(XSimulator.builder().build());
    OutboxEntry post = webcare.outbox().enqueue(new PublishPost(ID, PublicationId.of("p-1"),
        "Zaterdag is de milieustraat open van 9 tot 16 uur.", Optional.empty(), List.of()),
        "publish-1").await(Duration.ofSeconds(20));
    assertEquals(OutboxState.SENT, post.state(), post.toString());
    String ours = post.result().orElseThrow().platformId().orElseThrow();
    String reply = x.mention("3001969357", "furiouscamper", "@gemeente kut gemeente",
        Optional.of(ours)).id();

    OutboxEntry hide = webcare.outbox().enqueue(new HideComment(ID, ours, reply, true), "hide-1")
        .await(Duration.ofSeconds(20));
    assertEquals(OutboxState.SENT, hide.state(), hide.toString());
    assertTrue(x.isHidden(reply));
    OutboxEntry show = webcare.outbox().enqueue(new HideComment(ID, ours, reply, false),
        "show-1").await(Duration.ofSeconds(20));
    assertEquals(OutboxState.SENT, show.state());
    assertFalse(x.isHidden(reply));

    // Only replies in our own conversations can be hidden: X refuses, for good.
    String other = x.mention("3001969357", "furiouscamper", "@gemeente los bericht",
        Optional.empty()).id();
    OutboxEntry refused = webcare.outbox().enqueue(new HideComment(ID, other, other, true),
        "hide-2").await(Duration.ofSeconds(20));
    assertEquals(OutboxState.FAILED, refused.state());
    assertEquals("403", refused.failure().orElseThrow().code());

    OutboxEntry deleted = webcare.outbox().enqueue(new DeleteComment(ID, ours, ours), "del-1")
        .await(Duration.ofSeconds(20));
    assertEquals(OutboxState.SENT, deleted.state(), deleted.toString());
    assertFalse(x.exists(ours));
  }

  @Test
  void publishesAPostWithAnUploadedImageAndTheLinkInTheText() throws Exception {
    startWithOAuth2(XSimulator.builder().build());
    byte[] jpeg = new byte[20_000];
    jpeg[0] = (byte) 0xFF;
    jpeg[1] = (byte) 0xD8;
    String url = x.image("kaart.jpg", jpeg);
    OutboxEntry post = webcare.outbox().enqueue(new PublishPost(ID, PublicationId.of("p-2"),
        "Nieuwe afvalkalender!", Optional.of("https://www.gemeente.nl/afval"),
        List.of(Attachment.builder(AttachmentKind.IMAGE).url(url).mimeType("image/jpeg")
            .build())), "publish-2").await(Duration.ofSeconds(20));
    assertEquals(OutboxState.SENT, post.state(), post.toString());
    List<String> order = x.calls().stream().map(XSimulator.Call::path)
        .filter(p -> !p.startsWith("/media/")).toList();
    assertEquals(List.of("/2/media/upload", "/2/tweets"), order);
    XSimulator.Call tweet = x.calls().get(x.calls().size() - 1);
    assertEquals("Nieuwe afvalkalender! https://www.gemeente.nl/afval",
        tweet.body().path("text").asText());
    assertEquals(1, tweet.body().path("media").path("media_ids").size());
    assertTrue(post.result().orElseThrow().permalink().orElseThrow()
        .startsWith("https://x.com/i/web/status/"));
  }

  @Test
  void rateLimitHeadersPaceTheDispatcherAndA429WaitsUntilTheReset() throws Exception {
    startWithOAuth2(XSimulator.builder().limit("POST /2/tweets", 3)
        .window(Duration.ofSeconds(3)).build());
    Conversation c = receive(x.mention("3001969357", "furiouscamper", "@gemeente Vraag",
        Optional.empty()).webhook());
    // Another client used the window up: the first reply meets a 429 with the reset time.
    OkHttpClient other = new OkHttpClient();
    for (int i = 0; i < 3; i++) {
      try (Response r = other.newCall(new Request.Builder().url(x.baseUrl() + "2/tweets")
          .header("Authorization", "Bearer " + x.accessToken().reveal())
          .post(okhttp3.RequestBody.create("{\"text\":\"ander bericht " + i + "\"}",
              okhttp3.MediaType.get("application/json"))).build()).execute()) {
        assertEquals(201, r.code());
      }
    }
    List<OutboxHandle> handles = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      handles.add(webcare.outbox().send(c.id(), OutboundMessage.text(SANNE.participant(),
          "Antwoord " + i + " ^SV").build()));
    }
    for (OutboxHandle h : handles) {
      assertEquals(OutboxState.SENT, h.await(Duration.ofSeconds(30)).state());
    }
    List<XSimulator.Call> posts = x.calls().stream()
        .filter(k -> k.path().equals("/2/tweets")).toList();
    long refused = posts.size() - 3 - 6;
    assertTrue(refused <= 1, "after the first 429 the headers pace the dispatcher: " + refused);
    // Six replies at three per three-second window need at least two windows after the first.
    Duration span = Duration.between(posts.get(3).at(), posts.get(posts.size() - 1).at());
    assertTrue(span.compareTo(Duration.ofSeconds(3)) >= 0, "spread over windows: " + span);
  }

  @Test
  void theUsersDailyLimitIsKeptApartFromTheEndpointWindow() throws Exception {
    startWithOAuth2(XSimulator.builder().userDailyPosts(2).build());
    Conversation c = receive(x.mention("3001969357", "furiouscamper", "@gemeente Vraag",
        Optional.empty()).webhook());
    assertEquals(OutboxState.SENT, reply(c, "Een ^SV").state());
    assertEquals(OutboxState.SENT, reply(c, "Twee ^SV").state());
    OutboxHandle third = webcare.outbox().send(c.id(), OutboundMessage.text(SANNE.participant(),
        "Drie ^SV").build());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    OutboxEntry e = webcare.outbox().entry(third.id()).orElseThrow();
    while (e.failure().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      e = webcare.outbox().entry(third.id()).orElseThrow();
    }
    assertEquals(OutboxState.QUEUED, e.state(), "kept, not dropped");
    assertTrue(e.failure().orElseThrow().reason().contains("user 24-hour"), e.toString());
    assertTrue(e.nextAttemptAt().isAfter(Instant.now().plus(Duration.ofHours(23))),
        "waits for the user's daily reset: " + e.nextAttemptAt());
  }

  @Test
  void anExpiredAccessTokenIsRefreshedOnceAndARevokedOneFailsForGood() throws Exception {
    startWithOAuth2(XSimulator.builder().build());
    Conversation c = receive(x.mention("3001969357", "furiouscamper", "@gemeente Vraag",
        Optional.empty()).webhook());
    x.expireAccessToken();
    assertEquals(OutboxState.SENT, reply(c, "Na verversen ^SV").state());
    assertEquals(1, refreshed.size());
    assertEquals(x.accessToken().reveal(), refreshed.get(0).accessToken().reveal());
    assertEquals(x.refreshToken().reveal(), refreshed.get(0).refreshToken().orElseThrow()
        .reveal(), "the rotated refresh token is handed to the host");

    x.expireAccessToken();
    x.revokeRefreshToken();
    int before = x.calls().size();
    OutboxEntry failed = reply(c, "Gaat niet ^SV");
    assertEquals(OutboxState.FAILED, failed.state());
    assertEquals("400", failed.failure().orElseThrow().code());
    assertTrue(failed.failure().orElseThrow().reason().contains("reconnect"),
        failed.failure().toString());
    assertEquals(before + 2, x.calls().size(), "one 401, one refused refresh, no retries");
    assertFalse(failed.failure().toString().contains(x.refreshToken().reveal()));
  }

  @Test
  void signsWithOAuth1WhereConfigured() throws Exception {
    Secret tokenSecret = Secret.of("token-secret");
    this.x = XSimulator.builder().oauth1("consumer-key", "1000000001-token", tokenSecret)
        .build();
    start(x, channel().oauth1("consumer-key", x.consumerSecret(), "1000000001-token",
        tokenSecret).build());
    Conversation c = receive(x.mention("3001969357", "furiouscamper", "@gemeente Vraag",
        Optional.empty()).webhook());
    assertEquals(OutboxState.SENT, reply(c, "Getekend ^SV").state());

    webcare.close();
    webcare = Webcare.builder().store(InMemoryWebcareStore.create()).outboxPolicy(fastOutbox())
        .channel(channel().oauth1("consumer-key", x.consumerSecret(), "1000000001-token",
            Secret.of("wrong")).build()).build();
    Conversation c2 = receive(x.mention("3001969357", "furiouscamper", "@gemeente Nog een",
        Optional.empty()).webhook());
    OutboxEntry refused = reply(c2, "Verkeerd getekend ^SV");
    assertEquals(OutboxState.FAILED, refused.state());
    assertEquals("401", refused.failure().orElseThrow().code());
  }
}
