package org.webcare4j.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.message;
import static org.webcare4j.core.testing.Deliveries.signed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.event.UnreadableItem;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.store.StoreTransaction;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.testing.TestChannel;

class WebhookPipelineTest {
  private final TestChannel channel =
      new TestChannel("whatsapp-main", Secret.of("app-secret"), Secret.of("verify-me"));
  private final WebcareStore store = InMemoryWebcareStore.create();
  private final List<EventRecord> received = new CopyOnWriteArrayList<>();
  private Webcare webcare = webcare(store);

  private Webcare webcare(WebcareStore s) {
    return Webcare.builder()
        .store(s)
        .channel(channel)
        .listener(received::add)
        .dispatchExecutor(Runnable::run)
        .maxWebhookBodyBytes(4096)
        .build();
  }

  @AfterEach
  void close() {
    webcare.close();
  }

  private static final String ONE = body(message("wamid.1", "31612345678", "Hallo", 1700000000));

  private int storedConversations() {
    return webcare.inbox().query(InboxQuery.all()).items().size();
  }

  @Test
  void storesAndDispatchesASignedDelivery() {
    WebhookResponse response = webcare.webhooks().handle(signed(channel, ONE));

    assertEquals(200, response.status());
    assertEquals(1, received.size());
    MessageReceived event = (MessageReceived) received.get(0).event();
    assertEquals("wamid.1", event.platformId());
    assertEquals("Hallo", event.text());
    assertTrue(received.get(0).conversation().isPresent());
    assertTrue(received.get(0).message().isPresent());
    assertEquals(1, storedConversations());
  }

  @Test
  void refusesATamperedBodyWithoutParsingIt() {
    WebhookRequest good = signed(channel, ONE);
    byte[] tampered = good.body();
    tampered[tampered.length - 5] = 'X';
    WebhookRequest request = WebhookRequest.builder("POST", good.path())
        .header(TestChannel.SIGNATURE_HEADER, good.header(TestChannel.SIGNATURE_HEADER).get())
        .body(tampered)
        .build();

    assertEquals(403, webcare.webhooks().handle(request).status());
    assertTrue(received.isEmpty());
    assertEquals(0, storedConversations());
  }

  @Test
  void refusesATamperedSignature() {
    WebhookRequest good = signed(channel, ONE);
    String sig = good.header(TestChannel.SIGNATURE_HEADER).get();
    char last = sig.charAt(sig.length() - 1);
    String tampered = sig.substring(0, sig.length() - 1) + (last == '0' ? '1' : '0');
    WebhookRequest request = WebhookRequest.builder("POST", good.path())
        .header(TestChannel.SIGNATURE_HEADER, tampered)
        .body(good.body())
        .build();

    assertEquals(403, webcare.webhooks().handle(request).status());
    assertTrue(received.isEmpty());
  }

  @Test
  void refusesADeliverySignedWithAnotherSecret() {
    TestChannel impostor =
        new TestChannel("whatsapp-main", Secret.of("wrong-secret"), Secret.of("verify-me"));
    assertEquals(403, webcare.webhooks().handle(signed(impostor, ONE)).status());
    assertTrue(received.isEmpty());
  }

  @Test
  void refusesAnUnsignedDeliveryWith401() {
    WebhookRequest request = WebhookRequest.builder("POST", "/webhooks/whatsapp-main")
        .body(ONE)
        .build();
    WebhookResponse response = webcare.webhooks().handle(request);
    assertEquals(401, response.status());
    assertTrue(response.bodyText().contains(TestChannel.SIGNATURE_HEADER));
    assertTrue(received.isEmpty());
  }

  @Test
  void refusesAnOversizedBodyBeforeVerifying() {
    String big = body(message("wamid.big", "31612345678", "x".repeat(5000), 1700000000));
    WebhookResponse response = webcare.webhooks().handle(signed(channel, big));
    assertEquals(413, response.status());
    assertTrue(received.isEmpty());
  }

  @Test
  void answersMalformedJsonWith400AndAReason() {
    WebhookResponse response = webcare.webhooks().handle(signed(channel, "{\"events\":[{"));
    assertEquals(400, response.status());
    assertEquals("body is not JSON", response.bodyText());

    WebhookResponse wrongShape = webcare.webhooks().handle(signed(channel, "[1,2,3]"));
    assertEquals(400, wrongShape.status());
    assertEquals("body has no events array", wrongShape.bodyText());
    assertTrue(received.isEmpty());
  }

