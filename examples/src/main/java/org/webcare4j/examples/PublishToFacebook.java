package org.webcare4j.examples;

import java.time.Duration;
import java.time.ZonedDateTime;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.PublicationState;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.publish.PublicationDraft;
import org.webcare4j.core.publish.Publications;
import org.webcare4j.core.publish.PublishingPolicy;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.meta.FacebookPageChannel;
import org.webcare4j.testkit.FacebookPageSimulator;

/**
 * Write a post, have a colleague approve it, and let the scheduler publish it on a Facebook
 * page. Runs against the Graph API simulator; for a real page leave out {@code baseUrl} and give
 * your page id, app secret and page access token.
 */
public final class PublishToFacebook {
  private PublishToFacebook() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   * @throws InterruptedException when interrupted while waiting for the scheduler
   */
  public static void main(String[] args) throws InterruptedException {
    ChannelId page = ChannelId.of("facebook-gemeente");
    try (FacebookPageSimulator graph = FacebookPageSimulator.builder().build();
        Webcare webcare = Webcare.builder()
            .store(InMemoryWebcareStore.create())
            .channel(FacebookPageChannel.builder(page).baseUrl(graph.baseUrl())
                .pageId(graph.pageId()).appSecret(graph.appSecret())
                .verifyToken(Secret.of("my-verify-token"))
                .pageAccessToken(graph.pageAccessToken()).build())
            .publishing(PublishingPolicy.defaults().withPollInterval(Duration.ofMillis(200)))
            .build()) {
      Publications publications = webcare.publications();
      Publication draft = publications.create("sanne", PublicationDraft
          .text("Zaterdag is de milieustraat open van 9 tot 16 uur. Neem je afvalpas mee!")
          .link("https://www.gemeente.nl/milieustraat")
          .channels(page)
          .build());
      System.out.println("Controle: " + publications.validate(draft.id()).channel(page)
          .findings());
      publications.schedule(draft.id(), "sanne",
          ZonedDateTime.now(PublishingPolicy.AMSTERDAM).plusSeconds(1));
      publications.approve(draft.id(), "carla", "Akkoord");   // four eyes: not the author

      Publication p = publications.get(draft.id()).orElseThrow();
      for (int i = 0; i < 100 && p.state() != PublicationState.PUBLISHED; i++) {
        Thread.sleep(100);
        p = publications.get(draft.id()).orElseThrow();
      }
      System.out.println(p.state() + " op " + p.results().get(page).permalink().orElse("?"));
      publications.history(draft.id()).forEach(e ->
          System.out.println("  " + e.at() + " " + e.actor() + " " + e.action()));
    }
  }
}
