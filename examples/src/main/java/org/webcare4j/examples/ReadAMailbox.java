package org.webcare4j.examples;

import java.nio.file.Path;
import java.time.Duration;
import org.webcare4j.core.InboxQuery;
import org.webcare4j.core.Secret;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.store.JdbcWebcareStore;
import org.webcare4j.email.EmailChannel;

/**
 * Read a mailbox into the inbox: new mail over IMAP (IDLE where the server offers it), threads
 * by their headers, HTML turned into safe text, the position kept in the embedded store so a
 * restart reads nothing twice. Give the mailbox in environment variables: {@code MAIL_ADDRESS},
 * {@code MAIL_HOST} (IMAP and SMTP), {@code MAIL_USER}, {@code MAIL_PASSWORD}.
 */
public final class ReadAMailbox {
  private ReadAMailbox() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   * @throws InterruptedException when interrupted while reading
   */
  public static void main(String[] args) throws InterruptedException {
    String address = System.getenv("MAIL_ADDRESS");
    String host = System.getenv("MAIL_HOST");
    if (address == null || host == null) {
      System.out.println("Set MAIL_ADDRESS, MAIL_HOST, MAIL_USER and MAIL_PASSWORD first.");
      return;
    }
    EmailChannel mailbox = EmailChannel.builder(ChannelId.of("email-kcc"))
        .address(address).organisationName("Gemeente Voorbeeld")
        .imap(host, 993, EmailChannel.Security.SSL)
        .smtp(host, 587, EmailChannel.Security.STARTTLS)
        .credentials(System.getenv("MAIL_USER"), Secret.fromEnvironment("MAIL_PASSWORD"))
        .build();
    try (JdbcWebcareStore store = JdbcWebcareStore.embedded(Path.of("webcare4j-mail-data"));
        Webcare webcare = Webcare.builder().store(store).channel(mailbox).build()) {
      Thread.sleep(Duration.ofSeconds(15).toMillis());
      for (Conversation c : webcare.inbox().query(InboxQuery.builder().build()).items()) {
        System.out.println(c.subject().orElse("(geen onderwerp)") + " — "
            + webcare.inbox().messages(c.id()).size() + " bericht(en)");
      }
    }
  }
}
