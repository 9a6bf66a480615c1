package org.webcare4j.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webcare4j.testkit.HeadlessChromium;

/**
 * The demo web application in a real headless Chromium: answer a conversation while the tone
 * check runs live, schedule a publication with a second person's approval, press the crisis
 * pause, chat on the sample municipal page and get the inbox's answer live; then restart on the
 * same H2 file. Screenshots of the inbox and the planner are saved
 * under {@code target/screenshots}.
 */
class DemoAppTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOOD = "Hoi Fatima, dank je voor je vraag! De WOZ-beschikking komt"
      + " eind februari per post en in de Berichtenbox. Bezwaar maken kan tot zes weken daarna"
      + " via de website. ^Sanne";

  private static JsonNode get(DemoApp app, String path) throws Exception {
    return new DemoClient(app).signIn("sanne").getJson(path);
  }

  private static void post(DemoApp app, String path, String json) throws Exception {
    HttpResponse<String> r = new DemoClient(app).signIn("sanne").post(path, json);
    assertEquals(200, r.statusCode(), r.body());
  }

  private static String q(String selector) {
    return "document.querySelector('" + selector + "')";
  }

  @Test
  void answerScheduleAndPauseInTheBrowserThenRestartWithTheDataIntact(@TempDir Path data)
      throws Exception {
    try (HeadlessChromium browser = HeadlessChromium.launch()) {
      try (DemoApp app = new DemoApp(0, data, null);
          HeadlessChromium.Page page = browser.newPage()) {
        page.navigate(app.url());
        page.waitFor("document.body.dataset.ready === 'true'", WAIT);
        assertEquals("sanne", page.eval("document.getElementById('agent').value").asText());
        page.waitFor("document.querySelectorAll('li.conv').length === 7", WAIT);
        assertTrue(page.eval(q("li.conv[data-kind=\"EMAIL\"]") + ".textContent")
            .asText().contains("Parkeervergunning"), "the mail read over IMAP is listed");
        assertTrue(page.eval(q("li.conv[data-kind=\"X\"] .flag-ABUSIVE") + " !== null")
            .asBoolean(), "the cursing is flagged in the list");
        assertTrue(page.eval(q("li.conv[data-kind=\"INSTAGRAM\"] .flag-PRIVACY_SHARED_PUBLICLY")
            + " !== null").asBoolean(), "the BSN in public is flagged");

        // Answer the WOZ question; the tone check runs as the agent types.
        page.eval(q("li.conv[data-kind=\"WHATSAPP\"] button") + ".click()");
        page.waitFor(q("#reply"), WAIT);
        page.eval(q("#reply") + ".focus()");
        page.type("Ik vind dat je gelijk hebt.");
        page.waitFor(q("#findings li[data-rule=\"PERSONAL_OPINION\"]"), WAIT);
        page.waitFor(q("#preview mark.sev-BLOCK") + " && " + q("#preview mark.sev-BLOCK")
            + ".textContent === 'Ik vind'", WAIT);
        page.eval("(() => { const r = " + q("#reply") + "; r.value = '';"
            + " r.dispatchEvent(new Event('input')); })()");
        page.type(GOOD);
        page.waitFor(q("#preview") + ".textContent === " + JSON.writeValueAsString(GOOD)
            + " && !" + q("#findings li[data-rule=\"PERSONAL_OPINION\"]"), WAIT);
        page.eval(q("#send") + ".click()");
        page.waitFor(q("#send-result") + " && " + q("#send-result")
            + ".textContent.includes('Verstuurd')", WAIT);
        page.waitFor("document.querySelectorAll('.msg.out').length === 1", WAIT);
        page.screenshot(Path.of("target", "screenshots", "inbox.png"));

        // Plan a post: live validation, save, schedule, a second person approves.
        page.eval(q("#tab-planner") + ".click()");
        page.waitFor("!" + q("#planner") + ".hidden", WAIT);
        page.eval(q("#p-text") + ".focus()");
        page.type("Zaterdag is de milieustraat open van 9 tot 16 uur. Neem je afvalpas mee!");
        page.eval(q(".p-channel[value=\"facebook-gemeente\"]") + ".click()");
        page.eval(q(".p-channel[value=\"instagram-gemeente\"]") + ".click()");
        page.waitFor(q("#p-report li[data-channel=\"instagram-gemeente\"][data-rule="
            + "\"MEDIA_REQUIRED\"]"), WAIT);
        page.eval(q(".p-channel[value=\"instagram-gemeente\"]") + ".click()");
        page.waitFor("!" + q("#p-report li[data-rule=\"MEDIA_REQUIRED\"]") + " && "
            + q("#p-report") + ".textContent.includes('facebook-gemeente:')", WAIT);
        page.eval(q("#p-save") + ".click()");
        page.waitFor(q("li.pub.state-DRAFT .p-schedule"), WAIT);
        page.eval(q("li.pub.state-DRAFT .p-schedule") + ".click()");
        page.waitFor(q("li.pub.state-AWAITING_APPROVAL .p-approve"), WAIT);
        page.eval(q("li.pub.state-AWAITING_APPROVAL .p-approve") + ".click()");
        page.waitFor(q("li.pub.state-AWAITING_APPROVAL .pub-msg") + ".textContent"
            + ".includes('cannot also review')", WAIT);
        // as a person choosing in the select: the change signs Carla in
        page.eval("var a = document.getElementById('agent'); a.value = 'carla';"
            + " a.dispatchEvent(new Event('change'))");
        page.eval(q("li.pub.state-AWAITING_APPROVAL .p-approve") + ".click()");
        page.waitFor(q("li.pub.state-SCHEDULED"), WAIT);
        page.waitFor("document.querySelectorAll('.calendar .entry.state-SCHEDULED').length === 1",
            WAIT);

        // Crisis: one button stops it.
        page.eval(q("#crisis-pause") + ".click()");
        page.waitFor("!" + q("#crisis-banner") + ".hidden && " + q("#crisis-banner")
            + ".textContent.includes('Crisispauze actief')", WAIT);
        page.waitFor(q("li.pub.state-PAUSED"), WAIT);
        page.screenshot(Path.of("target", "screenshots", "planner.png"));

        // An inwoner chats on the municipality's page; the answer from the inbox arrives live.
        page.navigate(app.url() + "site.html");
        page.waitFor(q(".wc-launcher"), WAIT);
        page.eval(q(".wc-launcher") + ".click()");
        page.waitFor("document.activeElement === " + q(".wc-input"), WAIT);
        page.type("Is het gemeentehuis morgen open?");
        page.press("Enter");
        String chat = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (chat == null && System.nanoTime() < deadline) {
          for (JsonNode c : get(app, "conversations")) {
            if (c.path("kind").asText().equals("WEBCHAT")) {
              chat = c.path("id").asText();
            }
          }
          Thread.sleep(100);
        }
        assertTrue(chat != null, "the chat is in the inbox");
        post(app, "conversations/" + chat + "/reply", "{\"agent\":\"sanne\",\"text\":"
            + "\"Hoi! Morgen zijn we open van 9 tot 17 uur.\",\"addSignOff\":true}");
        page.waitFor("document.querySelectorAll('.wc-msg-agent').length === 1", WAIT);
        assertTrue(page.eval(q(".wc-msg-agent") + ".textContent").asText()
            .contains("Morgen zijn we open"));
      }
      assertTrue(Files.size(Path.of("target", "screenshots", "inbox.png")) > 10_000);
      assertTrue(Files.size(Path.of("target", "screenshots", "planner.png")) > 10_000);

      // Restart on the same file: the same conversations, the reply, the pause.
      try (DemoApp again = new DemoApp(0, data, null)) {
        JsonNode conversations = get(again, "conversations");
        assertEquals(8, conversations.size(), "not seeded twice; the chat kept");
        String woz = null;
        for (JsonNode c : conversations) {
          if (c.path("kind").asText().equals("WHATSAPP")) {
            woz = c.path("id").asText();
          }
        }
        JsonNode messages = get(again, "conversations/" + woz).path("messages");
        assertEquals(2, messages.size());
        assertEquals(GOOD, messages.get(1).path("text").asText());
        assertTrue(get(again, "crisis").path("active").asBoolean());
        assertEquals("PAUSED", get(again, "publications").get(0).path("state").asText());

        // The new mail server starts empty: new mail is still read, not skipped by old cursors.
        post(again, "simulate", "{\"channel\":\"email-kcc\",\"text\":\"Nog een vraag.\"}");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (get(again, "conversations").size() < 9 && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        assertEquals(9, get(again, "conversations").size());
      }
    }
  }
}
