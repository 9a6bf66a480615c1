package org.webcare4j.testkit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.webcare4j.core.model.Secret;

/**
 * A real IMAP and SMTP server in this JVM (GreenMail) with the organisation's mailbox, for demos
 * and tests of the e-mail channel without a mail account: inwoners write to the mailbox over SMTP,
 * the channel reads it over IMAP, and what the organisation sends lands in the inwoner's own
 * mailbox on the same server, where {@link #receivedBy} reads it.
 *
 * <pre>{@code
 * try (LocalMailServer mail = LocalMailServer.start("kcc@gemeente.example")) {
 *   EmailChannel channel = EmailChannel.builder(ChannelId.of("email"))
 *       .address(mail.mailbox())
 *       .imap(mail.host(), mail.imapPort(), EmailChannel.Security.NONE)
 *       .smtp(mail.host(), mail.smtpPort(), EmailChannel.Security.NONE)
 *       .credentials(mail.user(), mail.password()).build();
 *   mail.inwonerWrites("jan@example.nl", "Jan de Vries", "Parkeervergunning", "Hoe vraag ik…");
 * }
 * }</pre>
 *
 * <p>Plain text on loopback ports chosen by the system; mail is kept in memory only.
 */
public final class LocalMailServer implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  /**
   * Mail the server holds for an address.
   *
   * @param messageId the Message-ID header
   * @param from the sender
   * @param subject the subject
   * @param text the plain-text body
   * @param inReplyTo the In-Reply-To header, when present
   */
  public record ReceivedMail(String messageId, String from, String subject, String text,
      Optional<String> inReplyTo) {}

  /**
   * GreenMail logs every IMAP line it receives at DEBUG, the {@code LOGIN} with its password
   * among them; its loggers are held at INFO unless the host configured them (slf4j-simple reads
   * this property when a logger is made, so it is set before GreenMail's classes load).
   */
  private static final String GREENMAIL_LOG_LEVEL =
      "org.slf4j.simpleLogger.log.com.icegreen.greenmail";

  static {
    if (System.getProperty(GREENMAIL_LOG_LEVEL) == null) {
      System.setProperty(GREENMAIL_LOG_LEVEL, "info");
    }
  }

  private final GreenMail server;
  private final String mailbox;
  private final String user;
  private final Secret password;
  private final Session session;

  private LocalMailServer(String mailbox) {
    this.mailbox = mailbox;
    this.user = mailbox.substring(0, mailbox.indexOf('@'));
    this.password = Secret.of(UUID.randomUUID().toString());
    ServerSetup[] setup = ServerSetup.dynamicPort(new ServerSetup[] {
        new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(0, HOST, ServerSetup.PROTOCOL_IMAP)});
    this.server = new GreenMail(setup);
    server.start();
    server.setUser(mailbox, user, password.reveal());
    Properties props = new Properties();
    props.put("mail.smtp.host", HOST);
    props.put("mail.smtp.port", String.valueOf(smtpPort()));
    this.session = Session.getInstance(props);
  }

  /**
   * Starts a server with one mailbox for the organisation; its user name is the address's local
   * part, its password random.
   *
   * @param mailbox the organisation's address, such as {@code kcc@gemeente.example}
   * @return the running server
   */
  public static LocalMailServer start(String mailbox) {
    Objects.requireNonNull(mailbox, "mailbox");
    if (!mailbox.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException("not an e-mail address: " + mailbox);
    }
    return new LocalMailServer(mailbox);
  }

  /**
   * Returns the host the server listens on.
   *
   * @return the loopback address
   */
  public String host() {
    return HOST;
  }

  /**
   * Returns the IMAP port.
   *
   * @return the port
   */
  public int imapPort() {
    return server.getImap().getPort();
  }

  /**
   * Returns the SMTP port.
   *
   * @return the port
   */
  public int smtpPort() {
    return server.getSmtp().getPort();
  }

  /**
   * Returns the organisation's address.
   *
   * @return the address
   */
  public String mailbox() {
    return mailbox;
  }

  /**
   * Returns the mailbox's IMAP and SMTP user name.
   *
   * @return the user name
   */
  public String user() {
    return user;
  }

  /**
   * Returns the mailbox's password.
   *
   * @return the password
   */
  public Secret password() {
    return password;
  }

  /**
   * Lets an inwoner send a new mail to the organisation's mailbox over SMTP.
   *
   * @param from the inwoner's address
   * @param name the inwoner's name
   * @param subject the subject
   * @param text the plain-text body
   * @return the mail's Message-ID
   */
  public String inwonerWrites(String from, String name, String subject, String text) {
    try {
      String id = "<" + UUID.randomUUID() + "@" + from.substring(from.indexOf('@') + 1) + ">";
      MimeMessage m = new MimeMessage(session) {
        @Override
        protected void updateMessageID() throws MessagingException {
          setHeader("Message-ID", id); // Transport.send saves again; keep the id returned
        }
      };
      m.setFrom(new InternetAddress(from, name, "UTF-8"));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(mailbox));
      m.setSubject(subject, "UTF-8");
      m.setSentDate(Date.from(Instant.now()));
      m.setText(text, "UTF-8");
      Transport.send(m);
      return id;
    } catch (MessagingException e) {
      throw new IllegalStateException("could not deliver to " + mailbox + ": " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns what the server received for an address, such as the organisation's replies to an
   * inwoner, oldest first.
   *
   * @param address the recipient
   * @return the mail
   */
  public List<ReceivedMail> receivedBy(String address) {
    List<ReceivedMail> out = new ArrayList<>();
    for (MimeMessage m : server.getReceivedMessages()) {
      try {
        if (!isFor(m, address)) {
          continue;
        }
        Address[] from = m.getFrom();
        String[] reply = m.getHeader("In-Reply-To");
        out.add(new ReceivedMail(Optional.ofNullable(m.getMessageID()).orElse(""),
            from == null || from.length == 0 ? "" : from[0].toString(),
            Optional.ofNullable(m.getSubject()).orElse(""), text(m),
            reply == null || reply.length == 0 ? Optional.empty() : Optional.of(reply[0])));
      } catch (MessagingException | IOException e) {
        throw new IllegalStateException("could not read a received mail", e);
      }
    }
    return out;
  }

  private static boolean isFor(MimeMessage m, String address) throws MessagingException {
    Address[] to = m.getAllRecipients();
    if (to == null) {
      return false;
    }
    for (Address a : to) {
      if (a instanceof InternetAddress ia && ia.getAddress().equalsIgnoreCase(address)) {
        return true;
      }
    }
    return false;
  }

  private static String text(jakarta.mail.Part part) throws MessagingException, IOException {
    Object content = part.getContent();
    if (content instanceof String s) {
      return part.isMimeType("text/plain") ? s : "";
    }
    if (content instanceof jakarta.mail.Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        String t = text(mp.getBodyPart(i));
        if (!t.isEmpty()) {
          return t;
        }
      }
    }
    return "";
  }

  @Override
  public void close() {
    server.stop();
  }

  @Override
  public String toString() {
    return "LocalMailServer[" + mailbox + " on " + HOST + ", imap " + imapPort() + ", smtp "
        + smtpPort() + "]";
  }
}
