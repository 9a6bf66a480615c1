package org.webcare4j.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.error.NotFoundException;
import org.webcare4j.core.error.ReplyWindowClosedException;
import org.webcare4j.core.error.StoreConflictException;
import org.webcare4j.core.error.TextTooLongException;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.MessageId;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.outbox.OutboundMessage;
import org.webcare4j.core.outbox.Outbox;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxHandle;
import org.webcare4j.core.outbox.OutboxId;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.outbox.RateBudget;
import org.webcare4j.core.store.WebcareStore;

/** The {@link Outbox}: checks, stores and hands over to the {@link OutboxDispatcher}. */
final class OutboxService implements Outbox {
  private static final Logger log = LoggerFactory.getLogger(OutboxService.class);
  private static final int MAX_ATTEMPTS = 5;

  private final WebcareStore store;
  private final Map<ChannelId, Channel> channels;
  private final OutboxDispatcher dispatcher;
  private final IdGenerator ids;
  private final Clock clock;

  OutboxService(WebcareStore store, Map<ChannelId, Channel> channels,
      OutboxDispatcher dispatcher, IdGenerator ids, Clock clock) {
    this.store = store;
    this.channels = channels;
    this.dispatcher = dispatcher;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public OutboxHandle send(ConversationId conversationId, OutboundMessage message) {
    Objects.requireNonNull(conversationId, "conversation");
    Objects.requireNonNull(message, "message");
    String key = message.idempotencyKey().orElseGet(ids::next);
    OutboxEntry entry = retryingConflicts(() -> store.inTransaction(tx -> {
      Optional<OutboxEntry> existing = tx.outboxEntryByKey(key);
      if (existing.isPresent()) {
        return sameMessage(existing.get(), conversationId, message);
      }
      Conversation c = tx.conversation(conversationId)
          .orElseThrow(() -> new NotFoundException("conversation", conversationId.value()));
      Channel channel = channel(c.channel());
      Instant now = clock.instant();
      SendMessage draft = new SendMessage(c.channel(), c.id(), MessageId.of(ids.next()),
          c.platformThreadId(), c.visibility(), message.text(), message.attachments(),
          message.inReplyTo(), message.template(),
          c.participants().stream().filter(p -> p.role() == Participant.Role.INWONER)
              .map(Participant::id).findFirst(),
          c.subject(), Optional.of(message.author().displayName()));
      channel.require(draft.requires());
      if (!message.attachments().isEmpty()) {
        channel.require(Capability.MEDIA);
      }
      if (message.template().isEmpty() && !c.replyWindow().isOpen(now)) {
        throw new ReplyWindowClosedException(c.channel(),
            c.replyWindow().closesAt().orElse(Instant.EPOCH),
            channel.supports(Capability.TEMPLATES)
                ? "only an approved template message can be sent now (OutboundMessage.template)"
                : "");
      }
      int excess = channel.limits().excess(message.text());
      if (excess > 0) {
        throw new TextTooLongException(c.channel(),
            channel.limits().lengthCounter().count(message.text()),
            channel.limits().maxTextLength(), channel.limits().lengthCounter().description());
      }
      Message.Builder stored = Message.builder(draft.message(), c.id(), c.channel(),
              Direction.OUTBOUND, message.author(), now)
          .text(message.template().map(t -> t.describe()).orElse(message.text()))
          .attachments(message.attachments())
          .recordedAt(now);
      message.inReplyTo().ifPresent(stored::inReplyTo);
      message.toneOverride().ifPresent(stored::toneOverride);
      tx.insertMessage(stored.build());
      tx.updateConversation(c.toBuilder().participant(message.author())
          .lastActivityAt(now.isAfter(c.lastActivityAt()) ? now : c.lastActivityAt()).build());
      OutboxEntry queued = OutboxEntry.queued(OutboxId.of(ids.next()), key, draft, now);
      tx.insertOutboxEntry(queued);
      return queued;
    }));
    dispatcher.wake();
    return handle(entry);
  }

  private static OutboxEntry sameMessage(OutboxEntry existing, ConversationId conversation,
      OutboundMessage message) {
    if (existing.operation() instanceof SendMessage s && s.conversation().equals(conversation)
        && s.text().equals(message.text()) && s.template().equals(message.template())) {
      return existing;
    }
    throw new IllegalArgumentException(
        "idempotency key already used for a different operation: " + existing.idempotencyKey());
  }

  @Override
  public OutboxHandle enqueue(OutboundOperation operation, String idempotencyKey) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    if (operation instanceof SendMessage) {
      throw new IllegalArgumentException("messages are sent with send(conversation, message)");
    }
    channel(operation.channel()).require(operation.requires());
    OutboxEntry entry = retryingConflicts(() -> store.inTransaction(tx -> {
      Optional<OutboxEntry> existing = tx.outboxEntryByKey(idempotencyKey);
      if (existing.isPresent()) {
        if (!existing.get().operation().equals(operation)) {
          throw new IllegalArgumentException(
              "idempotency key already used for a different operation: " + idempotencyKey);
        }
        return existing.get();
      }
      OutboxEntry queued = OutboxEntry.queued(OutboxId.of(ids.next()), idempotencyKey,
          operation, clock.instant());
      tx.insertOutboxEntry(queued);
      return queued;
    }));
    dispatcher.wake();
    return handle(entry);
  }

