package org.webcare4j.core.outbox;

import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.message;
import static org.webcare4j.core.testing.Deliveries.signed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.testing.FastOutbox;
import org.webcare4j.core.testing.HttpTestChannel;

/** A Webcare on a test platform, with policies shortened so faults play out in seconds. */
final class OutboxHarness implements AutoCloseable {
  static final Participant SANNE = Participant.agent("u-17", "Sanne");
  private static final AtomicInteger INBOUND = new AtomicInteger();

  static OutboxPolicy fastPolicy() {
    return FastOutbox.policy();
  }

  static OkHttpClient fastClient() {
    return new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(1))
        .socketFactory(new org.webcare4j.core.internal.NoDelaySocketFactory()).build();
  }

  final HttpTestChannel channel;
  final WebcareStore store;
  final Webcare webcare;

  OutboxHarness(HttpTestChannel channel, WebcareStore store, OutboxPolicy policy) {
    this.channel = channel;
    this.store = store;
    this.webcare = Webcare.builder().store(store).channel(channel)
        .dispatchExecutor(Runnable::run).outboxPolicy(policy).httpClient(fastClient()).build();
  }

  OutboxHarness(HttpTestChannel channel) {
    this(channel, InMemoryWebcareStore.create(), fastPolicy());
  }

  /** An inwoner writes in, which opens a conversation with an open reply window. */
  ConversationId conversation(String thread) {
    long now = Instant.now().getEpochSecond();
    webcare.webhooks().handle(signed(channel.receiver(), body(
        message("in-" + INBOUND.incrementAndGet(), thread, "Vraag", now))));
    return webcare.inbox().query(InboxQuery.builder().build()).items().stream()
        .filter(c -> c.platformThreadId().equals(thread)).findFirst().orElseThrow().id();
  }

  OutboxHandle send(ConversationId conversation, String text) {
    return webcare.outbox().send(conversation, OutboundMessage.text(SANNE, text).build());
  }

  List<OutboxEntry> awaitAll(List<OutboxHandle> handles, Duration timeout) throws Exception {
    List<OutboxEntry> done = new ArrayList<>();
    for (OutboxHandle h : handles) {
      done.add(h.await(timeout));
    }
    return done;
  }

  @Override
  public void close() {
    webcare.close();
  }
}
