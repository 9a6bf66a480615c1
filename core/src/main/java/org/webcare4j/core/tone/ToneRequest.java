package org.webcare4j.core.tone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.Visibility;

/**
 * A text to check and what is known about where it goes or came from.
 *
 * @param text the text
 * @param direction {@code OUTBOUND} for a reply, {@code INBOUND} for what an inwoner sent
 * @param kind the channel kind
 * @param visibility whether the public can read it
 * @param agent who writes the reply, for the sign-off check
 * @param limits the channel's length limit, for the length check
 * @param conversation the conversation, so the canned-answer check leaves its own replies out
 * @param inwonerName the inwoner's name as the platform gave it, for the attention check
 * @param inwonerTexts what the inwoner wrote in this conversation, to notice data repeated back
 * @param recentReplies replies sent recently in all conversations, for the canned-answer check
 * @param at when the check runs
 * @param publication whether the text is a post of a publication rather than a reply, so rules
 *     about answering a person are left out
 */
public record ToneRequest(
    String text,
    Direction direction,
    ChannelKind kind,
    Visibility visibility,
    Optional<AgentIdentity> agent,
    Optional<ChannelLimits> limits,
    Optional<ConversationId> conversation,
    Optional<String> inwonerName,
    List<String> inwonerTexts,
    List<RecentReply> recentReplies,
    Instant at,
    boolean publication) {

  public ToneRequest {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(inwonerName, "inwonerName");
    inwonerTexts = List.copyOf(inwonerTexts);
    recentReplies = List.copyOf(recentReplies);
    Objects.requireNonNull(at, "at");
  }

  /**
   * Starts a request to check a reply.
   *
   * @param text the reply
   * @param kind the channel kind it goes to
   * @param visibility whether the public will read it
   * @return a builder
   */
  public static Builder reply(String text, ChannelKind kind, Visibility visibility) {
    return new Builder(text, Direction.OUTBOUND, kind, visibility);
  }

  /**
   * Starts a request to check the text of a post on a channel (public, outbound); rules about
   * answering a person do not apply.
   *
   * @param text the post's text
   * @param kind the channel kind
   * @return a builder
   */
  public static Builder post(String text, ChannelKind kind) {
    Builder b = new Builder(text, Direction.OUTBOUND, kind, Visibility.PUBLIC);
    b.publication = true;
    return b;
  }

  /**
   * Starts a request to classify what an inwoner sent.
   *
   * @param text the inwoner's text
   * @param kind the channel kind it came from
   * @param visibility whether the public can read it
   * @return a builder
   */
  public static Builder inbound(String text, ChannelKind kind, Visibility visibility) {
    return new Builder(text, Direction.INBOUND, kind, visibility);
  }

  /** Builds a {@link ToneRequest}. */
  public static final class Builder {
    private final String text;
    private final Direction direction;
    private final ChannelKind kind;
    private final Visibility visibility;
    private AgentIdentity agent;
    private ChannelLimits limits;
    private ConversationId conversation;
    private String inwonerName;
    private final List<String> inwonerTexts = new ArrayList<>();
    private final List<RecentReply> recentReplies = new ArrayList<>();
    private Instant at = Instant.now();
    private boolean publication;

    private Builder(String text, Direction direction, ChannelKind kind, Visibility visibility) {
      this.text = Objects.requireNonNull(text, "text");
      this.direction = direction;
      this.kind = Objects.requireNonNull(kind, "kind");
      this.visibility = Objects.requireNonNull(visibility, "visibility");
    }

    /**
     * Sets who writes the reply.
     *
     * @param agent the agent
     * @return this builder
     */
    public Builder agent(AgentIdentity agent) {
      this.agent = Objects.requireNonNull(agent, "agent");
      return this;
    }

    /**
     * Sets the channel's limits.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(ChannelLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the conversation the reply goes to.
     *
     * @param conversation the conversation
     * @return this builder
     */
    public Builder conversation(ConversationId conversation) {
      this.conversation = Objects.requireNonNull(conversation, "conversation");
      return this;
    }

    /**
     * Sets the inwoner's name.
     *
     * @param name the name as the platform gave it
     * @return this builder
     */
    public Builder inwonerName(String name) {
      this.inwonerName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Adds what the inwoner wrote in the conversation.
     *
     * @param texts the inwoner's messages
     * @return this builder
     */
    public Builder inwonerTexts(List<String> texts) {
      inwonerTexts.addAll(texts);
      return this;
    }

    /**
     * Adds replies sent recently, for the canned-answer check.
     *
     * @param replies the replies
     * @return this builder
     */
    public Builder recentReplies(List<RecentReply> replies) {
      recentReplies.addAll(replies);
      return this;
    }

    /**
     * Sets when the check runs; now by default.
     *
     * @param at the time
     * @return this builder
     */
    public Builder at(Instant at) {
      this.at = Objects.requireNonNull(at, "at");
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public ToneRequest build() {
      return new ToneRequest(text, direction, kind, visibility, Optional.ofNullable(agent),
          Optional.ofNullable(limits), Optional.ofNullable(conversation),
          Optional.ofNullable(inwonerName), inwonerTexts, recentReplies, at, publication);
    }
  }
}
