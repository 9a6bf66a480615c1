package org.webcare4j.examples.web;

import java.util.Optional;
import java.util.Properties;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.http.OAuthTokens;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Secret;
import org.webcare4j.email.EmailChannel;
import org.webcare4j.linkedin.LinkedInChannel;
import org.webcare4j.meta.FacebookPageChannel;
import org.webcare4j.meta.InstagramChannel;
import org.webcare4j.whatsapp.WhatsAppChannel;
import org.webcare4j.x.XChannel;

/**
 * The demo's live mode: real credentials from a properties file, else from environment variables
 * of the same names. A channel is set up only when all of its settings are present.
 *
 * <pre>
 * META_APP_SECRET, META_VERIFY_TOKEN
 * WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_ACCESS_TOKEN
 * FACEBOOK_PAGE_ID, FACEBOOK_PAGE_TOKEN
 * INSTAGRAM_ACCOUNT_ID (with FACEBOOK_PAGE_TOKEN)
 * X_USER_ID, X_ACCESS_TOKEN, X_CLIENT_ID, X_CONSUMER_SECRET
 * LINKEDIN_ORGANIZATION_ID, LINKEDIN_ACCESS_TOKEN, LINKEDIN_CLIENT_SECRET
 * MAIL_ADDRESS, MAIL_HOST (IMAPS 993 and SMTP 587 with STARTTLS), MAIL_USER, MAIL_PASSWORD
 * WEBCHAT_ORIGIN
 * </pre>
 */
final class LiveSettings {
  private final Properties file;

  LiveSettings(Properties file) {
    this.file = file;
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(file.getProperty(name)).or(() -> Optional.ofNullable(
        System.getenv(name))).map(String::strip).filter(v -> !v.isEmpty());
  }

  private Optional<Secret> secret(String name) {
    return get(name).map(Secret::of);
  }

  Optional<Channel> whatsApp(ChannelId id) {
    return get("WHATSAPP_PHONE_NUMBER_ID").flatMap(phone -> secret("META_APP_SECRET")
        .flatMap(app -> secret("META_VERIFY_TOKEN").flatMap(verify -> secret(
            "WHATSAPP_ACCESS_TOKEN").map(token -> WhatsAppChannel.builder(id)
                .phoneNumberId(phone).appSecret(app).verifyToken(verify).accessToken(token)
                .build()))));
  }

  Optional<Channel> facebook(ChannelId id) {
    return get("FACEBOOK_PAGE_ID").flatMap(page -> secret("META_APP_SECRET")
        .flatMap(app -> secret("META_VERIFY_TOKEN").flatMap(verify -> secret(
            "FACEBOOK_PAGE_TOKEN").map(token -> FacebookPageChannel.builder(id).pageId(page)
                .appSecret(app).verifyToken(verify).pageAccessToken(token).build()))));
  }

  Optional<Channel> instagram(ChannelId id) {
    return get("INSTAGRAM_ACCOUNT_ID").flatMap(account -> secret("META_APP_SECRET")
        .flatMap(app -> secret("META_VERIFY_TOKEN").flatMap(verify -> secret(
            "FACEBOOK_PAGE_TOKEN").map(token -> InstagramChannel.builder(id)
                .accountId(account).appSecret(app).verifyToken(verify).accessToken(token)
                .build()))));
  }

  Optional<Channel> x(ChannelId id) {
    return get("X_USER_ID").flatMap(user -> secret("X_ACCESS_TOKEN").flatMap(token ->
        get("X_CLIENT_ID").map(client -> {
          XChannel.Builder b = XChannel.builder(id).userId(user)
              .oauth2(OAuthTokens.of(token), client, Optional.empty());
          secret("X_CONSUMER_SECRET").ifPresent(b::consumerSecret);
          return b.build();
        })));
  }

  Optional<Channel> linkedIn(ChannelId id) {
    return get("LINKEDIN_ORGANIZATION_ID").flatMap(org -> secret("LINKEDIN_ACCESS_TOKEN")
        .map(token -> {
          LinkedInChannel.Builder b = LinkedInChannel.builder(id).organizationId(org)
              .tokens(OAuthTokens.of(token));
          secret("LINKEDIN_CLIENT_SECRET").ifPresent(b::clientSecret);
          return b.build();
        }));
  }

  Optional<Channel> email(ChannelId id) {
    return get("MAIL_ADDRESS").flatMap(address -> get("MAIL_HOST").flatMap(host ->
        get("MAIL_USER").flatMap(user -> secret("MAIL_PASSWORD").map(password ->
            EmailChannel.builder(id).address(address).imap(host, 993, EmailChannel.Security.SSL)
                .smtp(host, 587, EmailChannel.Security.STARTTLS).credentials(user, password)
                .build()))));
  }
}
