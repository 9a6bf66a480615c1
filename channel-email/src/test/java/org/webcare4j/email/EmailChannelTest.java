package org.webcare4j.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;

/** The e-mail channel against GreenMail, a real IMAP and SMTP server in the test's JVM. */
class EmailChannelTest {
  private static final String MAILBOX = "webcare@gemeente.nl";
  private static final String INWONER = "jan.devries@example.nl";
  private static final AgentIdentity SANNE = new AgentIdentity("sanne.vos", "Sanne", "SV");
  private static final String REPLY = "Beste heer De Vries,\n\nDank u voor uw vraag. U kunt de"
      + " vergunning online aanvragen met DigiD. U krijgt binnen vijf werkdagen een besluit.\n\n"
      + "Met vriendelijke groet,\nSanne";

  private final GreenMail mail = new GreenMail(ServerSetupTest.SMTP_IMAP);
  private final List<EventRecord> events = new CopyOnWriteArrayList<>();
  private final Session session = Session.getInstance(new Properties());
  private Webcare webcare;
  private EmailChannel channel;

  @BeforeEach
  void startServer() {
    mail.start();
    mail.setUser(MAILBOX, "webcare", "geheim");
    mail.setUser(INWONER, "jan", "jan");
  }

  @AfterEach
  void stop() {
    if (webcare != null) {
      webcare.close();
    }
    mail.stop();
  }

  private EmailChannel.Builder channel() {
    return EmailChannel.builder(ChannelId.of("email-kcc")).address(MAILBOX)
        .organisationName("Gemeente Voorbeeld")
        .imap("127.0.0.1", ServerSetupTest.IMAP.getPort(), EmailChannel.Security.NONE)
        .smtp("127.0.0.1", ServerSetupTest.SMTP.getPort(), EmailChannel.Security.NONE)
        .credentials("webcare", Secret.of("geheim"))
        .polling(Duration.ofSeconds(1));
  }

  private void start(WebcareStore store, EmailChannel.Builder b) {
    channel = b.build();
    webcare = Webcare.builder().store(store).channel(channel).dispatchExecutor(Runnable::run)
        .listener(events::add).build();
  }

  private void start() {
    start(InMemoryWebcareStore.create(), channel());
  }

