package org.webcare4j.whatsapp;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.CapabilityNotSupportedException;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.channel.MarkRead;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.channel.RateQuota;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.http.PlatformHttp;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.MediaContent;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.webhook.WebhookEndpoint;
import org.webcare4j.graph.GraphWebhookVerifier;
import org.webcare4j.whatsapp.internal.WhatsAppCloudApi;
import org.webcare4j.whatsapp.internal.WhatsAppPayloadParser;

/**
 * One WhatsApp business phone number on the Cloud API.
 *
 * <pre>{@code
 * WhatsAppChannel whatsapp = WhatsAppChannel.builder(ChannelId.of("whatsapp-main"))
 *     .phoneNumberId("106540352242922")
 *     .appSecret(Secret.fromEnvironment("META_APP_SECRET"))
 *     .verifyToken(Secret.fromEnvironment("WHATSAPP_VERIFY_TOKEN"))
 *     .build();
 * }</pre>
 *
 * <p>Its webhook endpoint answers Meta's subscription handshake, verifies {@code
 * X-Hub-Signature-256} over the raw body, and reads every message type and status update of the
 * {@code whatsapp_business_account} payload. Free-form replies are allowed for 24 hours after the
 * inwoner's last message.
 */
public final class WhatsAppChannel implements Channel {
  /** WhatsApp's longest text message body. */
  public static final int MAX_TEXT_LENGTH = 4096;

  /** WhatsApp's customer-service window. */
  public static final Duration CUSTOMER_SERVICE_WINDOW = Duration.ofHours(24);

  /** The Graph API base used when none is configured. */
  public static final String DEFAULT_BASE_URL = "https://graph.facebook.com/";

  /** The Graph API version used when none is configured. */
  public static final String DEFAULT_API_VERSION = "v21.0";

  /** Messages per second a business phone number may send by default (Meta's documented 80). */
  public static final int DEFAULT_THROUGHPUT = 80;

  /** The largest inbound media download accepted by default: 100 MiB, WhatsApp's own cap. */
  public static final long DEFAULT_MAX_MEDIA_BYTES = 100L << 20;

  private final ChannelId id;
  private final String phoneNumberId;
  private final GraphWebhookVerifier verifier;
  private final WhatsAppPayloadParser parser;
  private final WhatsAppCloudApi api;
  private final int throughput;
  private final OkHttpClient mediaClient;
  private final Clock clock;

  private WhatsAppChannel(Builder b) {
    this.id = b.id;
    this.phoneNumberId = b.phoneNumberId;
    this.verifier = new GraphWebhookVerifier(b.appSecret, b.verifyToken);
    this.parser = new WhatsAppPayloadParser(id, phoneNumberId, b.clock);
    HttpUrl base = HttpUrl.get(b.baseUrl).newBuilder().addPathSegment(b.apiVersion).build();
    this.api = new WhatsAppCloudApi(id, base, phoneNumberId, Optional.ofNullable(b.accessToken));
    this.throughput = b.throughput;
    this.mediaClient = b.mediaClient;
    this.clock = b.clock;
  }

  /**
   * Starts configuring a channel.
   *
   * @param id the id the host gives this number
   * @return a builder
   */
  public static Builder builder(ChannelId id) {
    return new Builder(id);
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
    return EnumSet.of(Capability.PRIVATE_MESSAGES, Capability.MEDIA, Capability.TEMPLATES,
        Capability.READ_RECEIPTS);
  }

  @Override
  public ChannelLimits limits() {
    return ChannelLimits.of(MAX_TEXT_LENGTH, LengthCounter.utf16())
        .withReplyWindow(CUSTOMER_SERVICE_WINDOW);
  }

  /**
   * Returns the Cloud API id of the business phone number.
   *
   * @return the phone number id
   */
  public String phoneNumberId() {
    return phoneNumberId;
  }

  @Override
  public Optional<WebhookEndpoint> webhook() {
    return Optional.of(verifier.endpoint(parser::parse));
  }

  @Override
  public Optional<RateQuota> quota() {
    return Optional.of(RateQuota.perSecond(throughput));
  }

  @Override
  public String rateLimitBucket(OutboundOperation operation) {
    return WhatsAppCloudApi.MESSAGES_BUCKET;
  }

  /**
   * Sends a message (text with an optional reply context, one image, video, audio, document or
   * sticker by media id or link, or an approved template with body parameters) or marks an
   * inbound message read. Called by the outbox; hosts send through {@code Webcare.compose} or
   * the outbox, never directly.
   */
  @Override
  public OperationResult execute(OutboundOperation operation, OperationContext context) {
    if (operation instanceof SendMessage send) {
      return api.send(send, context.http(), context.rateLimits(), context.clock());
    }
    if (operation instanceof MarkRead read) {
      return api.markRead(read, context.http(), context.rateLimits(), context.clock());
    }
    throw new CapabilityNotSupportedException(id, operation.requires());
  }

