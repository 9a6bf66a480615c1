package org.webcare4j.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A thread with one inwoner, or one public comment thread, on one channel.
 *
 * <p>Instances are immutable; change one with {@link #toBuilder()} and save it through the inbox.
 *
 * @param id webcare4j's id
 * @param channel the channel the thread lives on
 * @param platformThreadId the platform's id of the thread (a WhatsApp number, a post and top-level
 *     comment, an X conversation id, an e-mail thread root); unique per channel
 * @param visibility whether the public can read the thread
 * @param state where the thread stands for the team
 * @param contact the inwoner who started the thread, when known
 * @param participants everyone who wrote in the thread, in order of first appearance
 * @param assignee the agent the thread is assigned to, if any
 * @param labels the team's labels, sorted
 * @param flags what the tone engine noticed in the inwoner's messages, for sorting and warning
 * @param subject an e-mail subject or the post a comment thread hangs under, if any
 * @param replyWindow until when the platform allows free-form replies
 * @param movedTo the private conversation this public thread was moved to, if any
 * @param movedFrom the public thread this private conversation was moved from, if any
 * @param createdAt when the thread was first seen
 * @param lastActivityAt the newest message in either direction
 * @param lastInboundAt the newest message from an inwoner, if any
 * @param version the store's optimistic-locking version, increased on every save
 */
