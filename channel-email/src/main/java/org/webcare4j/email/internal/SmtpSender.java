package org.webcare4j.email.internal;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.error.AuthorizationException;
import org.webcare4j.core.error.OutcomeUnknownException;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.error.TransientPlatformException;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Secret;

/**
 * Sends replies over SMTP, threaded for the inwoner's mail client: {@code In-Reply-To} the mail
 * answered, {@code References} the thread's root and that mail, "Re:" once, the agent's name as
 * the display name, and a Message-ID derived from webcare4j's own message id.
 */
public final class SmtpSender {

  /** What the sender needs of the channel's settings. */
  public record Settings(ChannelId channel, Supplier<Session> session, String protocol,
      String host, int port, String user, Secret password, String address,
      String organisationName) {}

  private final Settings s;

  /**
   * Creates the sender.
   *
   * @param settings the settings
   */
  public SmtpSender(Settings settings) {
    this.s = settings;
  }

  /** A message with the Message-ID we choose. */
  private static final class Reply extends MimeMessage {
    private final String id;

    Reply(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", "<" + id + ">");
    }
  }

  /**
   * Returns the Message-ID a send gets, so the same send always gets the same id.
   *
   * @param send the operation
   * @return the id, without angle brackets
   */
  public String messageId(SendMessage send) {
    String domain = s.address().substring(s.address().indexOf('@') + 1);
    return "webcare4j." + send.message().value() + "@" + domain;
  }

  /**
   * Sends a reply.
   *
   * @param send the operation
   * @return the Message-ID as the platform id
   */
  public OperationResult send(SendMessage send) {
    String to = send.recipient().orElse(send.platformThreadId());
    String id = messageId(send);
    MimeMessage m;
    try {
      m = new Reply(s.session().get(), id);
      String name = send.authorName().orElse("");
      String display = name.isBlank() ? s.organisationName()
          : name + (s.organisationName().isBlank() ? "" : " | " + s.organisationName());
      m.setFrom(new InternetAddress(s.address(), display, "UTF-8"));
      m.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to, true));
      String subject = send.subject().orElse("Uw bericht");
      m.setSubject(MailParser.isReply(subject) ? subject : "Re: " + subject, "UTF-8");
      List<String> refs = new ArrayList<>();
      if (!send.platformThreadId().startsWith("sha256:") && send.platformThreadId().contains("@")) {
        refs.add(send.platformThreadId());
      }
      Optional<String> answered = send.inReplyTo().filter(r -> !r.startsWith("sha256:"))
          .or(() -> refs.isEmpty() ? Optional.empty() : Optional.of(refs.get(0)));
      answered.ifPresent(a -> {
        if (!refs.contains(a)) {
          refs.add(a);
        }
      });
      if (answered.isPresent()) {
        m.setHeader("In-Reply-To", "<" + answered.get() + ">");
      }
      if (!refs.isEmpty()) {
        m.setHeader("References", String.join(" ", refs.stream().map(r -> "<" + r + ">")
            .toList()));
      }
      m.setSentDate(new Date());
      m.setText(send.text(), "UTF-8");
      m.saveChanges();
    } catch (AddressException e) {
      throw new PermanentPlatformException(s.channel(), "BAD_ADDRESS", "",
          "not an e-mail address: " + to, "");
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new PermanentPlatformException(s.channel(), "BAD_MESSAGE", "",
          "the reply could not be composed: " + e.getMessage(), "");
    }
    return transmit(m, to, id);
  }

  /**
   * Sends a plain-text mail that belongs to no conversation, such as a chat transcript.
   *
   * @param to the address
   * @param subject the subject
   * @param text the body
   * @return the Message-ID as the platform id
   */
  public OperationResult sendNotice(String to, String subject, String text) {
    String domain = s.address().substring(s.address().indexOf('@') + 1);
    String id = "webcare4j.notice." + java.util.UUID.randomUUID() + "@" + domain;
    MimeMessage m;
    try {
      m = new Reply(s.session().get(), id);
      m.setFrom(new InternetAddress(s.address(), s.organisationName(), "UTF-8"));
      m.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to, true));
      m.setSubject(subject, "UTF-8");
      m.setSentDate(new Date());
      m.setText(text, "UTF-8");
      m.saveChanges();
    } catch (AddressException e) {
      throw new PermanentPlatformException(s.channel(), "BAD_ADDRESS", "",
          "not an e-mail address: " + to, "");
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new PermanentPlatformException(s.channel(), "BAD_MESSAGE", "",
          "the mail could not be composed: " + e.getMessage(), "");
    }
    return transmit(m, to, id);
  }

  private OperationResult transmit(MimeMessage m, String to, String id) {
    Transport transport;
    try {
      transport = s.session().get().getTransport(s.protocol());
      transport.connect(s.host(), s.port(), s.user(), s.password().reveal());
    } catch (AuthenticationFailedException e) {
      throw new AuthorizationException(s.channel(), "AUTH", "",
          "the SMTP server refused the credentials; check the mailbox's password", "");
    } catch (MessagingException e) {
      throw new TransientPlatformException(s.channel(), "CONNECT",
          "the SMTP server could not be reached: " + e.getMessage(), e);
    }
    try {
      transport.sendMessage(m, m.getAllRecipients());
    } catch (SMTPSendFailedException e) {
      int code = e.getReturnCode();
      if (code >= 400 && code < 500) {
        throw new TransientPlatformException(s.channel(), String.valueOf(code), "",
            e.getMessage().strip(), "");
      }
      throw new PermanentPlatformException(s.channel(), String.valueOf(code), "",
          e.getMessage().strip(), "");
    } catch (SendFailedException e) {
      throw new PermanentPlatformException(s.channel(), "REFUSED", "",
          "the SMTP server refused the recipient " + to, "");
    } catch (MessagingException e) {
      // The connection broke while the mail was on its way: it may have arrived.
      throw new OutcomeUnknownException(s.channel(), "sending over SMTP broke off: "
          + e.getMessage(), e);
    } finally {
      try {
        transport.close();
      } catch (MessagingException ignored) {
        // the mail was handed over or the error above says why not
      }
    }
    return OperationResult.created(EmailIds.platformId(id));
  }
}
