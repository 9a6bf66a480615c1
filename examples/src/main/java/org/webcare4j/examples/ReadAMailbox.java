package org.webcare4j.examples;

import java.time.Duration;
import java.util.List;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.email.EmailChannel;
import org.webcare4j.testkit.LocalMailServer;

/**
 * Read a mailbox into the inbox and answer a mail: new mail over IMAP (IDLE where the server
 * offers it), threads by their headers, HTML turned into safe text, the answer sent over SMTP
 * in the same thread. Runs against a local mail server with two inwoners' mails; for a real
 * mailbox set {@code MAIL_ADDRESS}, {@code MAIL_HOST} (IMAPS on 993, SMTP with STARTTLS on 587),
 * {@code MAIL_USER} and {@code MAIL_PASSWORD}, and it only lists what is there.
 */
public final class ReadAMailbox {
  private ReadAMailbox() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   * @throws Exception when interrupted or the answer is not confirmed in time
   */
  public static void main(String[] args) throws Exception {
    String address = System.getenv("MAIL_ADDRESS");
    String host = System.getenv("MAIL_HOST");
    if (address != null && host != null) {
      EmailChannel mailbox = EmailChannel.builder(ChannelId.of("email-kcc"))
          .address(address).organisationName("Gemeente Voorbeeld")
          .imap(host, 993, EmailChannel.Security.SSL)
          .smtp(host, 587, EmailChannel.Security.STARTTLS)
          .credentials(System.getenv("MAIL_USER"), Secret.fromEnvironment("MAIL_PASSWORD"))
          .build();
      try (Webcare webcare = Webcare.builder().store(InMemoryWebcareStore.create()).channel(mailbox)
          .build()) {
        list(webcare, awaitConversations(webcare, 1, Duration.ofSeconds(15)));
      }
      return;
    }
    try (LocalMailServer server = LocalMailServer.start("kcc@gemeente.example")) {
      EmailChannel mailbox = EmailChannel.builder(ChannelId.of("email-kcc"))
          .address(server.mailbox()).organisationName("Gemeente Voorbeeld")
          .imap(server.host(), server.imapPort(), EmailChannel.Security.NONE)
          .smtp(server.host(), server.smtpPort(), EmailChannel.Security.NONE)
          .credentials(server.user(), server.password())
          .build();
      server.inwonerWrites("p.jansen@example.nl", "Piet Jansen", "Parkeervergunning verhuizing",
          "Ik verhuis op 1 december naar de Kerkstraat. Kan ik mijn parkeervergunning"
              + " meenemen?");
      server.inwonerWrites("a.bakker@example.nl", "Anna Bakker", "Grofvuil ophalen",
          "Hoe maak ik een afspraak om grofvuil te laten ophalen?");
      try (Webcare webcare = Webcare.builder().store(InMemoryWebcareStore.create()).channel(mailbox)
          .build()) {
        List<Conversation> conversations = awaitConversations(webcare, 2,
            Duration.ofSeconds(15));
        list(webcare, conversations);

        Conversation piet = conversations.stream()
            .filter(c -> c.subject().orElse("").startsWith("Parkeer")).findFirst().orElseThrow();
        OutboxEntry sent = webcare.compose(piet.id())
            .agent(new AgentIdentity("sanne", "Sanne", "SV"))
            .text("Beste heer Jansen,\n\nDank u voor uw vraag. U kunt uw parkeervergunning"
                + " omzetten naar uw nieuwe adres via Mijn Gemeente op onze website. Dat kan"
                + " vanaf twee weken voor uw verhuizing.\n\nMet vriendelijke groet,\nSanne")
            .send().await(Duration.ofSeconds(10));
        System.out.println("Antwoord " + sent.state() + "; in de mailbox van Piet: "
            + server.receivedBy("p.jansen@example.nl").get(0).subject());
      }
    }
  }

  private static List<Conversation> awaitConversations(Webcare webcare, int atLeast,
      Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    List<Conversation> found = List.of();
    while (System.nanoTime() < deadline) {
      found = webcare.inbox().query(InboxQuery.builder().build()).items();
      if (found.size() >= atLeast) {
        break;
      }
      Thread.sleep(100);
    }
    return found;
  }

  private static void list(Webcare webcare, List<Conversation> conversations) {
    for (Conversation c : conversations) {
      System.out.println(c.subject().orElse("(geen onderwerp)") + " — "
          + webcare.inbox().messages(c.id()).size() + " bericht(en)");
    }
  }
}
