package org.webcare4j.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.channel.LookupResult;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.channel.PostRules;
import org.webcare4j.core.channel.PublishPost;
import org.webcare4j.core.channel.RateQuota;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.error.AuthorizationException;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.error.RateLimitedException;
import org.webcare4j.core.error.TransientPlatformException;
import org.webcare4j.core.http.PlatformHttp;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.webhook.WebhookEndpoint;

/**
 * A channel that sends to a {@link TestPlatform} over real HTTP and maps its answers the way a
 * real adapter maps a platform's: 429 to a rate limit with the requested wait, 5xx to transient,
 * 401 to an authorization failure, other 4xx to a permanent refusal. It receives like {@link
 * TestChannel}.
 */
public final class HttpTestChannel implements Channel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  private final ChannelId id;
  private final HttpUrl base;
  private final TestChannel receiver;
  private final Optional<RateQuota> quota;
  private final int maxLength;

  public HttpTestChannel(String id, HttpUrl base) {
    this(id, base, Optional.empty(), 4096);
  }

  public HttpTestChannel(String id, HttpUrl base, Optional<RateQuota> quota, int maxLength) {
    this.id = ChannelId.of(id);
    this.base = base;
    this.quota = quota;
    this.maxLength = maxLength;
    this.receiver = new TestChannel(id, Secret.of("app-secret"), Secret.of("verify-me"));
  }

  public TestChannel receiver() {
    return receiver;
  }

  @Override
  public ChannelId id() {
    return id;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.WHATSAPP;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.PRIVATE_MESSAGES, Capability.PUBLIC_REPLIES,
        Capability.TEMPLATES, Capability.PUBLISHING);
  }

  @Override
  public ChannelLimits limits() {
    return ChannelLimits.of(maxLength, LengthCounter.utf16())
        .withReplyWindow(Duration.ofHours(24));
  }

  /** Posts of up to 500 characters, one JPEG of up to 1 MB by URL, links in a field. */
  @Override
  public Optional<PostRules> postRules() {
    return Optional.of(PostRules.builder(500, LengthCounter.utf16())
        .maxMedia(1)
        .media(AttachmentKind.IMAGE, 1_000_000, "image/jpeg")
        .mediaByUrl()
        .build());
  }

  @Override
  public Optional<WebhookEndpoint> webhook() {
    return receiver.webhook();
  }

  @Override
  public Optional<RateQuota> quota() {
    return quota;
  }

  @Override
  public String rateLimitBucket(OutboundOperation operation) {
    return "messages";
  }

  @Override
  public OperationResult execute(OutboundOperation operation, OperationContext context) {
    String to;
    String text;
    if (operation instanceof PublishPost post) {
      to = "feed";
      text = post.text();
    } else {
      SendMessage send = (SendMessage) operation;
      to = send.platformThreadId();
      text = send.text();
    }
    String body;
    try {
      body = JSON.writeValueAsString(java.util.Map.of("to", to, "text", text));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Request request = new Request.Builder()
        .url(base.newBuilder().addPathSegment("messages").build())
        .header("Idempotency-Key", context.idempotencyKey())
        .post(RequestBody.create(body, APPLICATION_JSON))
        .build();
    try (Response response = context.http().execute(request)) {
      String limit = response.header("x-rate-limit-limit");
      if (limit != null) {
        context.rateLimits().remaining("messages",
            Long.parseLong(response.header("x-rate-limit-remaining")), Long.parseLong(limit),
            Instant.ofEpochSecond(Long.parseLong(response.header("x-rate-limit-reset"))));
      }
      JsonNode json = readJson(response);
      String code = json.path("error").path("code").asText(String.valueOf(response.code()));
      String message = json.path("error").path("message").asText("HTTP " + response.code());
      if (response.isSuccessful()) {
        return OperationResult.created(json.path("id").asText());
      }
      if (response.code() == 429) {
        throw new RateLimitedException(id, code, "", message, "",
            PlatformHttp.retryAfter(response, context.clock().instant())
                .orElse(Duration.ofSeconds(60)));
      }
      if (response.code() >= 500) {
        throw new TransientPlatformException(id, code, "", message, "");
      }
      if (response.code() == 401) {
        throw new AuthorizationException(id, code, "", message, "");
      }
      throw new PermanentPlatformException(id, code, "", message, "");
    }
  }

  @Override
  public LookupResult lookup(OutboundOperation operation, OperationContext context) {
    Request request = new Request.Builder()
        .url(base.newBuilder().addPathSegment("messages")
            .addQueryParameter("key", context.idempotencyKey()).build())
        .get().build();
    try (Response response = context.http().execute(request)) {
      if (response.code() == 200) {
        return LookupResult.found(OperationResult.created(readJson(response).path("id").asText()));
      }
      return response.code() == 404 ? LookupResult.notFound() : LookupResult.unknown();
    }
  }

  private static JsonNode readJson(Response response) {
    try {
      String text = response.body().string();
      return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
