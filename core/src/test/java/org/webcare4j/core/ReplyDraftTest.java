package org.webcare4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.message;
import static org.webcare4j.core.testing.Deliveries.signed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.error.NotFoundException;
import org.webcare4j.core.error.TextTooLongException;
import org.webcare4j.core.internal.NoDelaySocketFactory;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.MessageFlag;
import org.webcare4j.core.model.ToneOverride;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.testing.HttpTestChannel;
import org.webcare4j.core.testing.TestPlatform;
import org.webcare4j.core.tone.ToneBlockedException;
import org.webcare4j.core.tone.ToneReport;

/** Composing a reply: checked, fixed, refused while blocked, overridden on the record. */
class ReplyDraftTest {
  private static final AgentIdentity SANNE = new AgentIdentity("sanne.vos", "Sanne", "SV");
  private static final AtomicInteger INBOUND = new AtomicInteger();
  private static final String GOOD = "Hoi Jan, dank je voor je vraag. De milieustraat is op"
      + " zaterdag open tot vier uur. Je kunt daar gratis je snoeiafval kwijt.\n^Sanne";

  private TestPlatform platform;
  private HttpTestChannel channel;
  private Webcare webcare;

  @BeforeEach
  void start() throws Exception {
    platform = new TestPlatform();
    channel = new HttpTestChannel("whatsapp-main", platform.url());
    webcare = Webcare.builder().store(InMemoryWebcareStore.create()).channel(channel)
        .dispatchExecutor(Runnable::run)
        .httpClient(new OkHttpClient.Builder().socketFactory(new NoDelaySocketFactory()).build())
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    webcare.close();
    platform.close();
  }

  private ConversationId received(String thread, String text) {
    webcare.webhooks().handle(signed(channel.receiver(), body(message(
        "in-" + INBOUND.incrementAndGet(), thread, text, Instant.now().getEpochSecond()))));
    return webcare.inbox().query(InboxQuery.all()).items().stream()
        .filter(c -> c.platformThreadId().equals(thread)).findFirst().orElseThrow().id();
  }

  private List<Message> outbound(ConversationId c) {
    return webcare.inbox().messages(c).stream()
        .filter(m -> m.direction() == Direction.OUTBOUND).toList();
  }

  @Test
  void aGoodReplyIsSentWithItsAgentAsAuthor() throws Exception {
    ConversationId c = received("31611111111", "Wanneer is de milieustraat open?");
    ReplyDraft draft = webcare.compose(c).agent(SANNE).text(GOOD);
    assertTrue(draft.check().sendable());
    OutboxEntry done = draft.send().await(Duration.ofSeconds(10));
    assertEquals(OutboxState.SENT, done.state());
    // the simulator records the text as it appears in the JSON body
    assertEquals(List.of(GOOD.replace("\n", "\\n")), platform.acceptedTexts());
    Message sent = outbound(c).get(0);
    assertEquals("Sanne", sent.author().displayName());
    assertEquals(Optional.empty(), sent.toneOverride());
  }

  @Test
  void aBlockedReplyIsRefusedBeforeAnythingIsStoredOrSent() {
    ConversationId c = received("31611111111", "Wat vinden jullie van de nieuwe parkeerregels?");
    ReplyDraft draft = webcare.compose(c).agent(SANNE)
        .text("Hoi Jan, ik vind de nieuwe regels ook te streng. Je kunt bezwaar maken.\n^Sanne");
    ToneBlockedException e = assertThrows(ToneBlockedException.class, draft::send);
    assertEquals(List.of("PERSONAL_OPINION"), e.report().blocking().stream()
        .map(f -> f.rule()).toList());
    assertEquals("ik vind", e.report().blocking().get(0).span().of(draft.text()).toLowerCase());
    assertEquals(List.of(), outbound(c));
    assertEquals(List.of(), platform.acceptedTexts());
  }

  @Test
  void anOverrideNamesThePersonAndReasonAndIsRecordedWithTheMessage() throws Exception {
    ConversationId c = received("31611111111", "Wat vindt de wethouder ervan?");
    String text = "Hoi Jan, de wethouder zegt: ik vind dit een goed plan. Je kunt reageren"
        + " tot vrijdag.\n^Sanne";
    OutboxEntry done = webcare.compose(c).agent(SANNE).text(text)
        .override("Piet de Vries", "Letterlijk citaat van de wethouder")
        .send().await(Duration.ofSeconds(10));
    assertEquals(OutboxState.SENT, done.state());
    ToneOverride override = outbound(c).get(0).toneOverride().orElseThrow();
    assertEquals("Piet de Vries", override.person());
    assertEquals("Letterlijk citaat van de wethouder", override.reason());
    assertEquals(List.of("PERSONAL_OPINION"), override.rules());
    assertThrows(IllegalArgumentException.class,
        () -> webcare.compose(c).override("Piet", " "));
  }

