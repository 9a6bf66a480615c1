package org.webcare4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxDemoTest {

  @TempDir
  Path data;

  private String run(int expectedConversations) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int conversations = InboxDemo.run(data, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    assertEquals(expectedConversations, conversations);
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void filesTheSignedDeliveriesAndRefusesTheForgedOnes() throws Exception {
    String out = run(3);

    assertTrue(out.contains("challenge 8372"), out);
    assertEquals(4, out.split("signed by the app secret -> 200 OK", -1).length - 1, out);
    assertEquals(4, out.split("forged signature -> 403", -1).length - 1, out);
    assertTrue(out.contains("flagged [ABUSIVE, NEEDS_ATTENTION]"), out);
    assertTrue(out.contains("WARN UNCERTAIN_ANSWER at 'Volgens mij'"), out);
    assertTrue(out.contains("BLOCK PERSONAL_OPINION at 'Ik vind'"), out);
    assertTrue(out.contains("with safe fixes:") && out.contains("\\n^Sanne"), out);
    assertTrue(out.contains("Het gaat om de Dorpsstraat"), out);
    assertTrue(out.contains("Reply to Jan: SENT as wamid."), out);
    assertTrue(out.contains("delivery status READ"), out);
  }

  @Test
  void keepsItsDataAcrossARestartAndSkipsRedeliveries() throws Exception {
    String first = run(3);
    assertEquals(6, first.split("  event ", -1).length - 1, first);
    assertTrue(first.contains("(1 message(s) sent to the Cloud API in this run)"), first);
    String second = run(3);
    assertEquals(0, second.split("  event ", -1).length - 1, "no event dispatched twice");
    assertTrue(second.contains("Het gaat om de Dorpsstraat"), second);
    assertTrue(second.contains("(0 message(s) sent to the Cloud API in this run)"),
        "the reply is not sent twice: " + second);
    assertTrue(second.contains("delivery status READ"), second);
  }
}
