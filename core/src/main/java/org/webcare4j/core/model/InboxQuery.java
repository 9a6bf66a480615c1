package org.webcare4j.core.model;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.ConversationState;
import org.webcare4j.core.model.MessageFlag;
import org.webcare4j.core.model.Visibility;

/**
 * Which conversations to list. Every criterion set must hold; results are ordered newest activity
 * first and paged with an opaque cursor.
 *
 * @param channels only these channels; empty for all
 * @param states only these states; empty for all
 * @param visibility only public or only private threads, if set
 * @param assignee only threads assigned to this agent, if set
 * @param unassigned only threads without an assignee
 * @param label only threads carrying this label, if set
 * @param flag only threads where the tone engine raised this flag on an inwoner's message, if
 *     set
 * @param text only threads whose messages, subject or participants' names contain this text,
 *     ignoring case, if set
 * @param limit the page size, 1 to 500
 * @param cursor where the previous page ended, if continuing
 */
public record InboxQuery(
    Set<ChannelId> channels,
    Set<ConversationState> states,
    Optional<Visibility> visibility,
    Optional<String> assignee,
    boolean unassigned,
    Optional<String> label,
    Optional<MessageFlag> flag,
    Optional<String> text,
    int limit,
    Optional<String> cursor) {

  /** The page size when none is set. */
  public static final int DEFAULT_LIMIT = 50;

  /** The largest page size. */
  public static final int MAX_LIMIT = 500;

  public InboxQuery {
    channels = Set.copyOf(channels);
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(assignee, "assignee");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(flag, "flag");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(cursor, "cursor");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
    }
    if (unassigned && assignee.isPresent()) {
      throw new IllegalArgumentException("a query is for one assignee or for unassigned, not both");
    }
  }

  /**
   * Returns a query for everything, newest first, in pages of {@value #DEFAULT_LIMIT}.
   *
   * @return the query
   */
  public static InboxQuery all() {
    return builder().build();
  }

  /**
   * Starts building a query.
   *
   * @return a builder with no criteria
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the same query continuing after a cursor.
   *
   * @param cursor the previous page's {@link Page#nextCursor()}
   * @return the query for the next page
   */
  public InboxQuery after(String cursor) {
    return new InboxQuery(
        channels, states, visibility, assignee, unassigned, label, flag, text, limit,
        Optional.of(cursor));
  }

  /** Builds an {@link InboxQuery}. */
  public static final class Builder {
    private final Set<ChannelId> channels = new LinkedHashSet<>();
    private final Set<ConversationState> states = EnumSet.noneOf(ConversationState.class);
    private Visibility visibility;
    private String assignee;
    private boolean unassigned;
    private String label;
    private MessageFlag flag;
    private String text;
    private int limit = DEFAULT_LIMIT;
    private String cursor;

    private Builder() {}

    /**
     * Adds a channel to list.
     *
     * @param channel the channel
     * @return this builder
     */
    public Builder channel(ChannelId channel) {
      channels.add(Objects.requireNonNull(channel, "channel"));
      return this;
    }

    /**
     * Adds a state to list.
     *
     * @param state the state
     * @return this builder
     */
    public Builder state(ConversationState state) {
      states.add(Objects.requireNonNull(state, "state"));
      return this;
    }

    /**
     * Lists only public or only private threads.
     *
     * @param visibility the visibility
     * @return this builder
     */
    public Builder visibility(Visibility visibility) {
      this.visibility = Objects.requireNonNull(visibility, "visibility");
      return this;
    }

    /**
     * Lists only threads assigned to an agent.
     *
     * @param agent the agent's user id
     * @return this builder
     */
    public Builder assignee(String agent) {
      this.assignee = Objects.requireNonNull(agent, "agent");
      return this;
    }

    /**
     * Lists only threads without an assignee.
     *
     * @return this builder
     */
    public Builder unassigned() {
      this.unassigned = true;
      return this;
    }

    /**
     * Lists only threads with a label.
     *
     * @param label the label
     * @return this builder
     */
    public Builder label(String label) {
      this.label = Objects.requireNonNull(label, "label").strip();
      return this;
    }

    /**
     * Lists only threads containing a text, ignoring case.
     *
     * @param text the text to find; blank means no text criterion
     * @return this builder
     */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text").isBlank() ? null : text.strip();
      return this;
    }

    /**
     * Sets the page size.
     *
     * @param limit 1 to {@value InboxQuery#MAX_LIMIT}
     * @return this builder
     */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /**
     * Continues after a cursor.
     *
     * @param cursor a previous page's next cursor
     * @return this builder
     */
    public Builder cursor(String cursor) {
      this.cursor = Objects.requireNonNull(cursor, "cursor");
      return this;
    }

    /**
     * Lists only threads where the tone engine raised a flag on an inwoner's message, such as
     * {@code ABUSIVE} to review cursing or {@code NEEDS_ATTENTION} to triage.
     *
     * @param flag the flag
     * @return this builder
     */
    public Builder flag(MessageFlag flag) {
      this.flag = Objects.requireNonNull(flag, "flag");
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     */
    public InboxQuery build() {
      return new InboxQuery(
          channels,
          states,
          Optional.ofNullable(visibility),
          Optional.ofNullable(assignee),
          unassigned,
          Optional.ofNullable(label),
          Optional.ofNullable(flag),
          Optional.ofNullable(text),
          limit,
          Optional.ofNullable(cursor));
    }
  }
}
