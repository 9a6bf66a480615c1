package org.webcare4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InboxDemoTest {

  @Test
  void filesTheSignedDeliveriesAndRefusesTheForgedOnes() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int conversations = InboxDemo.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String out = buffer.toString(StandardCharsets.UTF_8);

    assertEquals(2, conversations);
    assertTrue(out.contains("challenge 8372"), out);
    assertEquals(3, out.split("signed by the app secret -> 200 OK", -1).length - 1, out);
    assertEquals(3, out.split("forged signature -> 403", -1).length - 1, out);
    assertTrue(out.contains("Het gaat om de Dorpsstraat"), out);
  }
}
