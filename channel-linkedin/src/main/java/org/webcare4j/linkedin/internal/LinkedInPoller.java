package org.webcare4j.linkedin.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.webcare4j.core.channel.ChannelContext;
import org.webcare4j.core.event.InboundBatch;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.http.PlatformHttp;
import org.webcare4j.core.model.ChannelId;

/**
 * Polls the comments on the organisation's recent posts, for apps without webhooks. Per post the
 * creation time of the newest comment seen is the cursor, ingested with the comments it covers,
 * so a restart neither misses nor repeats.
 */
public final class LinkedInPoller {
  private static final int PAGE = 100;

  private final ChannelId channel;
  private final LinkedInUrn organization;
  private final LinkedInApi api;
  private final LinkedInPayloadParser parser;
  private final ChannelContext ctx;
  private final PlatformHttp http;
  private final int recentPosts;
  private final Clock clock;

  /**
   * Creates a poller; the channel runs its rounds on a {@code PollingTask}.
   *
   * @param channel the channel
   * @param organization the page
   * @param api the API client
   * @param parser the parser
   * @param ctx where comments and cursors are ingested
   * @param client the HTTP client
   * @param recentPosts how many of the latest posts to watch
   * @param clock the clock
   */
  public LinkedInPoller(ChannelId channel, LinkedInUrn organization, LinkedInApi api,
      LinkedInPayloadParser parser, ChannelContext ctx, OkHttpClient client, int recentPosts,
      Clock clock) {
    this.channel = channel;
    this.organization = organization;
    this.api = api;
    this.parser = parser;
    this.ctx = ctx;
    this.http = new PlatformHttp(client, channel);
    this.recentPosts = recentPosts;
    this.clock = clock;
  }

  /** Polls once: the latest posts, then each one's comments after its stored position. */
  public void pollOnce() {
    byte[] posts = get(api.rest("posts").addEncodedQueryParameter("author",
        organization.encoded()).addQueryParameter("q", "author")
        .addQueryParameter("count", String.valueOf(recentPosts))
        .addQueryParameter("sortBy", "LAST_MODIFIED").build());
    for (LinkedInUrn post : LinkedInPayloadParser.posts(posts)) {
      comments(post);
    }
  }

  private byte[] get(okhttp3.HttpUrl url) {
    return api.call("GET", url, Optional.empty(), http, clock).body().toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  private void comments(LinkedInUrn post) {
    String cursor = "comments:" + post;
    long seen = ctx.cursor(cursor).map(Long::parseLong).orElse(-1L);
    long newest = seen;
    InboundBatch.Builder fresh = InboundBatch.builder(channel, clock.instant());
    for (int start = 0; ; start += PAGE) {
      byte[] page = get(api.rest("socialActions", post.encoded(), "comments")
          .addQueryParameter("start", String.valueOf(start))
          .addQueryParameter("count", String.valueOf(PAGE)).build());
      InboundBatch comments = parser.parseComments(post, page);
      comments.unreadable().forEach(fresh::unreadable);
      for (InboundEvent c : comments.events()) {
        long at = c.occurredAt().toEpochMilli();
        // Equal times are taken again: the store's dedupe drops what it has, nothing is missed.
        if (at >= seen) {
          fresh.add(c);
          newest = Math.max(newest, at);
        }
      }
      int[] paging = LinkedInPayloadParser.paging(page);
      int size = comments.events().size() + comments.unreadable().size();
      if (size < PAGE || (paging[2] >= 0 && start + PAGE >= paging[2])) {
        break;
      }
    }
    InboundBatch batch = fresh.build();
    if (!batch.events().isEmpty() || !batch.unreadable().isEmpty()) {
      ctx.ingest(batch, Map.of(cursor, String.valueOf(newest)));
    }
  }


}
