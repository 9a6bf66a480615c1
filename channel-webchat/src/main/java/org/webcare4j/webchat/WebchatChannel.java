package org.webcare4j.webchat;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.CapabilityNotSupportedException;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.ChannelContext;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.channel.LookupResult;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.webchat.internal.ChatEndpoint;
import org.webcare4j.webchat.internal.Hours;

/**
 * Live chat on the organisation's own website. Visitors chat through the widget this channel
 * serves ({@code widget.js}, one {@code <script>} tag); their messages arrive as conversations like
 * any other channel's, and agents answer them through the composer and the outbox, live in the
 * visitor's browser.
 *
 * <pre>{@code
 * WebchatChannel chat = WebchatChannel.builder(ChannelId.of("webchat"))
 *     .allowedOrigins("https://www.gemeente.nl")
 *     .openingHours(OpeningHours.builder(ZoneId.of("Europe/Amsterdam"))
 *         .weekdays(LocalTime.of(8, 30), LocalTime.of(17, 0)).build())
 *     .build();
 * server.createContext("/webchat/", new WebchatHttpHandler(chat, "/webchat/"));
 * // on the website: <script src="https://chat.gemeente.nl/webchat/widget.js" defer></script>
 * }</pre>
 *
 * <p>Each visitor gets a secret session token, sent only in the {@code Authorization} header
 * (the event stream opens with a one-time ticket), and a token opens only its own conversation.
 * Calls from pages outside the allowed origins are refused; visitors are limited in messages per
 * minute and in message length, each client address in new chats per hour, and the channel in
 * open sessions. Outside opening hours (Dutch public holidays included) the widget says when the
 * team is back and takes a message with an e-mail address for the answer.
 *
 * <p>Sessions and everything said in them are kept in the store (the channel's journals), so a
 * visitor's chat survives a restart of the server and any instance on the same store serves it:
 * one instance follows what another wrote once a second. After {@link Builder#sessionTtl idle
 * expiry} the widget starts a new chat (and says so), and a reply to the ended one fails with
 * {@code SESSION_ENDED} for the agent to answer another way.
 */
public final class WebchatChannel implements Channel {
  /** The longest visitor message by default, in characters. */
  public static final int DEFAULT_MAX_LENGTH = 2000;

  private final ChannelId id;
  private final int maxLength;
  private final AtomicReference<ChannelContext> context = new AtomicReference<>();
  private final ChatEndpoint endpoint;

  private WebchatChannel(Builder b) {
    this.id = b.id;
    this.maxLength = b.maxLength;
    OpeningHours hours = b.hours;
    this.endpoint = new ChatEndpoint(id, b.origins, new Hours(hours::isOpen, hours::nextOpening,
        hours.zone()), new ChatEndpoint.Limits(b.maxLength,
        b.perMinute, b.sessionTtl, b.sessionsPerAddress, b.maxSessions,
        Optional.ofNullable(b.addressHeader)), Optional.ofNullable(b.mailer).map(m -> m::send),
        b.clock, () -> Optional.ofNullable(context.get()));
  }

  /**
   * Starts configuring a channel.
   *
   * @param id the channel's id
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
    return ChannelKind.WEBCHAT;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.PRIVATE_MESSAGES, Capability.TYPING_INDICATOR);
  }

  @Override
  public ChannelLimits limits() {
    return ChannelLimits.of(maxLength, LengthCounter.codePoints());
  }

  /**
   * Shows or hides "typing…" in the visitor's widget while an agent writes.
   *
   * @param platformThreadId the conversation's thread id
   * @param typing whether the agent is typing
   * @return false when the visitor's session has ended
   */
  public boolean agentTyping(String platformThreadId, boolean typing) {
    return endpoint.typing(platformThreadId, typing);
  }

  /** Delivers an agent's reply to the visitor's open chat; called by the outbox. */
  @Override
  public OperationResult execute(OutboundOperation operation, OperationContext context) {
    if (operation instanceof SendMessage send) {
      try {
        return OperationResult.created(send.platformThreadId() + ":" + endpoint.reply(
            send.platformThreadId(), send.authorName().orElse("Webcare"), send.text(),
            context.idempotencyKey()));
      } catch (IllegalStateException e) {
        throw new PermanentPlatformException(id, "SESSION_ENDED", "", e.getMessage()
            + "; answer by e-mail or phone", "");
      }
    }
    throw new CapabilityNotSupportedException(id, operation.requires());
  }

  /** Tells whether a reply whose attempt broke off reached the visitor's chat. */
  @Override
  public LookupResult lookup(OutboundOperation operation, OperationContext context) {
    if (operation instanceof SendMessage send) {
      return endpoint.delivered(send.platformThreadId(), context.idempotencyKey())
          .map(id -> LookupResult.found(OperationResult.created(send.platformThreadId() + ":"
              + id))).orElseGet(LookupResult::notFound);
    }
    return LookupResult.unknown();
  }

  @Override
  public void start(ChannelContext context) {
    this.context.set(context);
  }

  @Override
  public void close() {
    endpoint.close();
  }

