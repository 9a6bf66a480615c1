package org.webcare4j.meta;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.HttpUrl;
import org.webcare4j.core.CapabilityNotSupportedException;
import org.webcare4j.core.Secret;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.graph.GraphWebhookVerifier;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.outbox.DeleteComment;
import org.webcare4j.core.outbox.HideComment;
import org.webcare4j.core.outbox.OperationResult;
import org.webcare4j.core.outbox.OutboundOperation;
import org.webcare4j.core.outbox.PrivateReply;
import org.webcare4j.core.outbox.PublishPost;
import org.webcare4j.core.outbox.RateQuota;
import org.webcare4j.core.outbox.SendMessage;
import org.webcare4j.core.webhook.WebhookEndpoint;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.core.webhook.WebhookResponse;
import org.webcare4j.meta.internal.GraphAccountApi;

/** What a Facebook Page and an Instagram account share: webhooks, the calls, the throttle. */
abstract class GraphAccountChannel implements Channel {
  private final ChannelId id;
  private final GraphWebhookVerifier verifier;
  private final Function<byte[], List<InboundEvent>> parser;
  private final GraphAccountApi api;
  private final int callsPerSecond;

  GraphAccountChannel(ChannelId id, Secret appSecret, Secret verifyToken, String baseUrl,
      String apiVersion, String accountId, Secret token, GraphAccountApi.Flavour flavour,
      Function<byte[], List<InboundEvent>> parser, int callsPerSecond) {
    this.id = id;
    this.verifier = new GraphWebhookVerifier(appSecret, verifyToken);
    this.parser = parser;
    this.api = new GraphAccountApi(id, HttpUrl.get(baseUrl).newBuilder()
        .addPathSegment(apiVersion).build(), accountId, token, flavour);
    this.callsPerSecond = callsPerSecond;
  }

  @Override
  public ChannelId id() {
    return id;
  }

  @Override
  public Optional<RateQuota> quota() {
    return Optional.of(RateQuota.perSecond(callsPerSecond));
  }

  @Override
  public String rateLimitBucket(OutboundOperation operation) {
    return GraphAccountApi.BUCKET;
  }

  @Override
  public Optional<WebhookEndpoint> webhook() {
    return Optional.of(new WebhookEndpoint() {
      @Override
      public Optional<WebhookResponse> handshake(WebhookRequest request) {
        return verifier.handshake(request);
      }

      @Override
      public void verify(WebhookRequest request) {
        verifier.verify(request);
      }

      @Override
      public List<InboundEvent> parse(WebhookRequest request) {
        return parser.apply(request.body());
      }
    });
  }

  @Override
  public OperationResult execute(OutboundOperation operation, OperationContext context) {
    if (operation instanceof SendMessage send) {
      if (!send.attachments().isEmpty() || send.template().isPresent()) {
        throw api.unsupported("this channel sends text replies only");
      }
      return api.send(send, context);
    }
    if (operation instanceof PrivateReply reply) {
      return api.privateReply(reply, context);
    }
    if (operation instanceof HideComment hide) {
      return api.hide(hide, context);
    }
    if (operation instanceof DeleteComment delete) {
      return api.delete(delete, context);
    }
    if (operation instanceof PublishPost post) {
      return api.publish(post, context);
    }
    throw new CapabilityNotSupportedException(id, operation.requires());
  }
}
