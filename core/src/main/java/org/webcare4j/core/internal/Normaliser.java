package org.webcare4j.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.event.CommentDeleted;
import org.webcare4j.core.event.CommentEdited;
import org.webcare4j.core.event.CommentHidden;
import org.webcare4j.core.event.CommentReceived;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MentionReceived;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.event.ReactionReceived;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Contact;
import org.webcare4j.core.model.ContactId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.ConversationState;
import org.webcare4j.core.model.DeliveryFailure;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.Handle;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.MessageFlag;
import org.webcare4j.core.model.MessageId;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.model.ReplyWindow;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.store.StoreTransaction;

/**
 * Files one inbound event into the store: records it in the event log (skipping a duplicate),
 * then creates or updates the conversation, message and contact it concerns. Runs inside one
 * store transaction, so an event is either fully filed or not at all.
 */
final class Normaliser {
  private static final Logger log = LoggerFactory.getLogger(Normaliser.class);

  /** Looks up a channel's reply window; empty when the channel has none or is unknown. */
  interface ReplyWindows {
    Optional<Duration> of(ChannelId channel);
  }

  /** Runs the inbound tone rules over what an inwoner wrote. */
  interface Classifier {
    Set<MessageFlag> classify(ChannelId channel, Visibility visibility, String text);
  }

  private final ReplyWindows replyWindows;
  private final Classifier classifier;
  private final IdGenerator ids;

  Normaliser(ReplyWindows replyWindows, Classifier classifier, IdGenerator ids) {
    this.replyWindows = replyWindows;
    this.classifier = classifier;
    this.ids = ids;
  }

  /**
   * Files an event.
   *
   * @return the stored record, or empty when the event was a duplicate
   */
  Optional<EventRecord> apply(StoreTransaction tx, InboundEvent event, Instant now) {
    OptionalLong sequence = tx.appendEvent(event, now);
    if (sequence.isEmpty()) {
      return Optional.empty();
    }
    Target target = file(tx, event, now);
    tx.setEventTarget(sequence.getAsLong(), target.conversation, target.message);
    return Optional.of(
        new EventRecord(sequence.getAsLong(), event, target.conversation, target.message, now));
  }

  private record Target(Optional<ConversationId> conversation, Optional<MessageId> message) {
    static final Target NONE = new Target(Optional.empty(), Optional.empty());

    static Target of(Message m) {
      return new Target(Optional.of(m.conversation()), Optional.of(m.id()));
    }
  }

  private record Content(
      ChannelId channel,
      String platformId,
      String threadId,
      Visibility visibility,
      Participant author,
      String text,
      List<Attachment> attachments,
      Optional<String> inReplyTo,
      Optional<String> subject,
      Instant occurredAt,
      boolean threadFollowsReply) {}

  private Target file(StoreTransaction tx, InboundEvent event, Instant now) {
    if (event instanceof MessageReceived m) {
      return content(tx, new Content(m.channel(), m.platformId(), m.threadId(),
          Visibility.PRIVATE, m.sender(), m.text(), m.attachments(), m.inReplyTo(), m.subject(),
          m.occurredAt(), false), now);
    } else if (event instanceof CommentReceived c) {
      Optional<String> inReplyTo = c.parentId().or(() -> Optional.of(c.postId()));
      return content(tx, new Content(c.channel(), c.platformId(), c.threadId(),
          Visibility.PUBLIC, c.author(), c.text(), c.attachments(), inReplyTo, c.context(),
          c.occurredAt(), false), now);
    } else if (event instanceof MentionReceived m) {
      return content(tx, new Content(m.channel(), m.platformId(), m.threadId(),
          Visibility.PUBLIC, m.author(), m.text(), m.attachments(), m.inReplyTo(),
          Optional.empty(), m.occurredAt(), true), now);
    } else if (event instanceof ReactionReceived r) {
      return tx.messageByPlatformId(r.channel(), r.targetPlatformId())
          .map(Target::of)
          .orElse(Target.NONE);
    } else if (event instanceof DeliveryStatusChanged s) {
      return status(tx, s);
    } else if (event instanceof CommentEdited e) {
      return changeMessage(tx, e.channel(), e.platformId(), m -> {
        if (m.editedAt().map(at -> !e.occurredAt().isAfter(at)).orElse(false)) {
          return m;
        }
        return m.toBuilder().text(clean(e.text())).editedAt(e.occurredAt()).build();
      });
    } else if (event instanceof CommentDeleted d) {
      return changeMessage(tx, d.channel(), d.platformId(),
          m -> m.deleted() ? m : m.toBuilder().deleted(true).build());
    } else if (event instanceof CommentHidden h) {
      return changeMessage(tx, h.channel(), h.platformId(),
          m -> m.hidden() == h.hidden() ? m : m.toBuilder().hidden(h.hidden()).build());
    }
    throw new IllegalStateException("unhandled event type " + event.getClass().getName());
  }