  @Test
  void anUnreadableItemCostsOnlyItselfAndIsKeptWithItsRawJson() {
    String middle = "{\"type\":\"message\",\"text\":\"zonder id\",\"from\":\"31600000002\"}";
    String delivery = "{\"events\":[" + message("wamid.a", "31600000001", "Eerste", 1700000000)
        + "," + middle + "," + message("wamid.c", "31600000003", "Derde", 1700000002) + "]}";

    WebhookResponse response = webcare.webhooks().handle(signed(channel, delivery));

    assertEquals(200, response.status(), response.bodyText());
    assertEquals(List.of("wamid.a", "wamid.c"), received.stream()
        .map(r -> ((MessageReceived) r.event()).platformId()).toList());
    List<UnreadableItem> kept = webcare.unreadableItems(10);
    assertEquals(1, kept.size());
    assertEquals("events[1]", kept.get(0).location());
    assertEquals(middle, kept.get(0).json());
    assertTrue(kept.get(0).reason().contains("event without id"), kept.get(0).reason());
    assertFalse(kept.get(0).toString().contains("zonder id"), "toString leaves the content out");

    // The platform delivers the same body again: nothing is filed or kept twice.
    assertEquals(200, webcare.webhooks().handle(signed(channel, delivery)).status());
    assertEquals(2, received.size());
    assertEquals(1, webcare.unreadableItems(10).size());
  }

  @Test
  void anEventTheStoreCannotFileIsKeptAndTheOthersAreFiled() {
    WebcareStore picky = new WebcareStore() {
      @Override
      public <T> T inTransaction(Function<StoreTransaction, T> work) {
        return store.inTransaction(tx -> work.apply((StoreTransaction) java.lang.reflect.Proxy
            .newProxyInstance(StoreTransaction.class.getClassLoader(),
                new Class<?>[] {StoreTransaction.class}, (proxy, method, args) -> {
                  if (method.getName().equals("insertMessage")
                      && ((org.webcare4j.core.model.Message) args[0]).text().equals("boom")) {
                    throw new IllegalArgumentException("a limit of this store");
                  }
                  try {
                    return method.invoke(tx, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                })));
      }
    };
    try (Webcare w = webcare(picky)) {
      String delivery = body(message("wamid.a", "31600000001", "Eerste", 1700000000),
          message("wamid.b", "31600000002", "boom", 1700000001),
          message("wamid.c", "31600000003", "Derde", 1700000002));
      WebhookResponse response = w.webhooks().handle(signed(channel, delivery));
      assertEquals(200, response.status(), response.bodyText());
      assertEquals(List.of("wamid.a", "wamid.c"), received.stream()
          .map(r -> ((MessageReceived) r.event()).platformId()).toList());
      List<UnreadableItem> kept = w.unreadableItems(10);
      assertEquals(1, kept.size());
      assertEquals("event MessageReceived", kept.get(0).location());
      assertTrue(kept.get(0).json().contains("wamid.b"));
    }
  }

  @Test
  void aParserThatFailsUnexpectedlyKeepsTheWholeSignedDelivery() {
    TestChannel broken = new TestChannel("broken", Secret.of("app-secret"), Secret.of("v")) {
      @Override
      public org.webcare4j.core.event.InboundBatch parse(WebhookRequest request) {
        throw new IllegalStateException("a bug in the parser");
      }
    };
    try (Webcare w = Webcare.builder().store(store).channel(broken).listener(received::add)
        .dispatchExecutor(Runnable::run).build()) {
      WebhookResponse response = w.webhooks().handle(signed(broken, ONE));
      assertEquals(200, response.status());
      List<UnreadableItem> kept = w.unreadableItems(5);
      assertEquals(1, kept.size());
      assertEquals("body", kept.get(0).location());
      assertEquals(ONE, kept.get(0).json());
    }
  }

  @Test
  void ignoresUnknownEventTypesAndKeepsTheKnownOnes() {
    String mixed = body("{\"type\":\"poll_vote\",\"id\":\"p1\"}",
        message("wamid.2", "31612345678", "Goedemorgen", 1700000000));
    assertEquals(200, webcare.webhooks().handle(signed(channel, mixed)).status());
    assertEquals(1, received.size());
  }

  @Test
  void dispatchesADuplicateDeliveryOnce() {
    assertEquals(200, webcare.webhooks().handle(signed(channel, ONE)).status());
    assertEquals(200, webcare.webhooks().handle(signed(channel, ONE)).status());
    assertEquals(200, webcare.webhooks().handle(signed(channel, ONE)).status());

    assertEquals(1, received.size());
    var conversation = webcare.inbox().query(InboxQuery.all()).items().get(0);
    assertEquals(1, webcare.inbox().messages(conversation.id()).size());
  }

  @Test
  void keepsEveryEventOfOneDelivery() {
    String many = body(
        message("wamid.a", "31611111111", "een", 1700000000),
        message("wamid.b", "31622222222", "twee", 1700000001),
        message("wamid.c", "31611111111", "drie", 1700000002));
    assertEquals(200, webcare.webhooks().handle(signed(channel, many)).status());
    assertEquals(3, received.size());
    assertEquals(2, storedConversations());
  }

  @Test
  void aThrowingListenerDoesNotStopTheOthersOrLoseTheEvent() {
    webcare.close();
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    webcare = Webcare.builder()
        .store(store)
        .channel(channel)
        .listener(r -> order.add("first"))
        .listener(r -> {
          throw new IllegalStateException("listener bug");
        })
        .listener(r -> order.add("third"))
        .dispatchExecutor(Runnable::run)
        .build();

    assertEquals(200, webcare.webhooks().handle(signed(channel, ONE)).status());

    assertEquals(List.of("first", "third"), order);
    assertEquals(1, storedConversations());
    assertTrue(store.inTransaction(tx -> tx.undispatchedEvents(10)).isEmpty(),
        "the event is marked dispatched despite the failing listener");
  }

  @Test
  void concurrentDeliveriesOfTheSameEventDispatchItOnce() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 25; round++) {
        String bodyText = body(message("wamid.race" + round, "3161234" + round, "Hoi", 1700000000));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          statuses.add(pool.submit(() -> {
            start.await();
            return webcare.webhooks().handle(signed(channel, bodyText)).status();
          }));
        }
        start.countDown();
        for (Future<Integer> status : statuses) {
          assertEquals(200, status.get());
        }
        assertEquals(round + 1, received.size(), "round " + round);
      }
      assertEquals(25, storedConversations());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void answersTheHandshakeWithTheChallenge() {
    WebhookRequest request = WebhookRequest.builder("GET", "/webhooks/whatsapp-main")
        .rawQuery("hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444")
        .build();
    WebhookResponse response = webcare.webhooks().handle(request);
    assertEquals(200, response.status());
    assertEquals("1158201444", response.bodyText());
  }

