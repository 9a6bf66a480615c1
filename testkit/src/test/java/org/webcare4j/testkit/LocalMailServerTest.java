package org.webcare4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local mail server takes mail over SMTP and serves the organisation's mailbox over IMAP. */
class LocalMailServerTest {
  private final LocalMailServer mail = LocalMailServer.start("kcc@gemeente.example");

  @AfterEach
  void stop() {
    mail.close();
  }

  private Store imap(String password) throws Exception {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect(mail.host(), mail.imapPort(), mail.user(), password);
    return store;
  }

  @Test
  void anInwonersMailCanBeReadFromTheMailboxOverImap() throws Exception {
    String id = mail.inwonerWrites("jan@example.nl", "Jan de Vries", "Vraag over één pas",
        "Goedemorgen, mijn parkeervergunning verloopt. Wat moet ik doen?");
    try (Store store = imap(mail.password().reveal())) {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message[] messages = inbox.getMessages();
      assertEquals(1, messages.length);
      assertEquals("Vraag over één pas", messages[0].getSubject());
      assertTrue(messages[0].getFrom()[0].toString().contains("jan@example.nl"));
      inbox.close(false);
    }
    List<LocalMailServer.ReceivedMail> received = mail.receivedBy("KCC@gemeente.example");
    assertEquals(1, received.size());
    assertEquals(id, received.get(0).messageId());
    assertTrue(received.get(0).text().contains("parkeervergunning verloopt"));
    assertTrue(mail.receivedBy("jan@example.nl").isEmpty(), "not for the sender");
  }

  @Test
  void theMailboxNeedsItsPasswordAndTheServerDoesNotPrintIt() {
    assertThrows(AuthenticationFailedException.class, () -> imap("wrong").close());
    assertFalse(mail.toString().contains(mail.password().reveal()));
    assertTrue(mail.toString().contains("kcc@gemeente.example"));
  }

  /** Run in a JVM of its own with every logger at DEBUG: the password must not appear. */
  public static void main(String[] args) throws Exception {
    org.slf4j.LoggerFactory.getLogger(LocalMailServerTest.class).debug("debug logging is on");
    try (LocalMailServer server = LocalMailServer.start("kcc@gemeente.example")) {
      Store store = Session.getInstance(new Properties()).getStore("imap");
      store.connect(server.host(), server.imapPort(), server.user(), server.password().reveal());
      store.close();
      System.out.println("PASSWORD " + server.password().reveal());
    }
  }

  @Test
  void aDebugLogDoesNotCarryTheImapPassword() throws Exception {
    Process p = new ProcessBuilder(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
        System.getProperty("greenmail.probe", "-Dnothing=set"),
        LocalMailServerTest.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    String line = out.lines().filter(l -> l.startsWith("PASSWORD ")).findFirst()
        .orElseThrow(() -> new AssertionError("the child did not log in: " + out));
    String password = line.substring("PASSWORD ".length());
    String logs = out.replace(line, "");
    assertTrue(logs.contains("DEBUG"), "the child logged at DEBUG: " + logs);
    assertFalse(logs.contains(password), "the IMAP password reached the log");
  }

  @Test
  void refusesSomethingThatIsNotAnAddress() {
    assertThrows(IllegalArgumentException.class, () -> LocalMailServer.start("kcc"));
  }
}
