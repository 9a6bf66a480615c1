package org.webcare4j.examples.web;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.http.OAuthTokens;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.publish.PublishingPolicy;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.webhook.WebhookRequest;
import org.webcare4j.email.EmailChannel;
import org.webcare4j.linkedin.LinkedInChannel;
import org.webcare4j.meta.FacebookPageChannel;
import org.webcare4j.meta.InstagramChannel;
import org.webcare4j.testkit.FacebookPageSimulator;
import org.webcare4j.testkit.LinkedInSimulator;
import org.webcare4j.testkit.LocalMailServer;
import org.webcare4j.testkit.WhatsAppSimulator;
import org.webcare4j.testkit.XSimulator;
import org.webcare4j.webchat.WebchatChannel;
import org.webcare4j.whatsapp.WhatsAppChannel;
import org.webcare4j.x.XChannel;

/**
 * The demo's moving parts: the embedded H2 store, every channel webcare4j has, and, unless live,
 * the platform simulators they talk to, with a seeded set of realistic Dutch conversations.
 */
final class Demo implements AutoCloseable {
  static final ChannelId WHATSAPP = ChannelId.of("whatsapp-gemeente");
  static final ChannelId FACEBOOK = ChannelId.of("facebook-gemeente");
  static final ChannelId INSTAGRAM = ChannelId.of("instagram-gemeente");
  static final ChannelId X = ChannelId.of("x-gemeente");
  static final ChannelId LINKEDIN = ChannelId.of("linkedin-gemeente");
  static final ChannelId WEBCHAT = ChannelId.of("webchat");
  static final ChannelId EMAIL = ChannelId.of("email-kcc");
  /** Made at each start: a demo that ships a fixed app secret teaches its readers to. */
  private static final Secret APP_SECRET = Secret.of(randomSecret());
  private static final Secret VERIFY_TOKEN = Secret.of(randomSecret());

  private static String randomSecret() {
    byte[] raw = new byte[24];
    new java.security.SecureRandom().nextBytes(raw);
    return java.util.HexFormat.of().formatHex(raw);
  }

  final JdbcWebcareStore store;
  final Webcare webcare;
  final WebchatChannel webchat;
  final boolean live;
  private final WhatsAppSimulator whatsapp;
  private final FacebookPageSimulator meta;
  private final XSimulator x;
  private final LinkedInSimulator linkedin;
  private final LocalMailServer mail;
  private final String linkedInPost;
  private final AtomicInteger inwoners = new AtomicInteger();

