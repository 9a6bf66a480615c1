package org.webcare4j.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.error.PayloadTooLargeException;
import org.webcare4j.core.error.SignatureInvalidException;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.error.WebhookException;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.webhook.WebhookEndpoint;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.core.webhook.WebhookResponse;
import org.webcare4j.core.webhook.Webhooks;

/**
 * The inbound webhook pipeline: size limit, route, handshake, signature over the raw bytes,
 * parse, then the {@link Ingestor}. Every failure becomes an answer; nothing is thrown at the
 * host. The platform gets 200 only once every event of the delivery is stored, so a store failure
 * (503) makes the platform deliver again and nothing is lost.
 */
final class InboundPipeline implements Webhooks {
  private static final Logger log = LoggerFactory.getLogger(InboundPipeline.class);

  private final Map<String, WebhookEndpoint> endpoints;
  private final Map<String, ChannelId> channels;
  private final Clock clock;
  private final Ingestor ingestor;
  private final int maxBodyBytes;

  InboundPipeline(Map<String, WebhookEndpoint> endpoints, Map<String, ChannelId> channels,
      Ingestor ingestor, int maxBodyBytes, Clock clock) {
    this.endpoints = Map.copyOf(endpoints);
    this.channels = Map.copyOf(channels);
    this.clock = clock;
    this.ingestor = ingestor;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public WebhookResponse handle(WebhookRequest request) {
    String path = request.path();
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    String name = path.substring(path.lastIndexOf('/', end - 1) + 1, end);
    return handle(name, request);
  }

  @Override
  public WebhookResponse handle(String name, WebhookRequest request) {
    if (request.bodyLength() > maxBodyBytes) {
      PayloadTooLargeException e = new PayloadTooLargeException(maxBodyBytes);
      return WebhookResponse.text(e.httpStatus(), e.getMessage());
    }
    WebhookEndpoint endpoint = endpoints.get(name);
    if (endpoint == null) {
      return WebhookResponse.text(404, "no webhook endpoint here");
    }
    try {
      Optional<WebhookResponse> handshake = endpoint.handshake(request);
      if (handshake.isPresent()) {
        return handshake.get();
      }
      if (!request.method().equals("POST")) {
        return WebhookResponse.text(405, "webhook deliveries are POSTed");
      }
      endpoint.verify(request);
      ingestor.ingest(read(name, endpoint, request), null, Map.of());
      return WebhookResponse.ok();
    } catch (SignatureInvalidException e) {
      log.warn("webhook {} refused: {}", name, e.getMessage());
      return WebhookResponse.text(e.httpStatus(), e.getMessage());
    } catch (WebhookException e) {
      log.info("webhook {} refused ({}): {}", name, e.httpStatus(), e.getMessage());
      return WebhookResponse.text(e.httpStatus(), e.getMessage());
    } catch (StoreException e) {
      log.error("webhook {}: store failed; the platform will deliver again", name, e);
      return WebhookResponse.text(503, "temporarily unable to store; deliver again");
    } catch (RuntimeException e) {
      log.error("webhook {}: unexpected failure; the platform will deliver again", name, e);
      return WebhookResponse.text(500, "internal error");
    }
  }

  /**
   * Parses a verified delivery. A channel's parser answers for its platform's format; should it
   * fail in a way it did not foresee, the signed delivery is still not refused: its whole body
   * is kept as one unreadable item, so nothing the platform delivered is lost.
   */
  private InboundBatch read(String name, WebhookEndpoint endpoint, WebhookRequest request) {
    try {
      return endpoint.parse(request);
    } catch (WebhookException e) {
      throw e;
    } catch (RuntimeException e) {
      log.error("webhook {}: the channel's parser failed unexpectedly; the delivery is kept"
          + " whole as an unreadable item", name, e);
      ChannelId channel = channels.getOrDefault(name, ChannelId.of(name));
      return InboundBatch.builder(channel, clock.instant())
          .unreadable("body", "the parser failed: " + e.getClass().getSimpleName(),
              new String(request.body(), StandardCharsets.UTF_8))
          .build();
    }
  }

  @Override
  public int maxBodyBytes() {
    return maxBodyBytes;
  }
}