  /** The earliest time a platform's message can plausibly carry; anything before is a default. */
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /**
   * What every store can hold and a person can read: no U+0000 (PostgreSQL refuses it in text),
   * no lone surrogates (not encodable as UTF-8; replaced by U+FFFD).
   */
  static String clean(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      boolean pair = Character.isHighSurrogate(ch) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      String replacement = null;
      if (ch == '\u0000') {
        replacement = "";
      } else if (Character.isSurrogate(ch) && !pair) {
        replacement = "\uFFFD";
      }
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(ch);
          if (pair) {
            out.append(text.charAt(++i));
          }
        }
      } else if (pair) {
        i++;
      }
    }
    return out == null ? text : out.toString();
  }

  private static Participant clean(Participant p) {
    String name = clean(p.displayName());
    return name.equals(p.displayName()) ? p : new Participant(p.role(), p.id(), name);
  }

  private static Attachment clean(Attachment a) {
    Attachment.Builder b = Attachment.builder(a.kind());
    a.mediaId().ifPresent(b::mediaId);
    a.url().map(Normaliser::clean).ifPresent(b::url);
    a.mimeType().map(Normaliser::clean).ifPresent(b::mimeType);
    a.fileName().map(Normaliser::clean).ifPresent(b::fileName);
    a.sizeBytes().ifPresent(b::sizeBytes);
    a.caption().map(Normaliser::clean).ifPresent(b::caption);
    a.properties().forEach((k, v) -> b.property(clean(k), clean(v)));
    return b.build();
  }

  /**
   * The content as the store keeps it: text cleaned, and a time the platform cannot have meant
   * (before 2000, or more than a day ahead: a default of 0, a unit mix-up) replaced by the time
   * it was received, with a note in the log.
   */
  private Content cleaned(Content c, Instant now) {
    Instant at = c.occurredAt;
    if (at.isBefore(EARLIEST) || at.isAfter(now.plus(Duration.ofDays(1)))) {
      log.info("{}: platform time {} of {} is out of range; filed at the time received, {}",
          c.channel, at, c.platformId, now);
      at = now;
    }
    return new Content(c.channel, c.platformId, c.threadId, c.visibility, clean(c.author),
        clean(c.text), c.attachments.stream().map(Normaliser::clean).toList(), c.inReplyTo,
        c.subject.map(Normaliser::clean), at, c.threadFollowsReply);
  }

  private Target content(StoreTransaction tx, Content raw, Instant now) {
    Content c = cleaned(raw, now);
    Optional<Message> existing = tx.messageByPlatformId(c.channel, c.platformId);
    if (existing.isPresent()) {
      // An echo of a message webcare4j sent, or the same message reported under another event.
      return Target.of(existing.get());
    }
    boolean inbound = c.author.role() == Participant.Role.INWONER;
    Optional<Conversation> found = tx.conversationByThread(c.channel, c.threadId);
    if (found.isEmpty() && c.threadFollowsReply && c.inReplyTo.isPresent()) {
      // A mention in reply to a message we hold (often our own reply) belongs to its thread,
      // also when the platform names only the parent, not the thread's root.
      found = tx.messageByPlatformId(c.channel, c.inReplyTo.get())
          .flatMap(parent -> tx.conversation(parent.conversation()));
    }
    Conversation.Builder conversation = found.map(Conversation::toBuilder).orElseGet(() -> {
      Conversation.Builder b = Conversation.builder(
          ConversationId.of(ids.next()), c.channel, c.threadId, c.visibility, c.occurredAt);
      c.subject.ifPresent(b::subject);
      if (c.visibility == Visibility.PRIVATE) {
        // A private thread on a channel with a window stays closed until the inwoner writes.
        replyWindows.of(c.channel).ifPresent(w -> b.replyWindow(ReplyWindow.closingAt(Instant.EPOCH)));
      }
      return b;
    });
    if (inbound) {
      ContactId contact = contactFor(tx, new Handle(c.channel, c.author.id()), c.author);
      if (found.isEmpty()) {
        conversation.contact(contact);
      }
    }
    conversation.participant(c.author);
    Set<MessageFlag> flags = inbound ? classify(c) : Set.of();
    conversation.flags(flags);
    Conversation before = found.orElse(null);
    if (before == null || c.occurredAt.isAfter(before.lastActivityAt())) {
      conversation.lastActivityAt(c.occurredAt);
    }
    if (inbound) {
      boolean newest = before == null
          || before.lastInboundAt().map(c.occurredAt::isAfter).orElse(true);
      if (newest) {
        conversation.lastInboundAt(c.occurredAt);
        if (c.visibility == Visibility.PRIVATE) {
          replyWindows.of(c.channel).ifPresent(
              w -> conversation.replyWindow(ReplyWindow.closingAt(c.occurredAt.plus(w))));
        }
      }
      if (before != null && before.state() == ConversationState.RESOLVED) {
        conversation.state(ConversationState.OPEN);
      }
    }
    Conversation saved;
    if (before == null) {
      saved = conversation.build();
      tx.insertConversation(saved);
    } else {
      saved = tx.updateConversation(conversation.build());
    }
    Message.Builder message = Message.builder(MessageId.of(ids.next()), saved.id(), c.channel,
            inbound ? Direction.INBOUND : Direction.OUTBOUND, c.author, c.occurredAt)
        .text(c.text)
        .attachments(c.attachments)
        .platformId(c.platformId)
        .flags(flags)
        .recordedAt(now);
    c.inReplyTo.ifPresent(message::inReplyTo);
    if (!inbound) {
      message.status(DeliveryStatus.SENT);
    }
    Message m = message.build();
    tx.insertMessage(m);
    return Target.of(m);
  }

  private Set<MessageFlag> classify(Content c) {
    try {
      return classifier.classify(c.channel, c.visibility, c.text);
    } catch (RuntimeException e) {
      // Classification helps an inbox sort; it must never cost an inbound message.
      log.warn("classifying an inbound message on channel {} failed", c.channel, e);
      return Set.of();
    }
  }

  private ContactId contactFor(StoreTransaction tx, Handle handle, Participant author) {
    Optional<Contact> known = tx.contactByHandle(handle);
    if (known.isPresent()) {
      return known.get().id();
    }
    Contact contact = new Contact(ContactId.of(ids.next()), author.displayName(),
        java.util.Set.of(handle));
    tx.saveContact(contact);
    return contact.id();
  }

  private Target status(StoreTransaction tx, DeliveryStatusChanged s) {
    Optional<Message> found = tx.messageByPlatformId(s.channel(), s.platformId());
    if (found.isEmpty()) {
      log.debug("status {} on channel {} for a message not sent through webcare4j",
          s.status(), s.channel());
      return Target.NONE;
    }
    Message m = found.get();
    if (m.status().canAdvanceTo(s.status())) {
      Message.Builder b = m.toBuilder();
      if (s.status() == DeliveryStatus.FAILED) {
        DeliveryFailure failure = s.failure().orElseThrow();
        b.failed(new DeliveryFailure(failure.code(), clean(failure.reason())));
      } else {
        b.status(s.status());
      }
      m = tx.updateMessage(b.build());
    }
    return Target.of(m);
  }

  private Target changeMessage(StoreTransaction tx, ChannelId channel, String platformId,
      java.util.function.UnaryOperator<Message> change) {
    Optional<Message> found = tx.messageByPlatformId(channel, platformId);
    if (found.isEmpty()) {
      return Target.NONE;
    }
    Message before = found.get();
    Message after = change.apply(before);
    Message saved = after == before ? before : tx.updateMessage(after);
    return Target.of(saved);
  }
}
