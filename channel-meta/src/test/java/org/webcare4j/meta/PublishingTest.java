package org.webcare4j.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.channel.PublishPost;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.ChannelPublication;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.testkit.FacebookPageSimulator;

/** Posts on a page (text, link, photo) and on Instagram (container, then publish). */
class PublishingTest {
  private static final Attachment IMAGE = Attachment.builder(AttachmentKind.IMAGE)
      .url("https://www.gemeente.nl/img/afvalkalender.jpg").build();
  private FacebookPageSimulator graph;
  private FacebookPageChannel page;
  private InstagramChannel instagram;
  private Webcare webcare;
  private final WebcareStore store = InMemoryWebcareStore.create();

  @BeforeEach
  void start() {
    graph = FacebookPageSimulator.builder().build();
    page = FacebookPageChannel.builder(ChannelId.of("facebook-gemeente")).baseUrl(graph.baseUrl())
        .pageId(graph.pageId()).appSecret(graph.appSecret()).verifyToken(Secret.of("v"))
        .pageAccessToken(graph.pageAccessToken()).build();
    instagram = InstagramChannel.builder(ChannelId.of("instagram-gemeente"))
        .baseUrl(graph.baseUrl()).accountId(graph.instagramAccountId())
        .appSecret(graph.appSecret()).verifyToken(Secret.of("v"))
        .accessToken(graph.pageAccessToken()).build();
    webcare = Webcare.builder().store(store).channel(page).channel(instagram)
        .dispatchExecutor(Runnable::run).build();
  }

  @AfterEach
  void stop() {
    webcare.close();
    graph.close();
  }

  private OutboxEntry publish(PublishPost post, String key) throws Exception {
    return webcare.outbox().enqueue(post, key).await(Duration.ofSeconds(20));
  }

  @Test
  void aPagePostWithALinkAndAPhotoPostGetTheirIdsAndPermalinks() throws Exception {
    OutboxEntry text = publish(new PublishPost(page.id(), PublicationId.of("p-1"),
        "De nieuwe afvalkalender staat online.", Optional.of("https://www.gemeente.nl/afval"),
        List.of()), "p-1-fb");
    assertEquals(OutboxState.SENT, text.state(), text.toString());
    FacebookPageSimulator.Call call = graph.calls().get(0);
    assertEquals(graph.pageId() + "/feed", call.path());
    assertEquals("https://www.gemeente.nl/afval", call.body().path("link").asText());
    String postId = text.result().orElseThrow().platformId().orElseThrow();
    assertTrue(postId.startsWith(graph.pageId() + "_"), postId);
    assertEquals("https://www.facebook.com/" + postId,
        text.result().orElseThrow().permalink().orElseThrow());

    OutboxEntry photo = publish(new PublishPost(page.id(), PublicationId.of("p-2"),
        "Zo ziet hij eruit.", Optional.empty(), List.of(IMAGE)), "p-2-fb");
    assertEquals(OutboxState.SENT, photo.state());
    assertEquals(graph.pageId() + "/photos", graph.calls().get(1).path());
    assertEquals(IMAGE.url().orElseThrow(), graph.calls().get(1).body().path("url").asText());
  }

  @Test
  void anInstagramPostIsAContainerThenItsPublication() throws Exception {
    OutboxEntry done = publish(new PublishPost(instagram.id(), PublicationId.of("p-3"),
        "De nieuwe afvalkalender! #afval", Optional.empty(), List.of(IMAGE)), "p-3-ig");
    assertEquals(OutboxState.SENT, done.state(), done.toString());
    List<FacebookPageSimulator.Call> calls = graph.calls();
    assertEquals(graph.instagramAccountId() + "/media", calls.get(0).path());
    assertEquals(graph.instagramAccountId() + "/media_publish", calls.get(1).path());
    assertTrue(done.result().orElseThrow().platformId().isPresent());

    OutboxEntry textOnly = publish(new PublishPost(instagram.id(), PublicationId.of("p-4"),
        "Alleen tekst", Optional.empty(), List.of()), "p-4-ig");
    assertEquals(OutboxState.FAILED, textOnly.state());
    assertTrue(textOnly.failure().orElseThrow().reason().contains("needs an image"));
  }

  @Test
  void eachChannelsPostIdIsRecordedOnThePublication() throws Exception {
    Publication pub = new Publication(PublicationId.of("p-5"), "u-17",
        "De nieuwe afvalkalender staat online.", List.of(IMAGE), Optional.empty(), Map.of(),
        new LinkedHashMap<>(Map.of(page.id(), ChannelPublication.pending(page.id()),
            instagram.id(), ChannelPublication.pending(instagram.id()))),
        Optional.empty(), PublicationState.PUBLISHING, Instant.now(), 0);
    store.inTransaction(tx -> {
      tx.insertPublication(pub);
      return null;
    });
    for (ChannelId channel : List.of(page.id(), instagram.id())) {
      assertEquals(OutboxState.SENT, publish(new PublishPost(channel, pub.id(),
          pub.textFor(channel), pub.linkFor(channel), pub.mediaFor(channel)),
          "p-5-" + channel).state());
    }
    Publication after = store.inTransaction(tx -> tx.publication(pub.id())).orElseThrow();
    assertEquals(PublicationState.PUBLISHED, after.state());
    ChannelPublication fb = after.results().get(page.id());
    assertEquals(ChannelPublication.Status.PUBLISHED, fb.status());
    assertTrue(fb.platformPostId().orElseThrow().startsWith(graph.pageId() + "_"));
    assertTrue(fb.permalink().orElseThrow().startsWith("https://www.facebook.com/"));
    assertTrue(after.results().get(instagram.id()).platformPostId().isPresent());
  }

  @Test
  void aRefusedPostIsRecordedAsFailedWithTheReason() throws Exception {
    Publication pub = new Publication(PublicationId.of("p-6"), "u-17", "Alleen tekst",
        List.of(), Optional.empty(), Map.of(),
        new LinkedHashMap<>(Map.of(instagram.id(), ChannelPublication.pending(instagram.id()))),
        Optional.empty(), PublicationState.PUBLISHING, Instant.now(), 0);
    store.inTransaction(tx -> {
      tx.insertPublication(pub);
      return null;
    });
    publish(new PublishPost(instagram.id(), pub.id(), pub.text(), Optional.empty(), List.of()),
        "p-6-ig");
    Publication after = store.inTransaction(tx -> tx.publication(pub.id())).orElseThrow();
    assertEquals(PublicationState.FAILED, after.state());
    assertTrue(after.results().get(instagram.id()).failure().orElseThrow().reason()
        .contains("needs an image"));
  }
}
