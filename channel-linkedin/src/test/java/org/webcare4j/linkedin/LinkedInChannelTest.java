package org.webcare4j.linkedin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.channel.DeleteComment;
import org.webcare4j.core.channel.PublishPost;
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
import org.webcare4j.core.outbox.OutboundMessage;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxHandle;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.testing.FastOutbox;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.core.webhook.WebhookResponse;
import org.webcare4j.linkedin.internal.LinkedInUrn;
import org.webcare4j.testkit.LinkedInSimulator;

/** The LinkedIn channel end to end against the LinkedIn simulator, through a real Webcare. */
class LinkedInChannelTest {
  private static final ChannelId ID = ChannelId.of("linkedin-gemeente");
  private static final AgentIdentity SANNE = new AgentIdentity("u-17", "Sanne", "SV");

  private LinkedInSimulator li;
  private Webcare webcare;
  private final List<OAuthTokens> refreshed = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (webcare != null) {
      webcare.close();
    }
    if (li != null) {
      li.close();
    }
  }

  private void start(LinkedInSimulator simulator, boolean refreshable) {
    this.li = simulator;
    OAuthTokens tokens = refreshable
        ? OAuthTokens.of(li.accessToken(), li.refreshToken(), Instant.now().plus(
            Duration.ofDays(60)))
        : OAuthTokens.of(li.accessToken());
    webcare = Webcare.builder().store(InMemoryWebcareStore.create())
        .outboxPolicy(FastOutbox.oneAtATime())
        .channel(LinkedInChannel.builder(ID).organizationId(li.organizationId())
            .baseUrl(li.baseUrl()).tokenUrl(li.tokenUrl()).tokens(tokens)
            .clientId(li.clientId()).clientSecret(li.clientSecret())
            .onTokensRefreshed(refreshed::add).build())
        .build();
  }

  private OutboxEntry publish(String key, String text, Optional<String> link,
      List<Attachment> media) throws Exception {
    return webcare.outbox().enqueue(new PublishPost(ID, PublicationId.of(key), text, link,
        media), key).await(Duration.ofSeconds(20));
  }

  private Conversation receive(WebhookRequest webhook) {
    WebhookResponse r = webcare.webhooks().handle(webhook);
    assertEquals(200, r.status(), r.bodyText());
    return webcare.inbox().query(InboxQuery.builder().build()).items().get(0);
  }

  @Test
  void publishesTextWithReservedCharactersAsWritten() throws Exception {
    start(LinkedInSimulator.builder().build(), false);
    String text = "Vacature (32-36 uur): beleidsadviseur #werkenbijdegemeente @Gemeente"
        + " [reageer vóór 1 mei] {salaris} <schaal 11> a_b*c~d|e \\ klaar.";
    OutboxEntry post = publish("p-1", text, Optional.empty(), List.of());
    assertEquals(OutboxState.SENT, post.state(), post.toString());
    String urn = post.result().orElseThrow().platformId().orElseThrow();
    assertEquals(LinkedInUrn.Type.SHARE, LinkedInUrn.parse(urn).type());
    assertEquals(Optional.of(text), li.shownText(urn), "nothing cut off");
    assertEquals(Optional.of("https://www.linkedin.com/feed/update/" + urn + "/"),
        post.result().orElseThrow().permalink());
  }

  @Test
  void publishesALinkAsAnArticleAndAnImageThroughTheUploadFlow() throws Exception {
    start(LinkedInSimulator.builder().build(), false);
    OutboxEntry article = publish("p-2", "Lees over de nieuwe woonvisie.",
        Optional.of("https://www.gemeente.nl/woonvisie"), List.of());
    assertEquals(OutboxState.SENT, article.state(), article.toString());
    assertEquals("https://www.gemeente.nl/woonvisie", li.post(article.result().orElseThrow()
        .platformId().orElseThrow()).orElseThrow().path("article").asText());

    String url = li.image("beurs.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
    OutboxEntry image = publish("p-3", "Banenbeurs op 12 juni!", Optional.empty(),
        List.of(Attachment.builder(AttachmentKind.IMAGE).url(url).mimeType("image/jpeg")
            .caption("Bezoekers op de banenbeurs").build()));
    assertEquals(OutboxState.SENT, image.state(), image.toString());
    String imageUrn = li.post(image.result().orElseThrow().platformId().orElseThrow())
        .orElseThrow().path("image").asText();
    assertEquals(LinkedInUrn.Type.IMAGE, LinkedInUrn.parse(imageUrn).type());
    List<String> flow = li.calls().stream().map(c -> c.method() + " " + c.path())
        .filter(p -> !p.contains("/files/")).toList();
    assertEquals(List.of("POST /rest/posts", "POST /rest/images", "PUT /upload/"
        + imageUrn.substring("urn:li:image:".length()), "POST /rest/posts"), flow);
  }

  @Test
  void everyRequestCarriesTheVersionHeaders() throws Exception {
    start(LinkedInSimulator.builder().build(), false);
    String post = li.existingPost("Nieuws");
    Conversation c = receive(li.comment("vGvKjdnbpT", post, "Mooi!", Optional.empty())
        .webhook());
    assertEquals(OutboxState.SENT, webcare.outbox().send(c.id(), OutboundMessage.text(
        SANNE.participant(), "Dank je wel! ^SV").build()).await(Duration.ofSeconds(20)).state());
    publish("p-4", "Tekst", Optional.empty(), List.of());
    List<LinkedInSimulator.Call> api = li.calls().stream()
        .filter(k -> k.path().startsWith("/rest/")).toList();
    assertFalse(api.isEmpty());
    for (LinkedInSimulator.Call k : api) {
      assertEquals(LinkedInChannel.DEFAULT_VERSION, k.headers().get("linkedin-version"),
          k.path());
      assertEquals("2.0.0", k.headers().get("x-restli-protocol-version"), k.path());
    }
  }

  @Test
  void anInactiveVersionIsRefusedForGood() throws Exception {
    start(LinkedInSimulator.builder().oldestVersion("203001").build(), false);
    OutboxEntry refused = publish("p-5", "Tekst", Optional.empty(), List.of());
    assertEquals(OutboxState.FAILED, refused.state());
    assertEquals("NONEXISTENT_VERSION", refused.failure().orElseThrow().code());
  }

  @Test
  void answersTheChallengeAndChecksTheSignature() {
    start(LinkedInSimulator.builder().build(), false);
    WebhookResponse challenge = webcare.webhooks().handle(WebhookRequest.builder("GET",
        "/webhooks/linkedin-gemeente").queryParameter("challengeCode",
        "890e4665-4dfe-4ab1-b689-ed553bceeed0").build());
    assertEquals(200, challenge.status());
    // Computed independently: hex HMAC-SHA256 of the code with "test-client-secret".
    assertEquals("{\"challengeCode\":\"890e4665-4dfe-4ab1-b689-ed553bceeed0\","
        + "\"challengeResponse\":\""
        + hmacHex("test-client-secret", "890e4665-4dfe-4ab1-b689-ed553bceeed0") + "\"}",
        challenge.bodyText());

    String post = li.existingPost("Nieuws");
    WebhookRequest good = li.comment("vGvKjdnbpT", post, "Goed bezig", Optional.empty())
        .webhook();
    byte[] tampered = good.body().clone();
    tampered[tampered.length - 5] ^= 1;
    assertTrue(webcare.webhooks().handle(WebhookRequest.builder("POST", good.path())
        .header("X-LI-Signature", good.header("X-LI-Signature").orElseThrow())
        .body(tampered).build()).status() >= 400);
    assertEquals(200, webcare.webhooks().handle(good).status());
  }

  @Test
  void acceptsBothReadingsOfTheDocumentedSignatureAndNothingElse() {
    start(LinkedInSimulator.builder().build(), false);
    String post = li.existingPost("Nieuws");
    byte[] body = li.comment("vGvKjdnbpT", post, "Goed bezig", Optional.empty()).webhook()
        .body();
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    String ofBody = hmacHex("test-client-secret", text);
    String ofPrefixedBody = hmacHex("test-client-secret", "hmacsha256=" + text);
    for (String header : List.of("hmacsha256=" + ofBody, ofBody, ofPrefixedBody,
        "hmacsha256=" + ofPrefixedBody, "HMACSHA256=" + ofBody.toUpperCase())) {
      assertEquals(200, deliverSigned(body, header), header);
    }
    String otherSecret = hmacHex("another-secret", text);
    byte[] tampered = body.clone();
    tampered[tampered.length - 5] ^= 1;
    for (int status : new int[] {deliverSigned(body, otherSecret),
        deliverSigned(body, "hmacsha256=" + hmacHex("another-secret", "hmacsha256=" + text)),
        deliverSigned(tampered, "hmacsha256=" + ofBody), deliverSigned(tampered, ofPrefixedBody),
        deliverSigned(body, "sha256=" + ofBody), deliverSigned(body, "")}) {
      assertTrue(status == 401 || status == 403, "refused, not " + status);
    }
  }

  private int deliverSigned(byte[] body, String signature) {
    return webcare.webhooks().handle(WebhookRequest.builder("POST",
        "/webhooks/linkedin-gemeente").header("X-LI-Signature", signature).body(body).build())
        .status();
  }

  private static String hmacHex(String key, String text) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(
          java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(
          java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsARepliesInTheThreadWithNestingAndDeletesItsOwnComment() throws Exception {
    start(LinkedInSimulator.builder().build(), false);
    String post = li.existingPost("Wij zoeken een beleidsadviseur");
    LinkedInSimulator.Comment question = li.comment("vGvKjdnbpT", post,
        "Is deze functie ook parttime?", Optional.empty());
    Conversation c = receive(question.webhook());
    assertEquals(post, c.platformThreadId());
    Message inbound = webcare.inbox().messages(c.id()).get(0);
    assertEquals(Optional.of(question.commentUrn()), inbound.platformId());

    OutboxEntry answer = webcare.compose(c.id()).agent(SANNE)
        .text("Hoi, ja: 32 tot 36 uur kan. Bel gerust met Petra via 14 020. ^SV")
        .inReplyTo(inbound.platformId().orElseThrow()).send().await(Duration.ofSeconds(20));
    assertEquals(OutboxState.SENT, answer.state(), answer.toString());
    String ours = answer.result().orElseThrow().platformId().orElseThrow();
    assertEquals(Optional.of(question.commentUrn()), li.parentOf(ours), "a nested reply");

    // A follow-up in the same post's comments joins the thread.
    receive(li.comment("Xy12AbCd", post, "En thuiswerken?", Optional.of(question.commentUrn()))
        .webhook());
    assertEquals(1, webcare.inbox().query(InboxQuery.builder().build()).items().size());
    assertEquals(3, webcare.inbox().messages(c.id()).size());

    OutboxEntry deleted = webcare.outbox().enqueue(new DeleteComment(ID, post, ours), "del-1")
        .await(Duration.ofSeconds(20));
    assertEquals(OutboxState.SENT, deleted.state(), deleted.toString());
    assertFalse(li.commentExists(ours));
    OutboxEntry notOurs = webcare.outbox().enqueue(new DeleteComment(ID, post,
        question.commentUrn()), "del-2").await(Duration.ofSeconds(20));
    assertEquals(OutboxState.FAILED, notOurs.state());
    assertTrue(li.commentExists(question.commentUrn()));
  }

  @Test
  void aDailyQuotaWaitsUntilMidnightUtcAndDropsNothing() throws Exception {
    start(LinkedInSimulator.builder().memberDaily(2).build(), false);
    assertEquals(OutboxState.SENT, publish("p-6", "Een", Optional.empty(), List.of()).state());
    assertEquals(OutboxState.SENT, publish("p-7", "Twee", Optional.empty(), List.of()).state());
    OutboxHandle third = webcare.outbox().enqueue(new PublishPost(ID, PublicationId.of("p-8"),
        "Drie", Optional.empty(), List.of()), "p-8");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    OutboxEntry e = webcare.outbox().entry(third.id()).orElseThrow();
    while (e.failure().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      e = webcare.outbox().entry(third.id()).orElseThrow();
    }
    assertEquals(OutboxState.QUEUED, e.state(), "kept, not dropped");
    assertTrue(e.failure().orElseThrow().reason().contains("member quota"), e.toString());
    Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay()
        .toInstant(ZoneOffset.UTC);
    assertTrue(!e.nextAttemptAt().isBefore(midnight.minusSeconds(5)),
        "waits for the reset at midnight UTC: " + e.nextAttemptAt());
  }

  @Test
  void anExpiredTokenIsRefreshedWhereGrantedElseFailsForGoodNamingTheChannel()
      throws Exception {
    start(LinkedInSimulator.builder().build(), true);
    li.expireAccessToken();
    assertEquals(OutboxState.SENT, publish("p-9", "Na verversen", Optional.empty(), List.of())
        .state());
    assertEquals(1, refreshed.size());
    assertEquals(li.accessToken().reveal(), refreshed.get(0).accessToken().reveal());
    webcare.close();
    li.close();

    start(LinkedInSimulator.builder().build(), false);
    li.expireAccessToken();
    int before = li.calls().size();
    OutboxEntry failed = publish("p-10", "Verlopen", Optional.empty(), List.of());
    assertEquals(OutboxState.FAILED, failed.state());
    assertEquals("REVOKED_ACCESS_TOKEN", failed.failure().orElseThrow().code());
    assertTrue(failed.failure().orElseThrow().reason().contains("linkedin-gemeente"),
        failed.failure().toString());
    assertEquals(before + 1, li.calls().size(), "not retried");
  }
}
