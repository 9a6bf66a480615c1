package org.webcare4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.error.ReplyWindowClosedException;
import org.webcare4j.core.error.TextTooLongException;
import org.webcare4j.core.internal.Composer;
import org.webcare4j.core.model.AgentIdentity;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ToneOverride;
import org.webcare4j.core.outbox.OutboundMessage;
import org.webcare4j.core.outbox.OutboxHandle;
import org.webcare4j.core.tone.Finding;
import org.webcare4j.core.tone.ToneBlockedException;
import org.webcare4j.core.tone.ToneReport;

/**
 * A reply being written to one conversation: checked against the organisation's tone of voice
 * and the channel's limits, and sent through the outbox only when nothing blocks it, or a named
 * person overrides with a reason.
 *
 * <pre>{@code
 * ReplyDraft draft = webcare.compose(conversationId)
 *     .agent(new AgentIdentity("sanne.vos", "Sanne", "SV"))
 *     .text("Hoi Fatima, dank je voor je vraag! ...");
 * ToneReport report = draft.check();      // show the findings as the agent types
 * draft.applyFixes();                     // adds the sign-off, swaps house-style words
 * OutboxHandle sent = draft.send();       // ToneBlockedException while anything blocks
 * }</pre>
 *
 * <p>A draft is a mutable builder for one agent on one thread; it is not thread-safe.
 */
public final class ReplyDraft {
  private final Composer composer;
  private final Conversation conversation;
  private String text = "";
  private AgentIdentity agent;
  private final List<Attachment> attachments = new ArrayList<>();
  private String inReplyTo;
  private String idempotencyKey;
  private String overrideBy;
  private String overrideReason;

  ReplyDraft(Composer composer, Conversation conversation) {
    this.composer = composer;
    this.conversation = conversation;
  }

  /**
   * Returns the conversation this reply goes to, as it was when the draft began.
   *
   * @return the conversation
   */
  public Conversation conversation() {
    return conversation;
  }

  /**
   * Returns the text as it stands.
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  /**
   * Sets the text.
   *
   * @param text the reply
   * @return this draft
   */
  public ReplyDraft text(String text) {
    this.text = Objects.requireNonNull(text, "text");
    return this;
  }

  /**
   * Sets who writes the reply: the author of the message and the name it is signed with.
   *
   * @param agent the agent
   * @return this draft
   */
  public ReplyDraft agent(AgentIdentity agent) {
    this.agent = Objects.requireNonNull(agent, "agent");
    return this;
  }

  /**
   * Adds an attachment.
   *
   * @param attachment the attachment
   * @return this draft
   */
  public ReplyDraft attach(Attachment attachment) {
    attachments.add(Objects.requireNonNull(attachment, "attachment"));
    return this;
  }

  /**
   * Answers a specific message or comment of the conversation.
   *
   * @param platformId the platform id of the message answered
   * @return this draft
   */
  public ReplyDraft inReplyTo(String platformId) {
    this.inReplyTo = Objects.requireNonNull(platformId, "platformId");
    return this;
  }

  /**
   * Sets the idempotency key, so that sending the same draft twice (a double click, a retried
   * request) sends it once.
   *
   * @param key the caller's key
   * @return this draft
   */
  public ReplyDraft idempotencyKey(String key) {
    this.idempotencyKey = Objects.requireNonNull(key, "key");
    return this;
  }

  /**
   * Lets the reply go out despite blocking tone findings. The person, the reason and the rules
   * overridden are recorded with the message. It does not lift the channel's own limits: a text
   * too long for the platform is still refused.
   *
   * @param person who decides, as the host names its users
   * @param reason why
   * @return this draft
   */
  public ReplyDraft override(String person, String reason) {
    if (Objects.requireNonNull(person, "person").isBlank()) {
      throw new IllegalArgumentException("an override names the person who decided");
    }
    if (Objects.requireNonNull(reason, "reason").isBlank()) {
      throw new IllegalArgumentException("an override gives a reason");
    }
    this.overrideBy = person.strip();
    this.overrideReason = reason.strip();
    return this;
  }

  /**
   * Checks the text against the tone profile and the channel's limits.
   *
   * @return the report
   */
  public ToneReport check() {
    return composer.tone().check(composer.request(conversation, text, Optional.ofNullable(agent)));
  }

  /**
   * Applies the safe automatic fixes of a fresh check (the sign-off added, house-style words
   * swapped) to the text.
   *
   * @return the report of the text before the fixes
   */
  public ToneReport applyFixes() {
    ToneReport report = check();
    report.fixedText().ifPresent(t -> this.text = t);
    return report;
  }

  /**
   * Checks the reply once more and puts it in the outbox.
   *
   * @return the outbox handle, to await or observe delivery
   * @throws ToneBlockedException when a tone rule blocks it and no override was given
   * @throws TextTooLongException when it is longer than the channel allows
   * @throws ReplyWindowClosedException when the platform's reply window has closed
   * @throws IllegalStateException when no agent was set
   */
  public OutboxHandle send() {
    if (agent == null) {
      throw new IllegalStateException("set the agent who writes the reply before sending it");
    }
    ToneReport report = check();
    List<Finding> blocking = report.blocking();
    OutboundMessage.Builder message = OutboundMessage.text(agent.participant(), text);
    attachments.forEach(message::attachment);
    if (inReplyTo != null) {
      message.inReplyTo(inReplyTo);
    }
    if (idempotencyKey != null) {
      message.idempotencyKey(idempotencyKey);
    }
    if (!blocking.isEmpty()) {
      if (overrideBy == null) {
        throw new ToneBlockedException(report);
      }
      message.toneOverride(new ToneOverride(overrideBy, overrideReason,
          blocking.stream().map(Finding::rule).distinct().toList(), composer.clock().instant()));
    }
    OutboxHandle handle = composer.outbox().send(conversation.id(), message.build());
    composer.sent();
    return handle;
  }

  @Override
  public String toString() {
    return "ReplyDraft{conversation=" + conversation.id() + ", length=" + text.length() + "}";
  }
}