  /**
   * Assembles the demo on simulators.
   *
   * @param data the H2 directory
   * @param webchatOrigin the origin of the demo's own pages, for the chat widget
   */
  Demo(Path data, String webchatOrigin) {
    this.live = false;
    this.whatsapp = WhatsAppSimulator.builder().appSecret(APP_SECRET)
        .webhookPath("/webhooks/" + WHATSAPP.value()).build();
    this.meta = FacebookPageSimulator.builder().build();
    this.x = XSimulator.builder().build();
    this.linkedin = LinkedInSimulator.builder().build();
    this.linkedInPost = linkedin.existingPost("Wij zoeken een beleidsadviseur wonen (32-36 uur).");
    this.mail = LocalMailServer.start("kcc@gemeente.example");
    EmailChannel email = EmailChannel.builder(EMAIL).address(mail.mailbox())
        .organisationName("Gemeente Voorbeeld")
        .imap(mail.host(), mail.imapPort(), EmailChannel.Security.NONE)
        .smtp(mail.host(), mail.smtpPort(), EmailChannel.Security.NONE)
        .credentials(mail.user(), mail.password()).polling(Duration.ofSeconds(2)).build();
    this.webchat = WebchatChannel.builder(WEBCHAT).allowedOrigins(webchatOrigin)
        .transcriptMailer(email::sendNotice).build();
    List<Channel> channels = List.of(
        WhatsAppChannel.builder(WHATSAPP).phoneNumberId(whatsapp.phoneNumberId())
            .appSecret(APP_SECRET).verifyToken(VERIFY_TOKEN)
            .baseUrl(whatsapp.baseUrl()).accessToken(whatsapp.accessToken()).build(),
        FacebookPageChannel.builder(FACEBOOK).baseUrl(meta.baseUrl()).pageId(meta.pageId())
            .appSecret(meta.appSecret()).verifyToken(VERIFY_TOKEN)
            .pageAccessToken(meta.pageAccessToken()).build(),
        InstagramChannel.builder(INSTAGRAM).baseUrl(meta.baseUrl())
            .accountId(meta.instagramAccountId()).appSecret(meta.appSecret())
            .verifyToken(VERIFY_TOKEN).accessToken(meta.pageAccessToken())
            .build(),
        XChannel.builder(X).userId(x.userId()).baseUrl(x.baseUrl())
            .consumerSecret(x.consumerSecret())
            .oauth2(OAuthTokens.of(x.accessToken()), x.clientId(), Optional.empty()).build(),
        LinkedInChannel.builder(LINKEDIN).organizationId(linkedin.organizationId())
            .baseUrl(linkedin.baseUrl()).tokens(OAuthTokens.of(linkedin.accessToken()))
            .clientSecret(linkedin.clientSecret()).build(),
        email,
        webchat);
    this.store = JdbcWebcareStore.embedded(data);
    this.webcare = build(channels);
    if (webcare.inbox().query(InboxQuery.builder().limit(1).build()).items().isEmpty()) {
      seed();
    }
  }

  /**
   * Assembles the demo on real platforms, with credentials from environment variables or a
   * properties file; a channel whose settings are missing is left out.
   *
   * @param data the H2 directory
   * @param settings the settings
   * @param webchatOrigin the origin allowed to embed the chat
   */
  Demo(Path data, Properties settings, String webchatOrigin) {
    this.live = true;
    this.whatsapp = null;
    this.meta = null;
    this.x = null;
    this.linkedin = null;
    this.linkedInPost = null;
    this.mail = null;
    List<Channel> channels = new ArrayList<>();
    LiveSettings s = new LiveSettings(settings);
    s.whatsApp(WHATSAPP).ifPresent(channels::add);
    s.facebook(FACEBOOK).ifPresent(channels::add);
    s.instagram(INSTAGRAM).ifPresent(channels::add);
    s.x(X).ifPresent(channels::add);
    s.linkedIn(LINKEDIN).ifPresent(channels::add);
    s.email(EMAIL).ifPresent(channels::add);
    WebchatChannel.Builder chat = WebchatChannel.builder(WEBCHAT)
        .allowedOrigins(s.get("WEBCHAT_ORIGIN").orElse(webchatOrigin));
    channels.stream().filter(EmailChannel.class::isInstance).map(EmailChannel.class::cast)
        .findFirst().ifPresent(e -> chat.transcriptMailer(e::sendNotice));
    this.webchat = chat.build();
    channels.add(webchat);
    this.store = JdbcWebcareStore.embedded(data);
    this.webcare = build(channels);
  }

  private Webcare build(List<Channel> channels) {
    Webcare.Builder b = Webcare.builder().store(store).instanceId("demo")
        .publishing(PublishingPolicy.defaults().withPollInterval(Duration.ofSeconds(2)));
    channels.forEach(b::channel);
    return b.build();
  }

  /** The simulated channels an inwoner can write on, with a label for the demo's control. */
  Map<ChannelId, String> simulated() {
    Map<ChannelId, String> m = new LinkedHashMap<>();
    if (!live) {
      m.put(WHATSAPP, "WhatsApp");
      m.put(FACEBOOK, "Facebook (reactie)");
      m.put(INSTAGRAM, "Instagram (reactie)");
      m.put(X, "X (vermelding)");
      m.put(LINKEDIN, "LinkedIn (reactie)");
      m.put(EMAIL, "E-mail");
    }
    return m;
  }

