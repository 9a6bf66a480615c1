package org.webcare4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The small examples the README points to run as written. */
class CodeExamplesTest {

  private static String run(ThrowingRunnable main) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void receiveAndReplyOnWhatsApp() throws Exception {
    String out = run(() -> ReceiveAndReplyOnWhatsApp.main(new String[0]));
    assertTrue(out.contains("Inwoner: Hoi, wanneer wordt het oud papier"), out);
    assertTrue(out.contains("Antwoord SENT"), out);
  }

  @Test
  void publishToFacebook() throws Exception {
    String out = run(() -> PublishToFacebook.main(new String[0]));
    assertTrue(out.contains("PUBLISHED op https://www.facebook.com/"), out);
    assertTrue(out.contains("carla APPROVED"), out);
  }

  @Test
  void readAMailbox() throws Exception {
    String out = run(() -> ReadAMailbox.main(new String[0]));
    assertTrue(out.contains("Parkeervergunning verhuizing — 1 bericht(en)"), out);
    assertTrue(out.contains("Grofvuil ophalen — 1 bericht(en)"), out);
    assertTrue(out.contains("Antwoord SENT; in de mailbox van Piet: Re: Parkeervergunning"
        + " verhuizing"), out);
  }
}
