package org.webcare4j.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One message in a conversation, inbound or outbound.
 *
 * @param id webcare4j's id
 * @param conversation the conversation it belongs to
 * @param channel the channel it was received or sent on
 * @param direction inbound (from an inwoner) or outbound
 * @param author who wrote it
 * @param text the text; empty for a message with only attachments
 * @param attachments media, locations or cards sent with it
 * @param platformId the platform's id; empty for an outbound message not yet accepted
 * @param inReplyTo the platform id of the message this one answers, if any
 * @param sentAt when it was written: the platform's timestamp for inbound messages
 * @param recordedAt when webcare4j stored it
 * @param status how far it got
 * @param failure why it failed, when {@code status} is {@code FAILED}
 * @param hidden whether the comment is hidden from the public
 * @param deleted whether it was removed on the platform
 * @param editedAt when its text last changed on the platform, if ever
 * @param flags what the tone engine noticed in an inbound message
 * @param toneOverride for an outbound message sent despite blocking tone findings: who decided
 *     and why
 * @param version the store's optimistic-locking version
 */
public record Message(
    MessageId id,
    ConversationId conversation,
    ChannelId channel,
    Direction direction,
    Participant author,
    String text,
    List<Attachment> attachments,
    Optional<String> platformId,
    Optional<String> inReplyTo,
    Instant sentAt,
    Instant recordedAt,
    DeliveryStatus status,
    Optional<DeliveryFailure> failure,
    boolean hidden,
    boolean deleted,
    Optional<Instant> editedAt,
    Set<MessageFlag> flags,
    Optional<ToneOverride> toneOverride,
    long version) {

  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(text, "text");
    attachments = List.copyOf(attachments);
    Objects.requireNonNull(platformId, "platformId");
    Objects.requireNonNull(inReplyTo, "inReplyTo");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(editedAt, "editedAt");
    flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    Objects.requireNonNull(toneOverride, "toneOverride");
    if (direction == Direction.INBOUND && status != DeliveryStatus.RECEIVED) {
      throw new IllegalArgumentException("an inbound message has status RECEIVED, not " + status);
    }
    if (direction == Direction.OUTBOUND && status == DeliveryStatus.RECEIVED) {
      throw new IllegalArgumentException("an outbound message cannot have status RECEIVED");
    }
    if (failure.isPresent() != (status == DeliveryStatus.FAILED)) {
      throw new IllegalArgumentException("a failure reason goes with status FAILED, and only there");
    }
  }

  /**
   * Starts building a message.
   *
   * @param id webcare4j's id
   * @param conversation the conversation
   * @param channel the channel
   * @param direction inbound or outbound
   * @param author who wrote it
   * @param sentAt when it was written
   * @return a builder; status defaults to {@code RECEIVED} for inbound, {@code QUEUED} for outbound
   */
  public static Builder builder(
      MessageId id,
      ConversationId conversation,
      ChannelId channel,
      Direction direction,
      Participant author,
      Instant sentAt) {
    return new Builder(id, conversation, channel, direction, author, sentAt);
  }

  /**
   * Returns a builder holding this message's values.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Message}. */
  public static final class Builder {
    private final MessageId id;
    private final ConversationId conversation;
    private final ChannelId channel;
    private final Direction direction;
    private final Participant author;
    private String text = "";
    private final List<Attachment> attachments = new ArrayList<>();
    private String platformId;
    private String inReplyTo;
    private final Instant sentAt;
    private Instant recordedAt;
    private DeliveryStatus status;
    private DeliveryFailure failure;
    private boolean hidden;
    private boolean deleted;
    private Instant editedAt;
    private final Set<MessageFlag> flags = EnumSet.noneOf(MessageFlag.class);
    private ToneOverride toneOverride;
    private long version;

    private Builder(
        MessageId id,
        ConversationId conversation,
        ChannelId channel,
        Direction direction,
        Participant author,
        Instant sentAt) {
      this.id = id;
      this.conversation = conversation;
      this.channel = channel;
      this.direction = Objects.requireNonNull(direction, "direction");
      this.author = author;
      this.sentAt = sentAt;
      this.recordedAt = sentAt;
      this.status =
          direction == Direction.INBOUND ? DeliveryStatus.RECEIVED : DeliveryStatus.QUEUED;
    }

    private Builder(Message m) {
      this(m.id, m.conversation, m.channel, m.direction, m.author, m.sentAt);
      text = m.text;
      attachments.addAll(m.attachments);
      platformId = m.platformId.orElse(null);
      inReplyTo = m.inReplyTo.orElse(null);
      recordedAt = m.recordedAt;
      status = m.status;
      failure = m.failure.orElse(null);
      hidden = m.hidden;
      deleted = m.deleted;
      editedAt = m.editedAt.orElse(null);
      flags.addAll(m.flags);
      toneOverride = m.toneOverride.orElse(null);
      version = m.version;
    }

    /**
     * Sets the text.
     *
     * @param text the text
     * @return this builder
     */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * Replaces the attachments.
     *
     * @param attachments the attachments
     * @return this builder
     */
    public Builder attachments(List<Attachment> attachments) {
      this.attachments.clear();
      this.attachments.addAll(attachments);
      return this;
    }

    /**
     * Sets the platform's id.
     *
     * @param platformId the id
     * @return this builder
     */
    public Builder platformId(String platformId) {
      this.platformId = Ids.requireValid(platformId, "platformId");
      return this;
    }

    /**
     * Sets the platform id of the message this one answers.
     *
     * @param platformId the answered message's platform id
     * @return this builder
     */
    public Builder inReplyTo(String platformId) {
      this.inReplyTo = Ids.requireValid(platformId, "inReplyTo");
      return this;
    }

    /**
     * Sets when the message was stored.
     *
     * @param recordedAt the time
     * @return this builder
     */
    public Builder recordedAt(Instant recordedAt) {
      this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
      return this;
    }

    /**
     * Sets the delivery status and clears any failure.
     *
     * @param status the status, not {@code FAILED}
     * @return this builder
     */
    public Builder status(DeliveryStatus status) {
      if (status == DeliveryStatus.FAILED) {
        throw new IllegalArgumentException("use failed(DeliveryFailure) to mark a failure");
      }
      this.status = Objects.requireNonNull(status, "status");
      this.failure = null;
      return this;
    }

    /**
     * Marks the message failed with the platform's reason.
     *
     * @param failure why it failed
     * @return this builder
     */
    public Builder failed(DeliveryFailure failure) {
      this.failure = Objects.requireNonNull(failure, "failure");
      this.status = DeliveryStatus.FAILED;
      return this;
    }

    /**
     * Sets whether the comment is hidden from the public.
     *
     * @param hidden true when hidden
     * @return this builder
     */
    public Builder hidden(boolean hidden) {
      this.hidden = hidden;
      return this;
    }

    /**
     * Sets whether the message was removed on the platform.
     *
     * @param deleted true when removed
     * @return this builder
     */
    public Builder deleted(boolean deleted) {
      this.deleted = deleted;
      return this;
    }

    /**
     * Sets when the text last changed on the platform.
     *
     * @param editedAt the time
     * @return this builder
     */
    public Builder editedAt(Instant editedAt) {
      this.editedAt = Objects.requireNonNull(editedAt, "editedAt");
      return this;
    }

    /**
     * Sets the tone engine's flags.
     *
     * @param flags the flags
     * @return this builder
     */
    public Builder flags(Set<MessageFlag> flags) {
      this.flags.clear();
      this.flags.addAll(flags);
      return this;
    }

    /**
     * Records who let this message through despite blocking tone findings, and why.
     *
     * @param override the override
     * @return this builder
     */
    public Builder toneOverride(ToneOverride override) {
      this.toneOverride = Objects.requireNonNull(override, "override");
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
     * Builds the message.
     *
     * @return the message
     */
    public Message build() {
      return new Message(
          id,
          conversation,
          channel,
          direction,
          author,
          text,
          attachments,
          Optional.ofNullable(platformId),
          Optional.ofNullable(inReplyTo),
          sentAt,
          recordedAt,
          status,
          Optional.ofNullable(failure),
          hidden,
          deleted,
          Optional.ofNullable(editedAt),
          flags,
          Optional.ofNullable(toneOverride),
          version);
    }
  }
}