  @Test
  void safeFixesAddTheSignOffInTheChannelsFormat() {
    ConversationId c = received("31611111111", "Wanneer is de milieustraat open?");
    ReplyDraft draft = webcare.compose(c).agent(SANNE).text(GOOD.replace("\n^Sanne", ""));
    ToneReport before = draft.applyFixes();
    assertTrue(before.has("SIGN_OFF"));
    assertTrue(draft.text().endsWith("kwijt.\n^Sanne"), draft.text());
    assertFalse(draft.check().has("SIGN_OFF"));
  }

  @Test
  void theSameAnswerToSeveralConversationsIsFlaggedAsCanned() throws Exception {
    ConversationId first = received("31611111111", "Milieustraat open?");
    ConversationId second = received("31622222222", "Milieustraat open?");
    ConversationId third = received("31633333333", "Milieustraat open?");
    webcare.compose(first).agent(SANNE).text(GOOD).send().await(Duration.ofSeconds(10));
    assertFalse(webcare.compose(second).agent(SANNE).text(GOOD).check().has("CANNED_ANSWER"),
        "one earlier conversation is not yet a pattern");
    webcare.compose(second).agent(SANNE).text(GOOD).send().await(Duration.ofSeconds(10));
    ToneReport third3 = webcare.compose(third).agent(SANNE)
        .text(GOOD.replace("Hoi Jan", "Hoi Fatima")).check();
    assertTrue(third3.has("CANNED_ANSWER"), third3.findings().toString());
    assertFalse(webcare.compose(third).agent(SANNE).text("Hoi Fatima, de milieustraat aan de"
        + " Havenweg neemt op zaterdag tot vier uur snoeiafval aan, tot twee kuub gratis. Neem"
        + " je afvalpas mee.\n^Sanne").check().has("CANNED_ANSWER"));
  }

  @Test
  void inboundMessagesAreClassifiedStoredAndFilterable() {
    ConversationId abusive = received("31611111111", "Wat een kutgemeente, niemand doet iets");
    webcare.webhooks().handle(signed(channel.receiver(), body("{\"type\":\"comment\","
        + "\"id\":\"cm-1\",\"thread\":\"post-1_cm-1\",\"from\":\"777\",\"name\":\"Ans\","
        + "\"text\":\"Mijn bsn is 111222333, waar blijft mijn toeslag?\",\"ts\":"
        + Instant.now().getEpochSecond() + "}")));
    ConversationId calm = received("31633333333", "Wanneer is de milieustraat open?");

    Message m = webcare.inbox().messages(abusive).get(0);
    assertEquals(Set.of(MessageFlag.ABUSIVE), m.flags());
    assertEquals(List.of(abusive), ids(InboxQuery.builder().flag(MessageFlag.ABUSIVE)));
    List<ConversationId> privacy = ids(InboxQuery.builder()
        .flag(MessageFlag.PRIVACY_SHARED_PUBLICLY));
    assertEquals(1, privacy.size());
    assertFalse(privacy.contains(calm));
    assertEquals(Set.of(), webcare.inbox().messages(calm).get(0).flags());
  }

  private List<ConversationId> ids(InboxQuery.Builder q) {
    return webcare.inbox().query(q.build()).items().stream().map(Conversation::id).toList();
  }

  @Test
  void refusesWhatCannotBeComposed() {
    assertThrows(NotFoundException.class, () -> webcare.compose(ConversationId.of("nope")));
    ConversationId c = received("31611111111", "Vraag");
    assertThrows(IllegalStateException.class, () -> webcare.compose(c).text(GOOD).send());
  }

  @Test
  void aTextTooLongForTheChannelBlocksAndAnOverrideDoesNotLiftIt() {
    ConversationId c = received("31611111111", "Vraag");
    String longText = "Hoi Jan, dank je. " + "Je kunt het formulier invullen. ".repeat(200)
        + "\n^Sanne";
    ReplyDraft draft = webcare.compose(c).agent(SANNE).text(longText);
    assertTrue(draft.check().blocking().stream().anyMatch(f -> f.rule().equals("LENGTH")));
    assertThrows(TextTooLongException.class,
        () -> draft.override("Piet de Vries", "moet echt").send());
    assertEquals(List.of(), platform.acceptedTexts());
  }
}