  /**
   * Downloads the media of an inbound attachment: the media id's short-lived URL first, then the
   * bytes, both with the access token; the SHA-256 the platform gives is checked.
   *
   * @param mediaId the attachment's {@linkplain Attachment#mediaId() media id}
   * @param maxBytes the largest download accepted
   * @return the bytes and their type
   * @throws org.webcare4j.core.error.PermanentPlatformException with code {@code MEDIA_TOO_LARGE} when
   *     the media is larger than {@code maxBytes}, or the platform's refusal
   * @throws org.webcare4j.core.error.TransientPlatformException when the download failed or arrived
   *     damaged; trying again may help
   */
  public MediaContent downloadMedia(String mediaId, long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    WhatsAppCloudApi.Media m = api.download(Objects.requireNonNull(mediaId, "mediaId"), maxBytes,
        new PlatformHttp(mediaClient, id), clock);
    return new MediaContent(m.bytes(), m.mimeType(), m.sha256());
  }

  @Override
  public String toString() {
    return "WhatsAppChannel{" + id + ", phoneNumberId=" + phoneNumberId + "}";
  }

  /** Configures a {@link WhatsAppChannel}. */
  public static final class Builder {
    private final ChannelId id;
    private String phoneNumberId;
    private Secret appSecret;
    private Secret verifyToken;
    private Secret accessToken;
    private String baseUrl = DEFAULT_BASE_URL;
    private String apiVersion = DEFAULT_API_VERSION;
    private int throughput = DEFAULT_THROUGHPUT;
    private OkHttpClient mediaClient;
    private Clock clock = Clock.systemUTC();

    private Builder(ChannelId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Sets the Cloud API id of the business phone number (not the number itself).
     *
     * @param phoneNumberId the id, digits only
     * @return this builder
     */
    public Builder phoneNumberId(String phoneNumberId) {
      Objects.requireNonNull(phoneNumberId, "phoneNumberId");
      if (!phoneNumberId.matches("[0-9]{1,30}")) {
        throw new IllegalArgumentException("a phone number id is digits only: " + phoneNumberId);
      }
      this.phoneNumberId = phoneNumberId;
      return this;
    }

    /**
     * Sets the Meta app secret that signs webhook deliveries.
     *
     * @param appSecret the secret
     * @return this builder
     */
    public Builder appSecret(Secret appSecret) {
      this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
      return this;
    }

    /**
     * Sets the verify token entered in the app's webhook settings.
     *
     * @param verifyToken the token
     * @return this builder
     */
    public Builder verifyToken(Secret verifyToken) {
      this.verifyToken = Objects.requireNonNull(verifyToken, "verifyToken");
      return this;
    }

    /**
     * Sets the access token (a system user's token) the channel sends and downloads with;
     * without it the channel receives only.
     *
     * @param accessToken the token
     * @return this builder
     */
    public Builder accessToken(Secret accessToken) {
      this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
      return this;
    }

    /**
     * Sets the Graph API's base URL, for a simulator or a proxy.
     *
     * @param baseUrl such as {@code https://graph.facebook.com/}
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      if (HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl")) == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * Sets the Graph API version.
     *
     * @param apiVersion such as {@code v21.0}
     * @return this builder
     */
    public Builder apiVersion(String apiVersion) {
      if (!Objects.requireNonNull(apiVersion, "apiVersion").matches("v[0-9]{1,3}\\.[0-9]")) {
        throw new IllegalArgumentException("an API version looks like v21.0: " + apiVersion);
      }
      this.apiVersion = apiVersion;
      return this;
    }

    /**
     * Sets how many messages a second this number may send; the outbox paces to it. Meta's
     * default is 80; numbers with a higher tier may send more.
     *
     * @param perSecond 1 to 1000
     * @return this builder
     */
    public Builder sendsPerSecond(int perSecond) {
      if (perSecond < 1 || perSecond > 1000) {
        throw new IllegalArgumentException("sendsPerSecond must be 1 to 1000 a second");
      }
      this.throughput = perSecond;
      return this;
    }

    /**
     * Sets the HTTP client media downloads use, to share a host's pool or proxy; by default an
     * own client with 10 s connect and 60 s read timeouts.
     *
     * @param client the client
     * @return this builder
     */
    public Builder mediaHttpClient(OkHttpClient client) {
      this.mediaClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets the clock; for tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the channel.
     *
     * @return the channel
     * @throws IllegalStateException when the phone number id, app secret or verify token is
     *     missing
     */
    public WhatsAppChannel build() {
      if (mediaClient == null) {
        mediaClient = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(60)).build();
      }
      if (phoneNumberId == null) {
        throw new IllegalStateException("WhatsApp channel " + id + " needs a phoneNumberId");
      }
      if (appSecret == null) {
        throw new IllegalStateException("WhatsApp channel " + id + " needs the app secret");
      }
      if (verifyToken == null) {
        throw new IllegalStateException("WhatsApp channel " + id + " needs a verify token");
      }
      return new WhatsAppChannel(this);
    }
  }
}
