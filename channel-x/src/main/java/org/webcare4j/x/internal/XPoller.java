package org.webcare4j.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.webcare4j.core.channel.ChannelContext;
import org.webcare4j.core.channel.RateLimitFeedback;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.http.PlatformHttp;
import org.webcare4j.core.model.ChannelId;

/**
 * Polls the mentions timeline ({@code since_id}) and the DM events (newest id seen) for accounts
 * without webhook access. Each round's events and its new position are ingested together, so a
 * restart resumes exactly where the stored position says: nothing missed, nothing repeated. A 429
 * pauses that endpoint until its reset.
 */
public final class XPoller {
  /** The cursor holding the newest mention seen. */
  public static final String MENTIONS_CURSOR = "mentions.since_id";
  /** The cursor holding the newest DM event seen. */
  public static final String DM_CURSOR = "dm_events.newest_id";
  private static final int MAX_PAGES = 50;

  private final ChannelId channel;
  private final String userId;
  private final XApi api;
  private final XPayloadParser parser;
  private final ChannelContext ctx;
  private final PlatformHttp http;
  private final Clock clock;

  /**
   * Creates a poller; the channel runs its rounds on {@code PollingTask}s.
   *
   * @param channel the channel
   * @param userId the account's user id
   * @param api the API client
   * @param parser the parser
   * @param ctx where events and positions are ingested
   * @param client the HTTP client
   * @param clock the clock
   */
  public XPoller(ChannelId channel, String userId, XApi api, XPayloadParser parser,
      ChannelContext ctx, OkHttpClient client, Clock clock) {
    this.channel = channel;
    this.userId = userId;
    this.api = api;
    this.parser = parser;
    this.ctx = ctx;
    this.http = new PlatformHttp(client, channel);
    this.clock = clock;
  }

  /** Polls the mentions timeline once: every mention after the stored position. */
  public void pollMentions() {
    mentions();
  }

  /** Polls the DM events once: every message after the newest seen. */
  public void pollDirectMessages() {
    dmEvents();
  }

  private static final RateLimitFeedback IGNORE = new RateLimitFeedback() {
    @Override
    public void remaining(String bucket, long remaining, long limit, Instant resetAt) {}

    @Override
    public void usage(String bucket, double percentUsed, Optional<Duration> regainIn) {}
  };

  private byte[] get(HttpUrl url, String bucket) {
    JsonNode answer = api.call("GET", url, Optional.empty(), bucket, http, IGNORE, clock);
    return answer.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Every mention newer than the stored position, all pages, then the new position. */
  private void mentions() {
    Optional<String> since = ctx.cursor(MENTIONS_CURSOR);
    InboundBatch.Builder events = InboundBatch.builder(channel, clock.instant());
    Optional<String> newest = Optional.empty();
    Optional<String> token = Optional.empty();
    for (int page = 0; page < MAX_PAGES; page++) {
      HttpUrl.Builder url = api.url("2", "users", userId, "mentions")
          .addQueryParameter("max_results", "100")
          .addQueryParameter("tweet.fields", "conversation_id,created_at,referenced_tweets,"
              + "author_id,in_reply_to_user_id")
          .addQueryParameter("expansions", "author_id")
          .addQueryParameter("user.fields", "name,username");
      since.ifPresent(s -> url.addQueryParameter("since_id", s));
      token.ifPresent(t -> url.addQueryParameter("pagination_token", t));
      byte[] body = get(url.build(), "mentions");
      XPayloadParser.Meta meta = XPayloadParser.meta(body);
      if (page == 0) {
        newest = meta.newestId();
      }
      events.addAll(parser.parseMentions(body));
      token = meta.nextToken();
      if (token.isEmpty() || since.isEmpty()) {
        break; // without a position, only the latest page: no backfill of the whole history
      }
    }
    if (newest.isPresent()) {
      ctx.ingest(events.build(), Map.of(MENTIONS_CURSOR, newest.get()));
    }
  }

  /** DM events newer than the newest seen: pages back until an event seen before. */
  private void dmEvents() {
    Optional<BigInteger> seen = ctx.cursor(DM_CURSOR).map(BigInteger::new);
    InboundBatch.Builder events = InboundBatch.builder(channel, clock.instant());
    BigInteger newest = seen.orElse(BigInteger.ZERO);
    Optional<String> token = Optional.empty();
    boolean reachedSeen = false;
    for (int page = 0; page < MAX_PAGES && !reachedSeen; page++) {
      HttpUrl.Builder url = api.url("2", "dm_events")
          .addQueryParameter("max_results", "100")
          .addQueryParameter("event_types", "MessageCreate")
          .addQueryParameter("dm_event.fields",
              "id,text,event_type,dm_conversation_id,created_at,sender_id")
          .addQueryParameter("expansions", "sender_id")
          .addQueryParameter("user.fields", "name,username");
      token.ifPresent(t -> url.addQueryParameter("pagination_token", t));
      byte[] body = get(url.build(), "dm_events");
      InboundBatch answer = parser.parseDmEvents(body);
      answer.unreadable().forEach(events::unreadable);
      for (InboundEvent e : answer.events()) {
        BigInteger id = new BigInteger(((MessageReceived) e).platformId());
        if (seen.isPresent() && id.compareTo(seen.get()) <= 0) {
          reachedSeen = true;
          continue;
        }
        events.add(e);
        newest = newest.max(id);
      }
      token = XPayloadParser.meta(body).nextToken();
      if (token.isEmpty() || seen.isEmpty()) {
        break;
      }
    }
    InboundBatch batch = events.build();
    if (!batch.events().isEmpty() || !batch.unreadable().isEmpty()) {
      ctx.ingest(batch, Map.of(DM_CURSOR, newest.toString()));
    }
  }


}
