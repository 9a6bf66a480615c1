package org.webcare4j.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.ChannelPublication;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.PublicationState;
import org.webcare4j.core.model.PublicationVariant;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.publish.ChannelReport;
import org.webcare4j.core.publish.PublicationDraft;
import org.webcare4j.core.publish.PublicationReport;
import org.webcare4j.core.publish.PublishingPolicy;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.tone.Severity;
import org.webcare4j.testkit.FacebookPageSimulator;

/** A planned publication for a page and Instagram: validated per channel, approved, published. */
class PlannedPublicationTest {
  private static final ChannelId FB = ChannelId.of("facebook-gemeente");
  private static final ChannelId IG = ChannelId.of("instagram-gemeente");
  private static final String TEXT = "Vanaf 1 april haalt de gemeente het oud papier elke"
      + " twee weken op. Kijk in de Afvalwijzer wanneer uw straat aan de beurt is.";
  private static final String LINK = "https://www.gemeente.nl/afvalwijzer";

  private FacebookPageSimulator graph;
  private Webcare webcare;

  @BeforeEach
  void start() {
    graph = FacebookPageSimulator.builder().build();
    webcare = Webcare.builder()
        .store(InMemoryWebcareStore.create())
        .publishing(PublishingPolicy.defaults().withPollInterval(Duration.ofMillis(50)))
        .channel(FacebookPageChannel.builder(FB).baseUrl(graph.baseUrl())
            .pageId(graph.pageId()).appSecret(graph.appSecret()).verifyToken(Secret.of("v"))
            .pageAccessToken(graph.pageAccessToken()).build())
        .channel(InstagramChannel.builder(IG).baseUrl(graph.baseUrl())
            .accountId(graph.instagramAccountId()).appSecret(graph.appSecret())
            .verifyToken(Secret.of("v")).accessToken(graph.pageAccessToken()).build())
        .build();
  }

  @AfterEach
  void stop() {
    webcare.close();
    graph.close();
  }

  private static Attachment image(String type, long bytes) {
    return Attachment.builder(AttachmentKind.IMAGE).url("https://www.gemeente.nl/img/papier.jpg")
        .mimeType(type).sizeBytes(bytes).build();
  }

  private PublicationReport validate(PublicationVariant instagram) {
    return webcare.publications().validate(PublicationDraft.text(TEXT).link(LINK)
        .channels(FB).variant(IG, instagram).build());
  }

  @Test
  void eachChannelValidatesItsOwnVariant() {
    PublicationReport noImage = validate(new PublicationVariant(Optional.empty(),
        Optional.empty(), Optional.empty()));
    assertTrue(noImage.channel(FB).findings().stream()
        .noneMatch(f -> f.severity() == Severity.BLOCK), noImage.channel(FB).toString());
    ChannelReport ig = noImage.channel(IG);
    assertTrue(ig.has("MEDIA_REQUIRED"));
    assertTrue(ig.findings().stream().anyMatch(f -> f.rule().equals("LINK_NOT_CLICKABLE")
        && f.severity() == Severity.WARN));
    assertTrue(ig.text().endsWith("\n" + LINK), "the link is part of the caption");
    assertEquals(TEXT.length() + 1 + LINK.length(), ig.length());

    ChannelReport png = validate(new PublicationVariant(Optional.empty(),
        Optional.of(List.of(image("image/png", 300_000))), Optional.empty())).channel(IG);
    assertTrue(png.has("MEDIA_TYPE"), "Instagram takes JPEG only");
    ChannelReport big = validate(new PublicationVariant(Optional.empty(),
        Optional.of(List.of(image("image/jpeg", 9L * 1024 * 1024))), Optional.empty()))
        .channel(IG);
    assertTrue(big.has("MEDIA_SIZE"), "over 8 MiB");
    PublicationReport two = webcare.publications().validate(PublicationDraft.text(TEXT)
        .channels(FB).media(image("image/jpeg", 1000)).media(image("image/jpeg", 1000)).build());
    assertTrue(two.channel(FB).has("MEDIA_COUNT"));

    // 2,200 characters fit an Instagram caption, not 2,201; a page takes far more.
    String caption = "a".repeat(2200);
    PublicationReport exact = webcare.publications().validate(PublicationDraft.text(caption)
        .channels(FB, IG).media(image("image/jpeg", 1000)).build());
    assertTrue(exact.schedulable(), exact.blocking().toString());
    PublicationReport over = webcare.publications().validate(PublicationDraft.text(caption + "a")
        .channels(FB, IG).media(image("image/jpeg", 1000)).build());
    assertTrue(over.channel(IG).has("POST_LENGTH"));
    assertFalse(over.channel(FB).has("POST_LENGTH"));
  }

  @Test
  void anApprovedPublicationGoesOutOnBothChannelsWithPostIdsAndLinks() throws Exception {
    var pubs = webcare.publications();
    Publication p = pubs.create("u-anna", PublicationDraft.text(TEXT).link(LINK).channels(FB)
        .variant(IG, new PublicationVariant(Optional.of(TEXT + " #oudpapier"),
            Optional.of(List.of(image("image/jpeg", 250_000))), Optional.empty()))
        .build());
    assertTrue(pubs.validate(p.id()).schedulable(), pubs.validate(p.id()).toString());
    pubs.schedule(p.id(), "u-anna", ZonedDateTime.ofInstant(Instant.now().plusSeconds(1),
        PublishingPolicy.AMSTERDAM));
    pubs.approve(p.id(), "u-carla", "Akkoord");

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Publication done = pubs.get(p.id()).orElseThrow();
    while (done.state() != PublicationState.PUBLISHED && System.nanoTime() < deadline) {
      Thread.sleep(50);
      done = pubs.get(p.id()).orElseThrow();
    }
    assertEquals(PublicationState.PUBLISHED, done.state(), pubs.history(p.id()).toString());
    ChannelPublication fb = done.results().get(FB);
    assertTrue(fb.platformPostId().orElseThrow().startsWith(graph.pageId() + "_"));
    assertEquals(Optional.of("https://www.facebook.com/" + fb.platformPostId().get()),
        fb.permalink());
    assertTrue(done.results().get(IG).platformPostId().isPresent());

    var feed = graph.calls().stream().filter(c -> c.path().endsWith("/feed")).toList();
    assertEquals(1, feed.size());
    assertEquals(TEXT, feed.get(0).body().path("message").asText());
    assertEquals(LINK, feed.get(0).body().path("link").asText());
    var container = graph.calls().stream().filter(c -> c.path().endsWith("/media")).toList();
    assertEquals(1, container.size());
    assertEquals(TEXT + " #oudpapier\n" + LINK, container.get(0).body().path("caption").asText());
    assertEquals(1, graph.calls().stream().filter(c -> c.path().endsWith("/media_publish"))
        .count());
  }
}