  @Test
  void refusesAHandshakeWithTheWrongToken() {
    WebhookRequest request = WebhookRequest.builder("GET", "/webhooks/whatsapp-main")
        .rawQuery("hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444")
        .build();
    WebhookResponse response = webcare.webhooks().handle(request);
    assertEquals(403, response.status());
    assertFalse(response.bodyText().contains("1158201444"));
  }

  @Test
  void answers404ForAnUnknownEndpointAnd405ForAPlainGet() {
    WebhookRequest unknown = WebhookRequest.builder("POST", "/webhooks/nope").body(ONE).build();
    assertEquals(404, webcare.webhooks().handle(unknown).status());
    WebhookRequest get = WebhookRequest.builder("GET", "/webhooks/whatsapp-main/").build();
    assertEquals(405, webcare.webhooks().handle(get).status());
  }

  @Test
  void aStoreFailureAsksThePlatformToDeliverAgainAndLosesNothing() {
    webcare.close();
    AtomicBoolean failing = new AtomicBoolean(true);
    WebcareStore flaky = new WebcareStore() {
      @Override
      public <T> T inTransaction(Function<StoreTransaction, T> work) {
        if (failing.get()) {
          throw new StoreException("database unavailable");
        }
        return store.inTransaction(work);
      }
    };
    failing.set(false);
    webcare = webcare(flaky);
    failing.set(true);

    assertEquals(503, webcare.webhooks().handle(signed(channel, ONE)).status());
    assertTrue(received.isEmpty());

    failing.set(false);
    assertEquals(200, webcare.webhooks().handle(signed(channel, ONE)).status());
    assertEquals(1, received.size());
  }

  @Test
  void neverLeaksTheBodyOrSignatureInToString() {
    WebhookRequest request = signed(channel, ONE);
    String text = request.toString();
    assertFalse(text.contains("Hallo"));
    assertFalse(text.contains(request.header(TestChannel.SIGNATURE_HEADER).get()));
    assertTrue(text.contains(String.valueOf(ONE.getBytes(StandardCharsets.UTF_8).length)));
  }
}
