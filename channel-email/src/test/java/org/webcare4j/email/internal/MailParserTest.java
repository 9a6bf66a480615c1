package org.webcare4j.email.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailParserTest {
  private final Session session = Session.getInstance(new Properties());

  @Test
  void readsADeliveryStatusNotification() throws Exception {
    MimeMessage dsn = new MimeMessage(session);
    dsn.setFrom(new InternetAddress("MAILER-DAEMON@example.nl"));
    dsn.setRecipient(Message.RecipientType.TO, new InternetAddress("webcare@gemeente.nl"));
    dsn.setSubject("Undelivered Mail Returned to Sender");
    MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
    MimeBodyPart human = new MimeBodyPart();
    human.setText("Your message could not be delivered.");
    report.addBodyPart(human);
    MimeBodyPart status = new MimeBodyPart();
    status.setDataHandler(new DataHandler(new ByteArrayDataSource("Reporting-MTA: dns; mx\n\n"
        + "Final-Recipient: rfc822; jan@example.nl\nAction: failed\nStatus: 5.1.1\n"
        + "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n", "message/delivery-status")));
    report.addBodyPart(status);
    MimeBodyPart headers = new MimeBodyPart();
    headers.setDataHandler(new DataHandler(new ByteArrayDataSource(
        "Message-ID: <webcare4j.1@gemeente.nl>\nSubject: Re: Vraag\n", "text/rfc822-headers")));
    report.addBodyPart(headers);
    dsn.setContent(report);
    dsn.saveChanges();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    dsn.writeTo(raw);
    MimeMessage read = new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray()));

    MailParser.ParsedMail mail = MailParser.parse(read, "x", 1000);
    assertEquals(MailParser.Kind.BOUNCE, mail.kind());
    assertEquals(Optional.of("webcare4j.1@gemeente.nl"), mail.bounced());
    assertEquals("5.1.1", mail.bounceCode());
    assertEquals("550 5.1.1 User unknown", mail.bounceReason());
  }

  @Test
  void foldsQuotesAndSignatures() {
    assertEquals("Ja graag.", MailParser.fold("Ja graag.\n\nOn Mon, 2 Mar 2026 Jan wrote:\n> x"));
    assertEquals("Ja graag.", MailParser.fold("Ja graag.\n> eerder\n> bericht"));
    assertEquals("Ja graag.", MailParser.fold("Ja graag.\n-- \nJan\n06-12345678"));
    assertEquals("> alleen een citaat", MailParser.fold("> alleen een citaat"));
  }

  @Test
  void normalisesSubjects() {
    assertEquals("vergunning dakkapel", MailParser.normalisedSubject("RE: Aw: Vergunning  dakkapel"));
    assertEquals(true, MailParser.isReply("Antw: iets"));
    assertEquals(false, MailParser.isReply("Reactie op de WOZ"));
  }
}
