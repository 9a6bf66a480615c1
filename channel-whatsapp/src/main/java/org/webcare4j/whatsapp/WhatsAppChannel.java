package org.webcare4j.whatsapp;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.webcare4j.core.Secret;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.graph.GraphWebhookVerifier;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.webhook.WebhookEndpoint;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.core.webhook.WebhookResponse;
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

  private final ChannelId id;
  private final String phoneNumberId;
  private final GraphWebhookVerifier verifier;
  private final WhatsAppPayloadParser parser;

  private WhatsAppChannel(Builder b) {
    this.id = b.id;
    this.phoneNumberId = b.phoneNumberId;
    this.verifier = new GraphWebhookVerifier(b.appSecret, b.verifyToken);
    this.parser = new WhatsAppPayloadParser(id, phoneNumberId);
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
        return parser.parse(request.body());
      }
    });
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
     * Builds the channel.
     *
     * @return the channel
     * @throws IllegalStateException when a required setting is missing
     */
    public WhatsAppChannel build() {
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
