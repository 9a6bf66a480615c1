package org.webcare4j.examples;

import java.time.Duration;
import org.webcare4j.core.ReplyDraft;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.testkit.WhatsAppSimulator;
import org.webcare4j.whatsapp.WhatsAppChannel;

/**
 * Receive a WhatsApp message and reply to it, checked against the tone rules. Runs against the
 * WhatsApp simulator; for the real Cloud API leave out {@code baseUrl} and give your own phone
 * number id, app secret, verify token and access token, and mount {@code
 * webcare.webhooks().httpHandler()} where Meta posts its webhooks.
 */
public final class ReceiveAndReplyOnWhatsApp {
  private ReceiveAndReplyOnWhatsApp() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   * @throws Exception when the reply is not confirmed in time
   */
  public static void main(String[] args) throws Exception {
    try (WhatsAppSimulator cloudApi = WhatsAppSimulator.builder().build();
        Webcare webcare = Webcare.builder()
            .store(InMemoryWebcareStore.create())
            .channel(WhatsAppChannel.builder(ChannelId.of("whatsapp-main"))
                .baseUrl(cloudApi.baseUrl())
                .phoneNumberId(cloudApi.phoneNumberId())
                .appSecret(cloudApi.appSecret())
                .verifyToken(Secret.of("my-verify-token"))
                .accessToken(cloudApi.accessToken())
                .build())
            .build()) {
      // Meta posts a signed webhook; here the simulator makes one.
      webcare.webhooks().handle(cloudApi.inboundText("31612345678", "Jan de Vries",
          "Hoi, wanneer wordt het oud papier opgehaald in de Dorpsstraat?"));
      Conversation c = webcare.inbox().query(InboxQuery.builder().build()).items().get(0);
      System.out.println("Inwoner: " + webcare.inbox().messages(c.id()).get(0).text());

      ReplyDraft reply = webcare.compose(c.id())
          .agent(new AgentIdentity("sanne", "Sanne", "SV"))
          .text("Hoi Jan, dank je voor je vraag! In de Dorpsstraat halen we het oud papier elke"
              + " tweede dinsdag van de maand op. Zet de container vóór 7.30 uur buiten.");
      reply.applyFixes();              // adds the sign-off
      OutboxEntry sent = reply.send()  // ToneBlockedException if a house rule blocks it
          .await(Duration.ofSeconds(10));
      System.out.println("Antwoord " + sent.state() + ": " + cloudApi.sent().get(0));
    }
  }
}