  private MimeMessage mailFrom(String id, String subject, String text) throws Exception {
    MimeMessage m = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws jakarta.mail.MessagingException {
        setHeader("Message-ID", "<" + id + ">");
      }
    };
    m.setFrom(new InternetAddress(INWONER, "Jan de Vries"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
    m.setSubject(subject, "UTF-8");
    m.setSentDate(new Date());
    m.setText(text, "UTF-8");
    return m;
  }

  private void deliver(MimeMessage m) throws Exception {
    m.saveChanges();
    mail.getUserManager().getUser("webcare").deliver(m);
  }

  private static void await(BooleanSupplier condition, String what) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private List<Conversation> conversations() {
    return webcare.inbox().query(InboxQuery.all()).items();
  }

  private int inboundMessages() {
    return conversations().stream().mapToInt(c -> (int) webcare.inbox().messages(c.id()).stream()
        .filter(m -> m.direction() == Direction.INBOUND).count()).sum();
  }

  @Test
  void aThreadOfThreeMailsBecomesOneConversation() throws Exception {
    start();
    deliver(mailFrom("a1@example.nl", "Vergunning dakkapel", "Heb ik een vergunning nodig?"));
    MimeMessage second = mailFrom("a2@example.nl", "Re: Vergunning dakkapel",
        "Het gaat om de achterkant.\n\nOp 1 maart 2026 schreef ik:\n> Heb ik een vergunning nodig?");
    second.setHeader("In-Reply-To", "<a1@example.nl>");
    second.setHeader("References", "<a1@example.nl>");
    deliver(second);
    MimeMessage third = mailFrom("a3@example.nl", "RE: Vergunning dakkapel", "En de hoogte is"
        + " 1,5 meter.\n-- \nJan de Vries\nDorpsstraat 1");
    third.setHeader("References", "<a1@example.nl> <a2@example.nl>");
    deliver(third);
    deliver(mailFrom("b1@example.nl", "Afval", "Wanneer wordt het grofvuil opgehaald?"));

    await(() -> inboundMessages() == 4, "four mails");
    List<Conversation> all = conversations();
    assertEquals(2, all.size());
    Conversation thread = all.stream().filter(c -> c.platformThreadId().equals("a1@example.nl"))
        .findFirst().orElseThrow();
    List<org.webcare4j.core.model.Message> msgs = webcare.inbox().messages(thread.id());
    assertEquals(3, msgs.size());
    assertEquals("Het gaat om de achterkant.", msgs.get(1).text(), "quoted history folded");
    assertEquals("En de hoogte is 1,5 meter.", msgs.get(2).text(), "signature folded");
    assertEquals("Vergunning dakkapel", thread.subject().orElseThrow());
    assertEquals("Jan de Vries", msgs.get(0).author().displayName());
  }

  @Test
  void withoutReferencesAReJoinsTheThreadBySubjectAndSender() throws Exception {
    start();
    deliver(mailFrom("c1@example.nl", "Parkeervergunning", "Hoe vraag ik die aan?"));
    await(() -> inboundMessages() == 1, "the first mail");
    deliver(mailFrom("c2@example.nl", "Re: Parkeervergunning", "Ik bedoel voor bezoek."));
    await(() -> inboundMessages() == 2, "the second mail");
    assertEquals(1, conversations().size());
  }

  @Test
  void aReplyIsSentThreadedAndTheInwonersAnswerJoinsTheConversation() throws Exception {
    start();
    deliver(mailFrom("d1@example.nl", "Vraag over de WOZ", "Waarom is mijn WOZ zo hoog?"));
    await(() -> inboundMessages() == 1, "the question");
    Conversation c = conversations().get(0);

    OutboxEntry done = webcare.compose(c.id()).agent(SANNE).text(REPLY).send()
        .await(Duration.ofSeconds(20));
    assertEquals(OutboxState.SENT, done.state(), done.toString());

    MimeMessage[] received = mail.getReceivedMessagesForDomain("example.nl");
    assertEquals(1, received.length);
    MimeMessage sent = received[0];
    assertEquals("Re: Vraag over de WOZ", sent.getSubject());
    assertEquals("<d1@example.nl>", sent.getHeader("In-Reply-To")[0]);
    assertTrue(sent.getHeader("References")[0].contains("<d1@example.nl>"));
    InternetAddress from = (InternetAddress) sent.getFrom()[0];
    assertEquals(MAILBOX, from.getAddress());
    assertEquals("Sanne | Gemeente Voorbeeld", from.getPersonal());
    String ourId = sent.getMessageID().replaceAll("[<>]", "");
    assertEquals(ourId, webcare.inbox().messages(c.id()).stream()
        .filter(m -> m.direction() == Direction.OUTBOUND).findFirst().orElseThrow()
        .platformId().orElseThrow());

    MimeMessage answer = mailFrom("d3@example.nl", "Re: Re: Vraag over de WOZ", "Dank u!");
    answer.setHeader("In-Reply-To", "<" + ourId + ">");
    answer.setHeader("References", "<d1@example.nl> <" + ourId + ">");
    deliver(answer);
    await(() -> inboundMessages() == 2, "the answer");
    assertEquals(1, conversations().size());
  }

  @Test
  void aRestartProcessesOnlyTheMailItHadNotSeen(@TempDir Path dir) throws Exception {
    JdbcWebcareStore store = JdbcWebcareStore.embedded(dir.resolve("db"));
    try {
      for (int i = 1; i <= 5; i++) {
        deliver(mailFrom("r" + i + "@example.nl", "Vraag " + i, "Vraag nummer " + i));
      }
      start(store, channel().markSeen(false));
      await(() -> events.size() == 5, "the first half");
      webcare.close();
      webcare = null;
      for (int i = 6; i <= 10; i++) {
        deliver(mailFrom("r" + i + "@example.nl", "Vraag " + i, "Vraag nummer " + i));
      }
      events.clear();
      start(store, channel().markSeen(false));
      await(() -> events.size() == 5, "the second half");
      Thread.sleep(1500); // a poll more: nothing else may arrive
      assertEquals(5, events.size(), "only the unseen half");
      assertEquals(10, conversations().size());
    } finally {
      if (webcare != null) {
        webcare.close();
        webcare = null;
      }
      store.close();
    }
  }

  @Test
  void aDroppedConnectionRecovers() throws Exception {
    start();
    deliver(mailFrom("e1@example.nl", "Eerste", "Voor de storing"));
    await(() -> inboundMessages() == 1, "the first mail");
    mail.stop();
    Thread.sleep(500);
    mail.start();
    mail.setUser(MAILBOX, "webcare", "geheim");
    deliver(mailFrom("e2@example.nl", "Tweede", "Na de storing"));
    await(() -> inboundMessages() == 2, "the mail after the server came back");
  }

  @Test
  void bouncesAndAutomaticRepliesAreRecognised() throws Exception {
    start();
    deliver(mailFrom("f1@example.nl", "Vraag", "Een vraag"));
    await(() -> inboundMessages() == 1, "the question");
    Conversation c = conversations().get(0);
    webcare.compose(c.id()).agent(SANNE).text(REPLY).send().await(Duration.ofSeconds(20));
    String ourId = mail.getReceivedMessagesForDomain("example.nl")[0].getMessageID()
        .replaceAll("[<>]", "");

    MimeMessage ooo = mailFrom("f2@example.nl", "Automatisch antwoord: Re: Vraag",
        "Ik ben tot 1 december afwezig.");
    ooo.setHeader("Auto-Submitted", "auto-replied");
    ooo.setHeader("In-Reply-To", "<" + ourId + ">");
    deliver(ooo);

    MimeMessage dsn = new MimeMessage(session);
    dsn.setFrom(new InternetAddress("MAILER-DAEMON@example.nl", "Mail Delivery System"));
    dsn.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
    dsn.setSubject("Undelivered Mail Returned to Sender");
    MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
    MimeBodyPart human = new MimeBodyPart();
    human.setText("Your message could not be delivered.");
    report.addBodyPart(human);
    MimeBodyPart status = new MimeBodyPart();
    status.setDataHandler(new DataHandler(new ByteArrayDataSource(
        "Reporting-MTA: dns; mx.example.nl\n\nFinal-Recipient: rfc822; " + INWONER
            + "\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n",
        "message/delivery-status")));
    report.addBodyPart(status);
    MimeBodyPart headers = new MimeBodyPart();
    headers.setDataHandler(new DataHandler(new ByteArrayDataSource(
        "Message-ID: <" + ourId + ">\nSubject: Re: Vraag\n", "text/rfc822-headers")));
    report.addBodyPart(headers);
    dsn.setContent(report);
    deliver(dsn);

    await(() -> webcare.inbox().messages(c.id()).stream()
        .anyMatch(m -> m.status() == DeliveryStatus.FAILED), "the bounce");
    org.webcare4j.core.model.Message failed = webcare.inbox().messages(c.id()).stream()
        .filter(m -> m.direction() == Direction.OUTBOUND).findFirst().orElseThrow();
    assertEquals("5.1.1", failed.failure().orElseThrow().code());
    assertTrue(failed.failure().orElseThrow().reason().contains("User unknown"));
    Thread.sleep(1500);
    assertEquals(1, inboundMessages(), "the automatic reply is not an inwoner's message");
    assertEquals(1, conversations().size());
  }

  @Test
  void maliciousHtmlLeavesNoScriptOrRemoteReference() throws Exception {
    start();
    MimeMessage m = mailFrom("g1@example.nl", "Foto", "");
    m.setContent("<html><head><script>alert('x')</script><style>p{}</style></head><body>"
        + "<p onclick=\"steal()\">Kijk <b>hier</b>:</p><img src=\"https://tracker.example/p.gif\">"
        + "<a href=\"javascript:steal()\">klik</a><iframe src=\"https://evil.example\"></iframe>"
        + "<p>Groet, Jan</p></body></html>", "text/html; charset=UTF-8");
    deliver(m);
    await(() -> inboundMessages() == 1, "the mail");
    String text = webcare.inbox().messages(conversations().get(0).id()).get(0).text();
    assertEquals("Kijk hier:\nklik\nGroet, Jan", text);
    for (String bad : List.of("script", "alert", "tracker", "javascript", "evil", "http",
        "onclick", "<")) {
      assertFalse(text.toLowerCase(Locale.ROOT).contains(bad), bad + " in " + text);
    }
  }

  @Test
  void anAttachmentOverTheLimitIsRefusedAndTheRestOfTheMailKept() throws Exception {
    start();
    MimeMessage m = mailFrom("h1@example.nl", "Bijlagen", "");
    MimeMultipart parts = new MimeMultipart();
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Zie de bijlagen.", "UTF-8");
    parts.addBodyPart(text);
    MimeBodyPart small = new MimeBodyPart();
    small.setDataHandler(new DataHandler(new ByteArrayDataSource("%PDF klein".getBytes(),
        "application/pdf")));
    small.setFileName("klein.pdf");
    parts.addBodyPart(small);
    MimeBodyPart big = new MimeBodyPart();
    big.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[30 << 20],
        "application/pdf")));
    big.setFileName("groot.pdf");
    parts.addBodyPart(big);
    m.setContent(parts);
    deliver(m);

    await(() -> inboundMessages() == 1, "the mail");
    org.webcare4j.core.model.Message stored =
        webcare.inbox().messages(conversations().get(0).id()).get(0);
    assertEquals("Zie de bijlagen.", stored.text());
    Attachment kept = stored.attachments().get(0);
    Attachment refused = stored.attachments().get(1);
    assertEquals("klein.pdf", kept.fileName().orElseThrow());
    org.webcare4j.core.model.MediaContent pdf = channel.downloadMedia(
        kept.mediaId().orElseThrow(), 1000);
    assertEquals("%PDF klein", new String(pdf.bytes(), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("application/pdf", pdf.mimeType());
    org.webcare4j.core.error.PermanentPlatformException tooLarge = org.junit.jupiter.api.Assertions
        .assertThrows(org.webcare4j.core.error.PermanentPlatformException.class,
            () -> channel.downloadMedia(kept.mediaId().orElseThrow(), 5));
    assertEquals("MEDIA_TOO_LARGE", tooLarge.code());
    assertEquals("groot.pdf", refused.fileName().orElseThrow());
    assertTrue(refused.mediaId().isEmpty());
    assertTrue(refused.properties().get("refused").contains("limit"), refused.toString());
  }

  @Test
  void readsAnyCharsetAndEncodedHeaders() throws Exception {
    start();
    MimeMessage m = mailFrom("i1@example.nl", "x", "");
    m.setHeader("Subject", "=?ISO-8859-1?Q?Vraag_over_de_beschikking_=E9=E9n?=");
    m.setFrom(new InternetAddress(INWONER, "José Müller", "ISO-8859-1"));
    MimeBodyPart raw = new MimeBodyPart();
    raw.setDataHandler(new DataHandler(new ByteArrayDataSource(
        "Één vraag over de WOZ-beschikking: € 250.000?".getBytes(
            Charset.forName("windows-1252")), "text/plain; charset=windows-1252")));
    raw.setHeader("Content-Transfer-Encoding", "quoted-printable");
    MimeMultipart mp = new MimeMultipart();
    mp.addBodyPart(raw);
    m.setContent(mp);
    deliver(m);
    await(() -> inboundMessages() == 1, "the mail");
    Conversation c = conversations().get(0);
    assertEquals("Vraag over de beschikking één", c.subject().orElseThrow());
    org.webcare4j.core.model.Message stored = webcare.inbox().messages(c.id()).get(0);
    assertEquals("Één vraag over de WOZ-beschikking: € 250.000?", stored.text());
    assertEquals("José Müller", stored.author().displayName());
  }
}