  /**
   * Returns the transport-neutral endpoint the HTTP adapters serve; for adapters only.
   *
   * @return the endpoint
   */
  ChatEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public String toString() {
    return "WebchatChannel[" + id + "]";
  }

  /** Sends a chat transcript by e-mail, for visitors who ask for one. */
  @FunctionalInterface
  public interface TranscriptMailer {
    /**
     * Sends the transcript.
     *
     * @param to the visitor's address
     * @param subject the subject
     * @param body the transcript as plain text
     */
    void send(String to, String subject, String body);
  }

  /** Configures a {@link WebchatChannel}. */
  public static final class Builder {
    private final ChannelId id;
    private final Set<String> origins = new LinkedHashSet<>();
    private OpeningHours hours = OpeningHours.alwaysOpen();
    private int maxLength = DEFAULT_MAX_LENGTH;
    private int perMinute = 10;
    private Duration sessionTtl = Duration.ofHours(12);
    private int sessionsPerAddress = 20;
    private int maxSessions = 10_000;
    private String addressHeader;
    private TranscriptMailer mailer;
    private Clock clock = Clock.systemUTC();

    private Builder(ChannelId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Allows pages of these origins to use the chat, such as {@code https://www.gemeente.nl};
     * requests without an {@code Origin} header (the widget's own page, same origin) are allowed.
     *
     * @param allowed the origins, scheme, host and port
     * @return this builder
     */
    public Builder allowedOrigins(String... allowed) {
      for (String o : allowed) {
        if (!o.matches("https?://[^/\\s]+")) {
          throw new IllegalArgumentException("an origin is scheme://host[:port]: " + o);
        }
        origins.add(o);
      }
      return this;
    }

    /**
     * Sets the opening hours; always open when not set.
     *
     * @param hours the hours
     * @return this builder
     */
    public Builder openingHours(OpeningHours hours) {
      this.hours = Objects.requireNonNull(hours, "hours");
      return this;
    }

    /**
     * Sets the longest visitor message.
     *
     * @param characters the limit
     * @return this builder
     */
    public Builder maxMessageLength(int characters) {
      if (characters < 1) {
        throw new IllegalArgumentException("the limit must be positive");
      }
      this.maxLength = characters;
      return this;
    }

    /**
     * Limits how many messages one visitor sends per minute; 10 by default.
     *
     * @param messages the limit
     * @return this builder
     */
    public Builder messagesPerMinute(int messages) {
      if (messages < 1) {
        throw new IllegalArgumentException("the limit must be positive");
      }
      this.perMinute = messages;
      return this;
    }

    /**
     * Sets how long an idle session lives; 12 hours by default. A visitor with the chat open
     * (an event stream connected) is not idle.
     *
     * @param ttl the time
     * @return this builder
     */
    public Builder sessionTtl(Duration ttl) {
      this.sessionTtl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /**
     * Limits how many chats one client address starts per hour, against a flood of sessions
     * that each stay under the per-visitor message limit; 20 by default. Beyond it a new session
     * is refused with 429 and {@code Retry-After}.
     *
     * @param sessions the limit
     * @return this builder
     * @see #clientAddressHeader(String)
     */
    public Builder sessionsPerAddressPerHour(int sessions) {
      if (sessions < 1) {
        throw new IllegalArgumentException("the limit must be positive");
      }
      this.sessionsPerAddress = sessions;
      return this;
    }

    /**
     * Limits how many sessions are open at once, which bounds the memory they hold; 10,000 by
     * default. Beyond it a new session is refused with 503 and {@code Retry-After}.
     *
     * @param sessions the limit
     * @return this builder
     */
    public Builder maxSessions(int sessions) {
      if (sessions < 1) {
        throw new IllegalArgumentException("the limit must be positive");
      }
      this.maxSessions = sessions;
      return this;
    }

    /**
     * Takes the client's address from this header, such as {@code X-Forwarded-For}, when the
     * chat runs behind a reverse proxy that sets it; its last entry counts (the one the proxy
     * added). Only set this behind such a proxy: a client can write the header itself, and
     * then picks the address every per-address limit counts. The channel logs a warning the
     * first time a request arrives without the header, which means no such proxy is in front.
     *
     * @param header the header's name
     * @return this builder
     */
    public Builder clientAddressHeader(String header) {
      if (!Objects.requireNonNull(header, "header").matches("[A-Za-z0-9-]+")) {
        throw new IllegalArgumentException("not a header name: " + header);
      }
      this.addressHeader = header;
      return this;
    }

    /**
     * Offers transcripts by e-mail, sent with this mailer: to the one address the visitor gives
     * first in a chat, at most twice, so the endpoint relays no mail elsewhere.
     *
     * @param mailer the mailer
     * @return this builder
     */
    public Builder transcriptMailer(TranscriptMailer mailer) {
      this.mailer = Objects.requireNonNull(mailer, "mailer");
      return this;
    }

    /**
     * Sets the clock.
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
     */
    public WebchatChannel build() {
      return new WebchatChannel(this);
    }
  }
}
