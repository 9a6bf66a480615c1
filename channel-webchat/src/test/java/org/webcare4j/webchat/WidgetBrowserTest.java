package org.webcare4j.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.outbox.OutboundMessage;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.testkit.HeadlessChromium;

/**
 * The widget on a test page in a real headless Chromium: open, send, a live reply, the typing
 * indicator, keyboard use, escaping of markup from either side, the offline form, English texts,
 * and the long-poll fallback. A screenshot of the open widget is saved under {@code
 * target/screenshots}.
 */
class WidgetBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final AgentIdentity SANNE = new AgentIdentity("u-17", "Sanne", "SV");
  private static HeadlessChromium browser;

  @BeforeAll
  static void browser() {
    browser = HeadlessChromium.launch();
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
  }

  private static Conversation awaitConversation(ChatServer s) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      var items = s.webcare.inbox().query(InboxQuery.builder().build()).items();
      if (!items.isEmpty()) {
        return items.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no conversation arrived");
  }

  private static String q(String selector) {
    return "document.querySelector('" + selector + "')";
  }

  /** WCAG contrast ratio of an element's text colour on its background. */
  private static double contrast(HeadlessChromium.Page page, String selector) {
    JsonNode v = page.eval("(() => { const s = getComputedStyle(" + q(selector) + ");"
        + " const p = c => c.match(/\\d+/g).slice(0,3).map(Number);"
        + " return [p(s.color), p(s.backgroundColor)]; })()");
    double[] l = new double[2];
    for (int i = 0; i < 2; i++) {
      double[] c = new double[3];
      for (int k = 0; k < 3; k++) {
        double x = v.get(i).get(k).asDouble() / 255;
        c[k] = x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
      }
      l[i] = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
    return (Math.max(l[0], l[1]) + 0.05) / (Math.min(l[0], l[1]) + 0.05);
  }

  @Test
  void anInwonerChatsWithAnAgentLive() throws Exception {
    try (ChatServer s = new ChatServer(b -> b, "nl");
        HeadlessChromium.Page page = browser.newPage()) {
      page.navigate(s.origin + "/");
      page.waitFor(q(".wc-launcher"), WAIT);
      assertEquals("Chat met ons", page.eval(q(".wc-launcher") + ".textContent").asText());
      assertEquals("false", page.eval(q(".wc-launcher") + ".getAttribute('aria-expanded')")
          .asText());

      // Open it with the keyboard: focus the launcher, Enter; the text field gets focus.
      page.eval(q(".wc-launcher") + ".focus()");
      page.press("Enter");
      page.waitFor("!" + q(".wc-panel") + ".hidden", WAIT);
      page.waitFor("document.activeElement === " + q(".wc-input"), WAIT);
      assertEquals("dialog", page.eval(q(".wc-panel") + ".getAttribute('role')").asText());
      assertEquals("log", page.eval(q(".wc-log") + ".getAttribute('role')").asText());
      assertEquals("polite", page.eval(q(".wc-log") + ".getAttribute('aria-live')").asText());
      assertEquals("Uw bericht", page.eval("document.querySelector('label[for=\"' + "
          + q(".wc-input") + ".id + '\"]').textContent").asText());
      assertTrue(contrast(page, ".wc-launcher") >= 4.5, "launcher contrast");
      assertTrue(contrast(page, ".wc-status") >= 4.5, "status contrast");

      // Send.
      page.type("Wanneer wordt het oud papier opgehaald?");
      page.press("Enter");
      page.waitFor("document.querySelectorAll('.wc-msg-visitor').length === 1", WAIT);
      Conversation c = awaitConversation(s);
      assertEquals("Wanneer wordt het oud papier opgehaald?",
          s.webcare.inbox().messages(c.id()).get(0).text());

      // The agent types, then answers; the widget shows both live.
      s.channel.agentTyping(c.platformThreadId(), true);
      page.waitFor("!" + q(".wc-typing") + ".hidden", WAIT);
      assertTrue(page.eval(q(".wc-typing") + ".textContent").asText().contains("typt"));
      assertEquals(OutboxState.SENT, s.webcare.compose(c.id()).agent(SANNE)
          .text("Hoi! Het oud papier wordt elke tweede dinsdag opgehaald. Kijk in de"
              + " Afvalwijzer voor jouw straat. ^SV")
          .send().await(WAIT).state());
      page.waitFor("document.querySelectorAll('.wc-msg-agent').length === 1", WAIT);
      page.waitFor(q(".wc-typing") + ".hidden", WAIT);
      assertTrue(page.eval(q(".wc-msg-agent") + ".textContent").asText()
          .startsWith("Sanne: Hoi! Het oud papier"));

      Path shot = Path.of("target", "screenshots", "webchat-open.png");
      page.screenshot(shot);
      assertTrue(Files.size(shot) > 5_000, "a real screenshot");

      // Escape closes and gives focus back to the launcher.
      page.eval(q(".wc-input") + ".focus()");
      page.press("Escape");
      page.waitFor(q(".wc-panel") + ".hidden", WAIT);
      page.waitFor("document.activeElement === " + q(".wc-launcher"), WAIT);
    }
  }

  @Test
  void whenTheServerForgetsTheSessionTheNextMessageStartsANewChat() throws Exception {
    try (ChatServer s = new ChatServer(b -> b.sessionTtl(Duration.ofSeconds(3)), "nl");
        HeadlessChromium.Page page = browser.newPage()) {
      page.navigate(s.origin + "/");
      page.waitFor(q(".wc-launcher"), WAIT);
      page.eval(q(".wc-launcher") + ".click()");
      page.waitFor("document.activeElement === " + q(".wc-input"), WAIT);
      page.type("Eerste vraag");
      page.press("Enter");
      page.waitFor("document.querySelectorAll('.wc-msg-visitor').length === 1", WAIT);
      String first = page.eval("sessionStorage.getItem('webcare4j.chat.token')").asText();
      // Idle past the session's life: the server ends the stream, the widget finds the session
      // gone when it reconnects and says so; the conversation on screen stays.
      page.waitFor(q(".wc-notice") + " !== null", WAIT);
      assertTrue(page.eval(q(".wc-notice") + ".textContent").asText().contains("afgesloten"));
      assertTrue(page.eval("sessionStorage.getItem('webcare4j.chat.token') === null")
          .asBoolean());
      page.eval(q(".wc-input") + ".focus()");
      page.type("Tweede vraag");
      page.press("Enter");
      page.waitFor("document.querySelectorAll('.wc-msg-visitor').length === 2", WAIT);
      String second = page.eval("sessionStorage.getItem('webcare4j.chat.token')").asText();
      assertFalse(second.equals(first), "a new session");
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (s.webcare.inbox().query(InboxQuery.builder().build()).items().size() < 2
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      var conversations = s.webcare.inbox().query(InboxQuery.builder().build()).items();
      assertEquals(2, conversations.size(), "the second question is a new chat, not lost");
      // The new chat is live: an answer arrives in the widget.
      Conversation c = conversations.stream().filter(x -> s.webcare.inbox().messages(x.id())
          .get(0).text().equals("Tweede vraag")).findFirst().orElseThrow();
      assertEquals(OutboxState.SENT, s.webcare.outbox().send(c.id(), OutboundMessage.text(
          SANNE.participant(), "Graag gedaan. ^SV").build()).await(WAIT).state());
      page.waitFor("document.querySelectorAll('.wc-msg-agent').length === 1", WAIT);
    }
  }

  @Test
  void markupFromEitherSideIsShownAsText() throws Exception {
    try (ChatServer s = new ChatServer(b -> b, "nl");
        HeadlessChromium.Page page = browser.newPage()) {
      page.navigate(s.origin + "/");
      page.waitFor(q(".wc-launcher"), WAIT);
      page.eval(q(".wc-launcher") + ".click()");
      page.waitFor("document.activeElement === " + q(".wc-input"), WAIT);
      String visitor = "<img src=x onerror=\"window.__xssVisitor=1\">";
      page.type(visitor);
      page.press("Enter");
      page.waitFor("document.querySelectorAll('.wc-msg-visitor').length === 1", WAIT);
      Conversation c = awaitConversation(s);
      String agent = "<img src=x onerror=window.__xssAgent=1><b>vet</b>";
      s.webcare.outbox().send(c.id(), OutboundMessage.text(SANNE.participant(), agent).build())
          .await(WAIT);
      page.waitFor("document.querySelectorAll('.wc-msg-agent').length === 1", WAIT);
      Thread.sleep(300); // give an injected onerror a chance to fire
      assertEquals(0, page.eval("document.querySelectorAll('.wc-root img, .wc-root b')"
          + ".length").asInt());
      assertTrue(page.eval("window.__xssVisitor === undefined && window.__xssAgent ==="
          + " undefined").asBoolean());
      assertEquals(visitor, page.eval(q(".wc-msg-visitor .wc-text") + ".textContent").asText());
      assertEquals(agent, page.eval(q(".wc-msg-agent .wc-text") + ".textContent").asText());
    }
  }

  @Test
  void outsideOpeningHoursTheWidgetSaysWhenTheTeamIsBackAndTakesAMessage() throws Exception {
    // Open only one minute a week: closed at test time on all but rare runs.
    OpeningHours hours = OpeningHours.builder(ZoneId.of("Europe/Amsterdam"))
        .open(java.time.DayOfWeek.MONDAY, LocalTime.of(3, 0), LocalTime.of(3, 1)).build();
    try (ChatServer s = new ChatServer(b -> b.openingHours(hours), "nl");
        HeadlessChromium.Page page = browser.newPage()) {
      page.navigate(s.origin + "/");
      page.waitFor(q(".wc-launcher"), WAIT);
      page.eval(q(".wc-launcher") + ".click()");
      page.waitFor("!" + q(".wc-offline") + ".hidden", WAIT);
      assertTrue(page.eval(q(".wc-form") + ".hidden").asBoolean(), "no chat form when closed");
      String status = page.eval(q(".wc-status") + ".textContent").asText();
      assertTrue(status.contains("We zijn er weer op maandag"), status);
      page.waitFor("document.activeElement === " + q(".wc-offline-email"), WAIT);
      page.type("fatima@example.nl");
      page.eval(q(".wc-offline-text") + ".focus()");
      page.type("Mijn container is niet geleegd.");
      page.eval(q(".wc-offline-send") + ".click()");
      page.waitFor(q(".wc-offline-done") + ".textContent.includes('mailen')", WAIT);
      Conversation c = awaitConversation(s);
      assertTrue(c.subject().orElseThrow().contains("fatima@example.nl"));
    }
  }

  @Test
  void speaksEnglishWhenAskedAndFallsBackToLongPolling() throws Exception {
    try (ChatServer s = new ChatServer(b -> b, "en");
        HeadlessChromium.Page page = browser.newPage()) {
      page.navigate(s.origin + "/?noeventsource");
      page.waitFor(q(".wc-launcher"), WAIT);
      assertTrue(page.eval("typeof window.EventSource === 'undefined'").asBoolean());
      assertEquals("Chat with us", page.eval(q(".wc-launcher") + ".textContent").asText());
      page.eval(q(".wc-launcher") + ".click()");
      page.waitFor("document.activeElement === " + q(".wc-input"), WAIT);
      assertEquals("Your message", page.eval("document.querySelector('label[for=\"' + "
          + q(".wc-input") + ".id + '\"]').textContent").asText());
      page.type("When is the town hall open?");
      page.press("Enter");
      page.waitFor("document.querySelectorAll('.wc-msg-visitor').length === 1", WAIT);
      Conversation c = awaitConversation(s);
      s.webcare.outbox().send(c.id(), OutboundMessage.text(SANNE.participant(),
          "Hi! Monday to Friday, 9 to 5. ^SV").build()).await(WAIT);
      page.waitFor("document.querySelectorAll('.wc-msg-agent').length === 1", WAIT);
      assertFalse(page.eval(q(".wc-msg-agent") + ".textContent").asText().isEmpty());
    }
  }
}
