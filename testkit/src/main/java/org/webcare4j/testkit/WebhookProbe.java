package org.webcare4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.UnreadableItem;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.webhook.WebhookRequest;

/**
 * Delivers signed webhook bodies to one channel through the whole inbound pipeline (size limit,
 * signature, parse, dedupe, store, dispatch) on an in-memory store or one of the caller's, and
 * tells what the
 * listeners saw: for property tests that a channel never refuses a signed delivery for one item
 * it cannot read.
 *
 * <pre>{@code
 * try (WebhookProbe probe = WebhookProbe.of(channel, body -> signedRequest(body))) {
 *   WebhookProbe.Delivery d = probe.deliver(body);
 *   assertEquals(200, d.status());
 *   assertTrue(d.platformIds().containsAll(List.of("wamid.a", "wamid.b")));
 * }
 * }</pre>
 */
public final class WebhookProbe implements AutoCloseable {
  private final Webcare webcare;
  private final Function<byte[], WebhookRequest> signer;
  private final List<InboundEvent> seen = new ArrayList<>();

  private WebhookProbe(Channel channel, WebcareStore store,
      Function<byte[], WebhookRequest> signer) {
    this.signer = signer;
    this.webcare = Webcare.builder().store(store).channel(channel)
        .listener(r -> {
          synchronized (seen) {
            seen.add(r.event());
          }
        })
        .dispatchExecutor(Runnable::run).build();
  }

  /**
   * Starts a probe.
   *
   * @param channel the channel, with its webhook
   * @param signer turns a body into the request the platform would send: path, headers and
   *     signature
   * @return the probe; close it
   */
  public static WebhookProbe of(Channel channel, Function<byte[], WebhookRequest> signer) {
    return of(channel, InMemoryWebcareStore.create(), signer);
  }

  /**
   * Starts a probe on a store of the caller's, such as an embedded H2 file or PostgreSQL, so
   * that what a store refuses is found too; the caller closes the store after the probe.
   *
   * @param channel the channel, with its webhook
   * @param store the store
   * @param signer turns a body into the request the platform would send
   * @return the probe; close it
   */
  public static WebhookProbe of(Channel channel, WebcareStore store,
      Function<byte[], WebhookRequest> signer) {
    return new WebhookProbe(Objects.requireNonNull(channel, "channel"),
        Objects.requireNonNull(store, "store"), Objects.requireNonNull(signer, "signer"));
  }

  /**
   * What one delivery came to.
   *
   * @param status the answer's status
   * @param answer the answer's body
   * @param events the events the listeners received for it, in order
   * @param unreadable the unreadable items now kept, newest first
   */
  public record Delivery(int status, String answer, List<InboundEvent> events,
      List<UnreadableItem> unreadable) {

    /**
     * Returns the platform ids of the events, as their records name them.
     *
     * @return the ids, in order
     */
    public List<String> platformIds() {
      List<String> ids = new ArrayList<>();
      for (InboundEvent e : events) {
        for (var c : e.getClass().getRecordComponents()) {
          if (c.getName().equals("platformId")) {
            try {
              ids.add(String.valueOf(c.getAccessor().invoke(e)));
            } catch (ReflectiveOperationException x) {
              throw new IllegalStateException(x);
            }
          }
        }
      }
      return ids;
    }
  }

  /**
   * Signs and delivers a body.
   *
   * @param body the body as the platform would send it
   * @return the answer and what the listeners saw
   */
  public Delivery deliver(String body) {
    return deliver(body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Signs and delivers raw bytes.
   *
   * @param body the bytes
   * @return the answer and what the listeners saw
   */
  public Delivery deliver(byte[] body) {
    int before;
    synchronized (seen) {
      before = seen.size();
    }
    var response = webcare.webhooks().handle(signer.apply(body));
    List<InboundEvent> events;
    synchronized (seen) {
      events = List.copyOf(seen.subList(before, seen.size()));
    }
    return new Delivery(response.status(), response.bodyText(), events,
        webcare.unreadableItems(20));
  }

  /**
   * Hands a request to the pipeline as it is, unsigned: a handshake, or a forged delivery.
   *
   * @param request the request
   * @return the pipeline's answer
   */
  public org.webcare4j.core.webhook.WebhookResponse handle(WebhookRequest request) {
    return webcare.webhooks().handle(request);
  }

  @Override
  public void close() {
    webcare.close();
  }
}
