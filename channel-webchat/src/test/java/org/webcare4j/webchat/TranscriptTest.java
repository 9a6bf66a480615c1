package org.webcare4j.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.outbox.OutboundMessage;
import org.webcare4j.email.EmailChannel;

/** The visitor takes the transcript along: as a download, or by e-mail through channel-email. */
class TranscriptTest {
  private static final AgentIdentity SANNE = new AgentIdentity("u-17", "Sanne", "SV");

  @Test
  void theTranscriptIsDownloadedOrMailedThroughTheEmailChannel() throws Exception {
    GreenMail mail = new GreenMail(ServerSetupTest.SMTP);
    mail.start();
    mail.setUser("webcare@gemeente.nl", "webcare", "geheim");
    EmailChannel email = EmailChannel.builder(ChannelId.of("email-kcc"))
        .address("webcare@gemeente.nl").organisationName("Gemeente Voorbeeld")
        .imap("127.0.0.1", 1, EmailChannel.Security.NONE)
        .smtp("127.0.0.1", ServerSetupTest.SMTP.getPort(), EmailChannel.Security.NONE)
        .credentials("webcare", Secret.of("geheim")).build();
    try (ChatServer s = new ChatServer(b -> b.transcriptMailer(email::sendNotice), "nl")) {
      String token = s.session();
      assertEquals(201, s.send(token, "Hoe vraag ik een parkeervergunning aan?", "t-1"));
      Conversation c = s.webcare.inbox().query(InboxQuery.builder().build()).items().get(0);
      s.webcare.outbox().send(c.id(), OutboundMessage.text(SANNE.participant(),
          "Via Mijn Gemeente, onder Parkeren. ^SV").build()).await(Duration.ofSeconds(10));

      String download;
      try (Response r = s.call("GET", "transcript", token, null, s.origin)) {
        assertEquals(200, r.code());
        assertTrue(r.header("Content-Disposition").startsWith("attachment"));
        download = r.body().string();
      }
      assertTrue(download.contains("U: Hoe vraag ik een parkeervergunning aan?"), download);
      assertTrue(download.contains("Sanne: Via Mijn Gemeente, onder Parkeren. ^SV"), download);

      try (Response r = s.call("POST", "transcript/email", token,
          "{\"email\":\"jan@example.nl\"}", s.origin)) {
        assertEquals(202, r.code());
      }
      assertTrue(mail.waitForIncomingEmail(5000, 1));
      MimeMessage sent = mail.getReceivedMessages()[0];
      assertEquals("Verslag van uw chatgesprek", sent.getSubject());
      assertEquals("jan@example.nl", sent.getAllRecipients()[0].toString());
      String body = GreenMailUtil.getBody(sent);
      assertTrue(body.contains("parkeervergunning") && body.contains("Mijn Gemeente"), body);
    } finally {
      mail.stop();
    }
    try (ChatServer s = new ChatServer(b -> b, "nl")) {
      try (Response r = s.call("POST", "transcript/email", s.session(),
          "{\"email\":\"jan@example.nl\"}", s.origin)) {
        assertEquals(404, r.code(), "not offered without a mailer");
      }
    }
  }
}