  /**
   * Lets a simulated inwoner write on a channel: the simulator makes the platform's signed
   * webhook and the pipeline takes it in as it would from the platform.
   *
   * @param channel the channel
   * @param text what the inwoner writes
   */
  void inwonerWrites(ChannelId channel, String text) {
    if (live) {
      throw new IllegalStateException("the simulator control is off in live mode");
    }
    int n = inwoners.incrementAndGet();
    String phone = "316" + (10_000_000 + (Instant.now().getEpochSecond() % 80_000_000) + n);
    WebhookRequest hook;
    if (channel.equals(WHATSAPP)) {
      hook = whatsapp.inboundText(phone, "Inwoner " + n, text);
    } else if (channel.equals(FACEBOOK)) {
      hook = meta.comment("1000" + n, "Inwoner " + n, text).webhook();
    } else if (channel.equals(INSTAGRAM)) {
      hook = meta.instagramComment(null, "1789" + n, "inwoner" + n, text).webhook();
    } else if (channel.equals(X)) {
      hook = x.mention("30019" + n, "inwoner" + n, "@" + "gemeente " + text, Optional.empty())
          .webhook();
    } else if (channel.equals(LINKEDIN)) {
      hook = linkedin.comment("Inw" + n + "AbCd", linkedInPost, text, Optional.empty())
          .webhook();
    } else if (channel.equals(EMAIL)) {
      // Mail comes in as it does from a real mailbox: over SMTP, read by the channel over IMAP.
      mail.inwonerWrites("inwoner" + n + "@example.nl", "Inwoner " + n, "Vraag via e-mail", text);
      return;
    } else {
      throw new IllegalArgumentException("no simulator for " + channel);
    }
    int status = webcare.webhooks().handle(hook).status();
    if (status != 200) {
      throw new IllegalStateException("the webhook was refused: " + status);
    }
  }

  /** A WOZ question, a full container, cursing, a BSN in public, a question in English. */
  private void seed() {
    whatsapp.customerWrote("31687654321", Instant.now());
    webcare.webhooks().handle(whatsapp.inboundText("31687654321", "Fatima El Amrani",
        "Goedemorgen, wanneer krijg ik de WOZ-beschikking voor dit jaar? Ik wil bezwaar maken."));
    webcare.webhooks().handle(meta.comment("10001", "Jan de Vries",
        "De ondergrondse container aan de Dorpsstraat zit al drie dagen vol. Er staan nu"
            + " zakken naast.").webhook());
    webcare.webhooks().handle(x.mention("30019001", "kees_boos",
        "@gemeente Wat een kutgemeente, al weken wacht ik op antwoord en niemand reageert!",
        Optional.empty()).webhook());
    webcare.webhooks().handle(meta.instagramComment(null, "17890001", "marloes.w",
        "Mijn aanvraag loopt nog, mijn BSN is 111222333. Kunnen jullie kijken?").webhook());
    webcare.webhooks().handle(meta.messengerMessage("2001001",
        "Hello, I just moved here. How do I register my address with the municipality?"));
    webcare.webhooks().handle(linkedin.comment("vGvKjdnbpT", linkedInPost,
        "Is deze functie ook in deeltijd mogelijk?", Optional.empty()).webhook());
    mail.inwonerWrites("p.jansen@example.nl", "Piet Jansen", "Parkeervergunning verhuizing",
        "Geachte heer/mevrouw,\n\nIk verhuis op 1 december naar de Kerkstraat. Kan ik mijn"
            + " parkeervergunning meenemen of moet ik een nieuwe aanvragen?\n\nMet vriendelijke"
            + " groet,\nPiet Jansen");
  }

  @Override
  public void close() {
    webcare.close();
    store.close();
    if (!live) {
      whatsapp.close();
      meta.close();
      x.close();
      linkedin.close();
      mail.close();
    }
  }
}
