package org.webcare4j.core.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.outbox.Outbox;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.tone.RecentReply;
import org.webcare4j.core.tone.ToneChecker;
import org.webcare4j.core.tone.ToneRequest;

/**
 * What a reply draft needs of the runtime: the tone checker, the conversation's context from the
 * store, and the outbox.
 */
public final class Composer {
  /** The most recent replies the canned-answer check compares with. */
  static final int RECENT_REPLIES = 500;
  /** The inwoner's messages a reply is compared with for repeated personal data. */
  static final int INWONER_TEXTS = 20;

  private final WebcareStore store;
  private final Map<ChannelId, Channel> channels;
  private final ToneChecker tone;
  private final Outbox outbox;
  private final Clock clock;
  // Replies sent in all conversations, re-read at most every few seconds: checking a draft as
  // the agent types must not query the store every keystroke.
  private final Cache<String, List<RecentReply>> recent = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofSeconds(5)).maximumSize(1).build();

  Composer(WebcareStore store, Map<ChannelId, Channel> channels, ToneChecker tone, Outbox outbox,
      Clock clock) {
    this.store = store;
    this.channels = channels;
    this.tone = tone;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Returns the tone checker.
   *
   * @return the checker
   */
  public ToneChecker tone() {
    return tone;
  }

  /**
   * Returns the outbox.
   *
   * @return the outbox
   */
  public Outbox outbox() {
    return outbox;
  }

  /**
   * Returns the clock.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the channel a conversation is on.
   *
   * @param c the conversation
   * @return the channel
   * @throws IllegalStateException when it is not registered
   */
  public Channel channel(Conversation c) {
    Channel channel = channels.get(c.channel());
    if (channel == null) {
      throw new IllegalStateException("channel " + c.channel()
          + " is not registered with this Webcare");
    }
    return channel;
  }

  /**
   * Builds the tone request for a reply to a conversation.
   *
   * @param c the conversation
   * @param text the reply
   * @param agent who writes it, if known
   * @return the request
   */
  public ToneRequest request(Conversation c, String text, Optional<AgentIdentity> agent) {
    Channel channel = channel(c);
    Instant now = clock.instant();
    ToneRequest.Builder b = ToneRequest.reply(text, channel.kind(), c.visibility())
        .limits(channel.limits())
        .conversation(c.id())
        .at(now);
    agent.ifPresent(b::agent);
    c.participants().stream().filter(p -> p.role() == Participant.Role.INWONER)
        .map(Participant::displayName).findFirst().ifPresent(b::inwonerName);
    List<Message> messages = store.inTransaction(tx -> tx.messages(c.id()));
    b.inwonerTexts(messages.stream().filter(m -> m.direction() == Direction.INBOUND)
        .skip(Math.max(0, messages.size() - INWONER_TEXTS)).map(Message::text).toList());
    b.recentReplies(recent.get("all", k -> loadRecent(now)));
    return b.build();
  }

  private List<RecentReply> loadRecent(Instant now) {
    Instant since = now.minus(tone.profile().cannedWindow());
    return store.inTransaction(tx -> tx.recentOutboundMessages(since, RECENT_REPLIES)).stream()
        .filter(m -> !m.text().isBlank())
        .map(m -> new RecentReply(m.conversation(), m.text(), m.recordedAt()))
        .toList();
  }

  /** Forgets the cached recent replies, after a send. */
  public void sent() {
    recent.invalidateAll();
  }
}