public record Conversation(
    ConversationId id,
    ChannelId channel,
    String platformThreadId,
    Visibility visibility,
    ConversationState state,
    Optional<ContactId> contact,
    List<Participant> participants,
    Optional<String> assignee,
    Set<String> labels,
    Set<MessageFlag> flags,
    Optional<String> subject,
    ReplyWindow replyWindow,
    Optional<ConversationId> movedTo,
    Optional<ConversationId> movedFrom,
    Instant createdAt,
    Instant lastActivityAt,
    Optional<Instant> lastInboundAt,
    long version) {

  public Conversation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Ids.requireValid(platformThreadId, "platformThreadId");
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(contact, "contact");
    participants = List.copyOf(participants);
    Objects.requireNonNull(assignee, "assignee");
    labels = Collections.unmodifiableSortedSet(new TreeSet<>(labels));
    flags = flags.isEmpty() ? Set.of()
        : Collections.unmodifiableSet(java.util.EnumSet.copyOf(flags));
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(replyWindow, "replyWindow");
    Objects.requireNonNull(movedTo, "movedTo");
    Objects.requireNonNull(movedFrom, "movedFrom");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastActivityAt, "lastActivityAt");
    Objects.requireNonNull(lastInboundAt, "lastInboundAt");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
  }

  /**
   * Starts building a new conversation; state {@code OPEN}, no window, version 0.
   *
   * @param id webcare4j's id
   * @param channel the channel
   * @param platformThreadId the platform's thread id
   * @param visibility public or private
   * @param createdAt when the thread was first seen
   * @return a builder
   */
  public static Builder builder(
      ConversationId id,
      ChannelId channel,
      String platformThreadId,
      Visibility visibility,
      Instant createdAt) {
    return new Builder(id, channel, platformThreadId, visibility, createdAt);
  }

  /**
   * Returns a builder holding this conversation's values.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Tells whether the given participant is in this conversation.
   *
   * @param role the participant's role
   * @param participantId the participant's id
   * @return true when present
   */
  public boolean hasParticipant(Participant.Role role, String participantId) {
    return participants.stream().anyMatch(p -> p.role() == role && p.id().equals(participantId));
  }

  /** Builds a {@link Conversation}. */
  public static final class Builder {
    private final ConversationId id;
    private final ChannelId channel;
    private final String platformThreadId;
    private final Visibility visibility;
    private ConversationState state = ConversationState.OPEN;
    private ContactId contact;
    private final List<Participant> participants = new ArrayList<>();
    private String assignee;
    private final Set<String> labels = new TreeSet<>();
    private final Set<MessageFlag> flags = java.util.EnumSet.noneOf(MessageFlag.class);
    private String subject;
    private ReplyWindow replyWindow = ReplyWindow.none();
    private ConversationId movedTo;
    private ConversationId movedFrom;
    private final Instant createdAt;
    private Instant lastActivityAt;
    private Instant lastInboundAt;
    private long version;

    private Builder(
        ConversationId id,
        ChannelId channel,
        String platformThreadId,
        Visibility visibility,
        Instant createdAt) {
      this.id = id;
      this.channel = channel;
      this.platformThreadId = platformThreadId;
      this.visibility = visibility;
      this.createdAt = createdAt;
      this.lastActivityAt = createdAt;
    }

    private Builder(Conversation c) {
      this(c.id, c.channel, c.platformThreadId, c.visibility, c.createdAt);
      state = c.state;
      contact = c.contact.orElse(null);
      participants.addAll(c.participants);
      assignee = c.assignee.orElse(null);
      labels.addAll(c.labels);
      flags.addAll(c.flags);
      subject = c.subject.orElse(null);
      replyWindow = c.replyWindow;
      movedTo = c.movedTo.orElse(null);
      movedFrom = c.movedFrom.orElse(null);
      lastActivityAt = c.lastActivityAt;
      lastInboundAt = c.lastInboundAt.orElse(null);
      version = c.version;
    }

    /**
     * Sets the state.
     *
     * @param state the state
     * @return this builder
     */
    public Builder state(ConversationState state) {
      this.state = Objects.requireNonNull(state, "state");
      return this;
    }

    /**
     * Sets the inwoner who started the thread.
     *
     * @param contact the contact's id
     * @return this builder
     */
    public Builder contact(ContactId contact) {
      this.contact = Objects.requireNonNull(contact, "contact");
      return this;
    }

    /**
     * Adds a participant unless one with the same role and id is present.
     *
     * @param participant the participant
     * @return this builder
     */
    public Builder participant(Participant participant) {
      Objects.requireNonNull(participant, "participant");
      boolean present =
          participants.stream()
              .anyMatch(p -> p.role() == participant.role() && p.id().equals(participant.id()));
      if (!present) {
        participants.add(participant);
      }
      return this;
    }

    /**
     * Assigns the conversation to an agent.
     *
     * @param agent the agent's user id
     * @return this builder
     */
    public Builder assignee(String agent) {
      this.assignee = Ids.requireValid(agent, "assignee");
      return this;
    }

    /**
     * Removes the assignee.
     *
     * @return this builder
     */
    public Builder unassigned() {
      this.assignee = null;
      return this;
    }

    /**
     * Adds a label.
     *
     * @param label the label, trimmed; not blank
     * @return this builder
     */
    public Builder label(String label) {
      labels.add(Ids.requireValid(label, "label").strip());
      return this;
    }

    /**
     * Removes a label if present.
     *
     * @param label the label
     * @return this builder
     */
    public Builder removeLabel(String label) {
      labels.remove(Objects.requireNonNull(label, "label").strip());
      return this;
    }

    /**
     * Adds flags the tone engine raised on a message of this thread.
     *
     * @param flags the flags
     * @return this builder
     */
    public Builder flags(Set<MessageFlag> flags) {
      this.flags.addAll(flags);
      return this;
    }

    /**
     * Clears the flags, for instance once a person has dealt with them.
     *
     * @return this builder
     */
    public Builder clearFlags() {
      flags.clear();
      return this;
    }

    /**
     * Sets the subject.
     *
     * @param subject an e-mail subject or the post a thread hangs under
     * @return this builder
     */
    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /**
     * Sets the reply window.
     *
     * @param replyWindow the window
     * @return this builder
     */
    public Builder replyWindow(ReplyWindow replyWindow) {
      this.replyWindow = Objects.requireNonNull(replyWindow, "replyWindow");
      return this;
    }

    /**
     * Links this public thread to the private conversation it moved to.
     *
     * @param target the private conversation
     * @return this builder
     */
    public Builder movedTo(ConversationId target) {
      this.movedTo = Objects.requireNonNull(target, "target");
      return this;
    }

    /**
     * Links this private conversation to the public thread it came from.
     *
     * @param source the public thread
     * @return this builder
     */
    public Builder movedFrom(ConversationId source) {
      this.movedFrom = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Sets the time of the newest message.
     *
     * @param at the time
     * @return this builder
     */
    public Builder lastActivityAt(Instant at) {
      this.lastActivityAt = Objects.requireNonNull(at, "at");
      return this;
    }

    /**
     * Sets the time of the newest inbound message.
     *
     * @param at the time
     * @return this builder
     */
    public Builder lastInboundAt(Instant at) {
      this.lastInboundAt = Objects.requireNonNull(at, "at");
      return this;
    }

    /**
     * Sets the optimistic-locking version; stores set this, callers leave it alone.
     *
     * @param version the version
     * @return this builder
     */
    public Builder version(long version) {
      this.version = version;
      return this;
    }

    /**
     * Builds the conversation.
     *
     * @return the conversation
     */
    public Conversation build() {
      return new Conversation(
          id,
          channel,
          platformThreadId,
          visibility,
          state,
          Optional.ofNullable(contact),
          participants,
          Optional.ofNullable(assignee),
          labels,
          flags,
          Optional.ofNullable(subject),
          replyWindow,
          Optional.ofNullable(movedTo),
          Optional.ofNullable(movedFrom),
          createdAt,
          lastActivityAt,
          Optional.ofNullable(lastInboundAt),
          version);
    }
  }
}