  private Channel channel(ChannelId id) {
    Channel channel = channels.get(id);
    if (channel == null) {
      throw new IllegalStateException("channel " + id + " is not registered with this Webcare");
    }
    return channel;
  }

  @Override
  public OutboxHandle handle(OutboxId id) {
    return handle(entry(id).orElseThrow(() -> new NotFoundException("outbox entry", id.value())));
  }

  private OutboxHandle handle(OutboxEntry entry) {
    return new Handle(entry.id(), entry.operation() instanceof SendMessage s
        ? Optional.of(s.message()) : Optional.empty());
  }

  @Override
  public Optional<OutboxEntry> entry(OutboxId id) {
    Objects.requireNonNull(id, "id");
    return store.inTransaction(tx -> tx.outboxEntry(id));
  }

  @Override
  public List<OutboxEntry> entries(OutboxState state, int limit) {
    Objects.requireNonNull(state, "state");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    return store.inTransaction(tx -> tx.outboxEntries(Optional.empty(), EnumSet.of(state), limit));
  }

  @Override
  public OutboxHandle resend(OutboxId id, String person) {
    Objects.requireNonNull(person, "person");
    OutboxEntry entry = retryingConflicts(() -> store.inTransaction(tx -> {
      OutboxEntry cur = tx.outboxEntry(id)
          .orElseThrow(() -> new NotFoundException("outbox entry", id.value()));
      if (cur.state() != OutboxState.DEAD && cur.state() != OutboxState.POSSIBLY_SENT) {
        throw new IllegalStateException("only a dead or possibly sent entry can be resent, not "
            + cur.state());
      }
      Instant now = clock.instant();
      if (cur.operation() instanceof SendMessage s) {
        tx.message(s.message()).filter(m -> m.status() == DeliveryStatus.FAILED)
            .ifPresent(m -> tx.updateMessage(m.toBuilder().status(DeliveryStatus.QUEUED).build()));
      }
      return tx.updateOutboxEntry(cur.requeued(now, 0, cur.failure(), now));
    }));
    log.info("outbox entry {} queued again by {}", id, person);
    dispatcher.wake();
    return handle(entry);
  }

  @Override
  public RateBudget budget(ChannelId channel) {
    Objects.requireNonNull(channel, "channel");
    channel(channel);
    return dispatcher.budget(channel);
  }

  private static <T> T retryingConflicts(java.util.function.Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (StoreConflictException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** A handle reading through to the store. */
  private final class Handle implements OutboxHandle {
    private final OutboxId id;
    private final Optional<MessageId> message;

    Handle(OutboxId id, Optional<MessageId> message) {
      this.id = id;
      this.message = message;
    }

    @Override
    public OutboxId id() {
      return id;
    }

    @Override
    public Optional<MessageId> message() {
      return message;
    }

    @Override
    public OutboxEntry current() {
      return entry(id).orElseThrow(() -> new NotFoundException("outbox entry", id.value()));
    }

    @Override
    public CompletableFuture<OutboxEntry> completion() {
      return dispatcher.completion(current());
    }

    @Override
    public OutboxEntry await(Duration timeout) throws TimeoutException, InterruptedException {
      try {
        return completion().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException("completion failed", e.getCause());
      }
    }

    @Override
    public String toString() {
      return "OutboxHandle{" + id + "}";
    }
  }
}
