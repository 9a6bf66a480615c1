package org.webcare4j.core.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.webcare4j.core.channel.MessageTemplate;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.model.ToneOverride;

/**
 * A message to send into a conversation: text or a template, media, who writes it, and the key
 * that makes sending it twice impossible.
 *
 * @param author the agent (or the organisation) writing it
 * @param text the text; may be empty when a template or attachments carry the message
 * @param attachments media to send
 * @param inReplyTo the platform id of the message or comment answered, if any
 * @param template an approved template, required outside the reply window
 * @param toneOverride who decided to send it despite blocking tone findings, and why; recorded
 *     with the message
 * @param idempotencyKey a key of the caller's choosing (for example a form submission id): a
 *     second send with the same key returns the first one's handle; empty for a generated key
 */
public record OutboundMessage(
    Participant author,
    String text,
    List<Attachment> attachments,
    Optional<String> inReplyTo,
    Optional<MessageTemplate> template,
    Optional<ToneOverride> toneOverride,
    Optional<String> idempotencyKey) {

  public OutboundMessage {
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(text, "text");
    attachments = List.copyOf(attachments);
    Objects.requireNonNull(inReplyTo, "inReplyTo");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(toneOverride, "toneOverride");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (author.role() == Participant.Role.INWONER) {
      throw new IllegalArgumentException("an outbound message is written by an agent");
    }
    if (text.isBlank() && attachments.isEmpty() && template.isEmpty()) {
      throw new IllegalArgumentException("a message needs text, attachments or a template");
    }
  }

  /**
   * Starts building a text message.
   *
   * @param author the agent writing it
   * @param text the text
   * @return a builder
   */
  public static Builder text(Participant author, String text) {
    return new Builder(author).text(text);
  }

  /**
   * Starts building a template message.
   *
   * @param author the agent sending it
   * @param template the approved template
   * @return a builder
   */
  public static Builder template(Participant author, MessageTemplate template) {
    return new Builder(author).template(template);
  }

  /** Builds an {@link OutboundMessage}. */
  public static final class Builder {
    private final Participant author;
    private String text = "";
    private final List<Attachment> attachments = new ArrayList<>();
    private String inReplyTo;
    private MessageTemplate template;
    private ToneOverride toneOverride;
    private String idempotencyKey;

    private Builder(Participant author) {
      this.author = Objects.requireNonNull(author, "author");
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
     * Adds an attachment.
     *
     * @param attachment the attachment
     * @return this builder
     */
    public Builder attachment(Attachment attachment) {
      attachments.add(Objects.requireNonNull(attachment, "attachment"));
      return this;
    }

    /**
     * Answers a specific message or comment.
     *
     * @param platformId the platform id of the message answered
     * @return this builder
     */
    public Builder inReplyTo(String platformId) {
      this.inReplyTo = Objects.requireNonNull(platformId, "platformId");
      return this;
    }

    /**
     * Sends an approved template.
     *
     * @param template the template
     * @return this builder
     */
    public Builder template(MessageTemplate template) {
      this.template = Objects.requireNonNull(template, "template");
      return this;
    }

    /**
     * Records who decided to send it despite blocking tone findings, and why.
     *
     * @param override the override
     * @return this builder
     */
    public Builder toneOverride(ToneOverride override) {
      this.toneOverride = Objects.requireNonNull(override, "override");
      return this;
    }

    /**
     * Sets the idempotency key.
     *
     * @param key the caller's key, 1 to 200 characters
     * @return this builder
     */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Builds the message.
     *
     * @return the message
     */
    public OutboundMessage build() {
      return new OutboundMessage(author, text, attachments, Optional.ofNullable(inReplyTo),
          Optional.ofNullable(template), Optional.ofNullable(toneOverride),
          Optional.ofNullable(idempotencyKey));
    }
  }
}
