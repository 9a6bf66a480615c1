package org.webcare4j.core.internal.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.webcare4j.core.channel.JournalEntry;
import org.webcare4j.core.error.StoreConflictException;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.internal.InboxCursor;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Contact;
import org.webcare4j.core.model.ContactId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.Direction;
import org.webcare4j.core.model.Handle;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.MessageId;
import org.webcare4j.core.model.Page;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxId;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.publish.CrisisPause;
import org.webcare4j.core.publish.PublicationEvent;
import org.webcare4j.core.store.StoreTransaction;
import org.webcare4j.core.store.WebcareStore;

/**
 * A store in this JVM's memory. Transactions are serialised by one lock and undone from an undo
 * log when the work throws, so the in-memory store keeps the same all-or-nothing contract as a
 * database.
 */
public final class InMemoryStore implements WebcareStore {
  private static final Comparator<Conversation> NEWEST_FIRST =
      Comparator.comparing(Conversation::lastActivityAt)
          .thenComparing(c -> c.id().value())
          .reversed();
  private static final Comparator<Message> WRITTEN_ORDER =
      Comparator.comparing(Message::sentAt)
          .thenComparing(Message::recordedAt)
          .thenComparing(m -> m.id().value());

  private final ReentrantLock lock = new ReentrantLock();

  private final TreeMap<Long, EventRecord> events = new TreeMap<>();
  private final Map<Long, Boolean> dispatched = new HashMap<>();
  private final Map<String, Long> eventKeys = new HashMap<>();
  private final java.util.LinkedHashMap<String, org.webcare4j.core.event.UnreadableItem> unreadable =
      new java.util.LinkedHashMap<>();
  private long nextSequence = 1;

  private final Map<ConversationId, Conversation> conversations = new HashMap<>();
  private final Map<PublicationId, Publication> publications = new HashMap<>();
  private final Map<String, ConversationId> threads = new HashMap<>();
  private final Map<MessageId, Message> messages = new HashMap<>();
  private final Map<String, MessageId> platformMessages = new HashMap<>();
  private final Map<ConversationId, List<MessageId>> messagesByConversation = new HashMap<>();
  private final Map<ContactId, Contact> contacts = new HashMap<>();
  private final Map<Handle, ContactId> handles = new HashMap<>();
  private final Map<String, String> cursors = new HashMap<>();
  private final Map<String, List<JournalEntry>> journals = new HashMap<>();
  private final TreeMap<String, OutboxEntry> outbox = new TreeMap<>();
  private final Map<String, OutboxId> outboxKeys = new HashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();
  private final List<PublicationEvent> publicationEvents = new ArrayList<>();
  private Optional<CrisisPause> crisis = Optional.empty();

  private record Lease(String owner, Instant until) {}

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    Objects.requireNonNull(work, "work");
    if (lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("store transactions do not nest");
    }
    lock.lock();
    Tx tx = new Tx();
    try {
      T result = work.apply(tx);
      tx.open = false;
      return result;
    } catch (RuntimeException | Error e) {
      tx.rollback();
      throw e;
    } finally {
      lock.unlock();
    }
  }

  private static String key(ChannelId channel, String value) {
    return channel.value() + '\u0000' + value;
  }

  private final class Tx implements StoreTransaction {
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private boolean open = true;

    private void check() {
      if (!open) {
        throw new IllegalStateException("the transaction has ended");
      }
    }

    void rollback() {
      open = false;
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
    }

    private <K, V> void put(Map<K, V> map, K key, V value) {
      V previous = map.put(key, value);
      undo.push(() -> {
        if (previous == null) {
          map.remove(key);
        } else {
          map.put(key, previous);
        }
      });
    }

    private <K, V> void remove(Map<K, V> map, K key) {
      V previous = map.remove(key);
      if (previous != null) {
        undo.push(() -> map.put(key, previous));
      }
    }

    @Override
    public OptionalLong appendEvent(InboundEvent event, Instant recordedAt) {
      check();
      String k = key(event.channel(), event.dedupeKey());
      if (eventKeys.containsKey(k)) {
        return OptionalLong.empty();
      }
      long sequence = nextSequence++;
      undo.push(() -> nextSequence--);
      put(eventKeys, k, sequence);
      put(events, sequence,
          new EventRecord(sequence, event, Optional.empty(), Optional.empty(), recordedAt));
      put(dispatched, sequence, false);
      return OptionalLong.of(sequence);
    }

    @Override
    public boolean keepUnreadable(org.webcare4j.core.event.UnreadableItem item) {
      check();
      String k = key(item.channel(), item.dedupeKey());
      if (unreadable.containsKey(k)) {
        return false;
      }
      put(unreadable, k, item);
      return true;
    }

    @Override
    public List<org.webcare4j.core.event.UnreadableItem> unreadableItems(int limit) {
      check();
      List<org.webcare4j.core.event.UnreadableItem> all = new ArrayList<>(unreadable.values());
      java.util.Collections.reverse(all);
      return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    @Override
    public void setEventTarget(
        long sequence, Optional<ConversationId> conversation, Optional<MessageId> message) {
      check();
      EventRecord r = events.get(sequence);
      if (r == null) {
        throw new IllegalArgumentException("no event " + sequence);
      }
      put(events, sequence,
          new EventRecord(sequence, r.event(), conversation, message, r.recordedAt()));
    }

    @Override
    public boolean isDispatched(long sequence) {
      check();
      return Boolean.TRUE.equals(dispatched.get(sequence));
    }

    @Override
    public List<EventRecord> undispatchedEvents(int limit) {
      check();
      List<EventRecord> result = new ArrayList<>();
      for (EventRecord r : events.values()) {
        if (result.size() >= limit) {
          break;
        }
        if (!dispatched.get(r.sequence())) {
          result.add(r);
        }
      }
      return result;
    }

    @Override
    public void markDispatched(long sequence) {
      check();
      if (dispatched.containsKey(sequence)) {
        put(dispatched, sequence, true);
      }
    }

    @Override
    public Optional<Conversation> conversation(ConversationId id) {
      check();
      return Optional.ofNullable(conversations.get(id));
    }

    @Override
    public Optional<Conversation> conversationByThread(ChannelId channel, String threadId) {
      check();
      return Optional.ofNullable(threads.get(key(channel, threadId))).map(conversations::get);
    }

    @Override
    public void insertConversation(Conversation c) {
      check();
      String thread = key(c.channel(), c.platformThreadId());
      if (conversations.containsKey(c.id()) || threads.containsKey(thread)) {
        throw new StoreConflictException("conversation " + c.id() + " or its thread exists");
      }
      put(conversations, c.id(), c);
      put(threads, thread, c.id());
    }

    @Override
    public Conversation updateConversation(Conversation c) {
      check();
      Conversation stored = conversations.get(c.id());
      if (stored == null) {
        throw new StoreConflictException("conversation " + c.id() + " is not stored");
      }
      if (stored.version() != c.version()) {
        throw new StoreConflictException("conversation " + c.id() + " was changed meanwhile");
      }
      if (!stored.platformThreadId().equals(c.platformThreadId())
          || !stored.channel().equals(c.channel())) {
        throw new IllegalArgumentException("a conversation's channel and thread do not change");
      }
      Conversation saved = c.toBuilder().version(c.version() + 1).build();
      put(conversations, c.id(), saved);
      return saved;
    }

    @Override
    public Page<Conversation> conversations(InboxQuery query) {
      check();
      Optional<InboxCursor> after = query.cursor().map(InboxCursor::decode);
      List<Conversation> matching = new ArrayList<>();
      for (Conversation c : conversations.values()) {
        if (matches(c, query)
            && after.map(a -> a.precedes(c.lastActivityAt(), c.id())).orElse(true)) {
          matching.add(c);
        }
      }
      matching.sort(NEWEST_FIRST);
      if (matching.size() <= query.limit()) {
        return new Page<>(matching, Optional.empty());
      }
      List<Conversation> page = matching.subList(0, query.limit());
      Conversation last = page.get(page.size() - 1);
      return new Page<>(
          page, Optional.of(new InboxCursor(last.lastActivityAt(), last.id()).encode()));
    }

    private boolean matches(Conversation c, InboxQuery q) {
      if (!q.channels().isEmpty() && !q.channels().contains(c.channel())) {
        return false;
      }
      if (!q.states().isEmpty() && !q.states().contains(c.state())) {
        return false;
      }
      if (q.visibility().isPresent() && q.visibility().get() != c.visibility()) {
        return false;
      }
      if (q.assignee().isPresent() && !q.assignee().equals(c.assignee())) {
        return false;
      }
      if (q.unassigned() && c.assignee().isPresent()) {
        return false;
      }
      if (q.label().isPresent() && !c.labels().contains(q.label().get())) {
        return false;
      }
      if (q.flag().isPresent() && !c.flags().contains(q.flag().get())) {
        return false;
      }
      return q.text().map(t -> containsText(c, t.toLowerCase(Locale.ROOT))).orElse(true);
    }

    private boolean containsText(Conversation c, String needle) {
      if (c.subject().map(s -> s.toLowerCase(Locale.ROOT).contains(needle)).orElse(false)) {
        return true;
      }
      if (c.participants().stream()
          .anyMatch(p -> p.displayName().toLowerCase(Locale.ROOT).contains(needle))) {
        return true;
      }
      return messagesByConversation.getOrDefault(c.id(), List.of()).stream()
          .map(messages::get)
          .anyMatch(m -> m.text().toLowerCase(Locale.ROOT).contains(needle));
    }

    @Override
    public Optional<Message> message(MessageId id) {
      check();
      return Optional.ofNullable(messages.get(id));
    }

    @Override
    public Optional<Message> messageByPlatformId(ChannelId channel, String platformId) {
      check();
      return Optional.ofNullable(platformMessages.get(key(channel, platformId)))
          .map(messages::get);
    }

    @Override
    public void insertMessage(Message m) {
      check();
      if (!conversations.containsKey(m.conversation())) {
        throw new IllegalArgumentException("message for unknown conversation " + m.conversation());
      }
      if (messages.containsKey(m.id())) {
        throw new StoreConflictException("message " + m.id() + " exists");
      }
      m.platformId().ifPresent(p -> {
        if (platformMessages.containsKey(key(m.channel(), p))) {
          throw new StoreConflictException("a message with this platform id exists");
        }
      });
      put(messages, m.id(), m);
      m.platformId().ifPresent(p -> put(platformMessages, key(m.channel(), p), m.id()));
      List<MessageId> ids =
          messagesByConversation.computeIfAbsent(m.conversation(), k -> new ArrayList<>());
      ids.add(m.id());
      undo.push(() -> ids.remove(ids.size() - 1));
    }

    @Override
    public Message updateMessage(Message m) {
      check();
      Message stored = messages.get(m.id());
      if (stored == null) {
        throw new StoreConflictException("message " + m.id() + " is not stored");
      }
      if (stored.version() != m.version()) {
        throw new StoreConflictException("message " + m.id() + " was changed meanwhile");
      }
      if (!stored.conversation().equals(m.conversation()) || !stored.channel().equals(m.channel())) {
        throw new IllegalArgumentException("a message's conversation and channel do not change");
      }
      if (!stored.platformId().equals(m.platformId())) {
        if (stored.platformId().isPresent()) {
          throw new IllegalArgumentException("a message's platform id does not change once set");
        }
        String k = key(m.channel(), m.platformId().orElseThrow());
        if (platformMessages.containsKey(k)) {
          throw new StoreConflictException("a message with this platform id exists");
        }
        put(platformMessages, k, m.id());
      }
      Message saved = m.toBuilder().version(m.version() + 1).build();
      put(messages, m.id(), saved);
      return saved;
    }

    @Override
    public List<Message> messages(ConversationId conversation) {
      check();
      List<Message> result = new ArrayList<>();
      for (MessageId id : messagesByConversation.getOrDefault(conversation, List.of())) {
        result.add(messages.get(id));
      }
      result.sort(WRITTEN_ORDER);
      return result;
    }

    @Override
    public void insertPublication(Publication p) {
      check();
      if (publications.containsKey(p.id())) {
        throw new StoreConflictException("publication " + p.id() + " exists");
      }
      put(publications, p.id(), p);
    }

    @Override
    public Optional<Publication> publication(PublicationId id) {
      check();
      return Optional.ofNullable(publications.get(id));
    }

    @Override
    public Publication updatePublication(Publication p) {
      check();
      Publication stored = publications.get(p.id());
      if (stored == null || stored.version() != p.version()) {
        throw new StoreConflictException("publication " + p.id()
            + " was changed meanwhile or is not stored");
      }
      Publication saved = p.withVersion(p.version() + 1);
      put(publications, p.id(), saved);
      return saved;
    }

    private static final java.util.Comparator<Publication> PUBLICATION_ORDER =
        java.util.Comparator.<Publication, Boolean>comparing(p -> p.scheduledFor().isEmpty())
            .thenComparing(p -> p.scheduledFor().map(z -> z.toInstant()).orElse(Instant.MIN))
            .thenComparing(Publication::createdAt)
            .thenComparing(p -> p.id().value());

    @Override
    public List<Publication> claimDuePublications(Instant now, int limit) {
      check();
      return publications.values().stream()
          .filter(p -> p.state() == PublicationState.SCHEDULED && p.scheduledFor().isPresent()
              && !p.scheduledFor().get().toInstant().isAfter(now))
          .sorted(PUBLICATION_ORDER)
          .limit(limit)
          .toList();
    }

    @Override
    public List<Publication> publications(Set<PublicationState> states, Optional<Instant> from,
        Optional<Instant> to, int limit) {
      check();
      return publications.values().stream()
          .filter(p -> states.isEmpty() || states.contains(p.state()))
          .filter(p -> from.isEmpty() || p.scheduledFor()
              .filter(z -> !z.toInstant().isBefore(from.get())).isPresent())
          .filter(p -> to.isEmpty() || p.scheduledFor()
              .filter(z -> z.toInstant().isBefore(to.get())).isPresent())
          .sorted(PUBLICATION_ORDER)
          .limit(limit)
          .toList();
    }

    @Override
    public void appendPublicationEvent(PublicationEvent event) {
      check();
      publicationEvents.add(java.util.Objects.requireNonNull(event, "event"));
      undo.push(() -> publicationEvents.remove(publicationEvents.size() - 1));
    }

    @Override
    public List<PublicationEvent> publicationEvents(PublicationId id) {
      check();
      return publicationEvents.stream().filter(e -> e.publication().equals(id)).toList();
    }

    @Override
    public Optional<CrisisPause> crisisPause() {
      check();
      return crisis;
    }

    @Override
    public Optional<CrisisPause> lockCrisisPause() {
      return crisisPause();
    }

    @Override
    public void saveCrisisPause(Optional<CrisisPause> pause) {
      check();
      Optional<CrisisPause> previous = crisis;
      crisis = java.util.Objects.requireNonNull(pause, "pause");
      undo.push(() -> crisis = previous);
    }

    @Override
    public List<Message> recentOutboundMessages(Instant since, int limit) {
      check();
      return messages.values().stream()
          .filter(m -> m.direction() == Direction.OUTBOUND && !m.recordedAt().isBefore(since))
          .sorted(java.util.Comparator.comparing(Message::recordedAt).reversed()
              .thenComparing(m -> m.id().value()))
          .limit(limit)
          .toList();
    }

    @Override
    public Optional<Contact> contact(ContactId id) {
      check();
      return Optional.ofNullable(contacts.get(id));
    }

    @Override
    public Optional<Contact> contactByHandle(Handle handle) {
      check();
      return Optional.ofNullable(handles.get(handle)).map(contacts::get);
    }

    @Override
    public void saveContact(Contact contact) {
      check();
      for (Handle h : contact.handles()) {
        ContactId owner = handles.get(h);
        if (owner != null && !owner.equals(contact.id())) {
          throw new StoreConflictException("a handle belongs to another contact");
        }
      }
      Contact previous = contacts.get(contact.id());
      if (previous != null) {
        for (Handle h : previous.handles()) {
          if (!contact.handles().contains(h)) {
            remove(handles, h);
          }
        }
      }
      put(contacts, contact.id(), contact);
      for (Handle h : contact.handles()) {
        put(handles, h, contact.id());
      }
    }

    @Override
    public Optional<String> cursor(ChannelId channel, String name) {
      check();
      return Optional.ofNullable(cursors.get(key(channel, name)));
    }

    @Override
    public void saveCursor(ChannelId channel, String name, String value) {
      check();
      put(cursors, key(channel, Objects.requireNonNull(name, "name")),
          Objects.requireNonNull(value, "value"));
    }
      @Override
    public long appendJournal(ChannelId channel, String journal, Instant at, String payload) {
      check();
      String k = key(channel, Objects.requireNonNull(journal, "journal"));
      List<JournalEntry> entries = new ArrayList<>(journals.getOrDefault(k, List.of()));
      long seq = entries.size() + 1L;
      entries.add(new JournalEntry(journal, seq, at, payload));
      put(journals, k, List.copyOf(entries));
      return seq;
    }

    @Override
    public List<JournalEntry> journal(ChannelId channel, String journal, long after, int limit) {
      check();
      return journals.getOrDefault(key(channel, journal), List.of()).stream()
          .filter(e -> e.seq() > after).limit(limit).toList();
    }

    @Override
    public Map<String, Long> journalHeads(ChannelId channel, Instant since) {
      check();
      String prefix = key(channel, "");
      Map<String, Long> heads = new TreeMap<>();
      journals.forEach((k, entries) -> {
        JournalEntry newest = entries.get(entries.size() - 1);
        if (k.startsWith(prefix) && entries.stream().anyMatch(e -> !e.at().isBefore(since))) {
          heads.put(newest.journal(), newest.seq());
        }
      });
      return heads;
    }

    @Override
    public int pruneJournals(ChannelId channel, Instant idleBefore) {
      check();
      String prefix = key(channel, "");
      List<String> idle = journals.entrySet().stream()
          .filter(e -> e.getKey().startsWith(prefix))
          .filter(e -> e.getValue().get(e.getValue().size() - 1).at().isBefore(idleBefore))
          .map(Map.Entry::getKey).toList();
      int records = idle.stream().mapToInt(k -> journals.get(k).size()).sum();
      idle.forEach(k -> remove(journals, k));
      return records;
    }

    @Override
    public List<DeliveryStatusChanged> deliveryStatuses(ChannelId channel, String platformId) {
      check();
      List<DeliveryStatusChanged> result = new ArrayList<>();
      for (EventRecord r : events.values()) {
        if (r.event() instanceof DeliveryStatusChanged s && s.channel().equals(channel)
            && s.platformId().equals(platformId)) {
          result.add(s);
        }
      }
      return result;
    }

    @Override
    public void insertOutboxEntry(OutboxEntry entry) {
      check();
      if (outbox.containsKey(entry.id().value())
          || outboxKeys.containsKey(entry.idempotencyKey())) {
        throw new StoreConflictException("outbox entry " + entry.id() + " or its key exists");
      }
      put(outbox, entry.id().value(), entry);
      put(outboxKeys, entry.idempotencyKey(), entry.id());
    }

    @Override
    public Optional<OutboxEntry> outboxEntry(OutboxId id) {
      check();
      return Optional.ofNullable(outbox.get(id.value()));
    }

    @Override
    public Optional<OutboxEntry> outboxEntryByKey(String idempotencyKey) {
      check();
      return Optional.ofNullable(outboxKeys.get(idempotencyKey)).map(id -> outbox.get(id.value()));
    }

    @Override
    public OutboxEntry updateOutboxEntry(OutboxEntry entry) {
      check();
      OutboxEntry stored = outbox.get(entry.id().value());
      if (stored == null) {
        throw new StoreConflictException("outbox entry " + entry.id() + " is not stored");
      }
      if (stored.version() != entry.version()) {
        throw new StoreConflictException("outbox entry " + entry.id() + " was changed meanwhile");
      }
      if (!stored.idempotencyKey().equals(entry.idempotencyKey())) {
        throw new IllegalArgumentException("an entry's idempotency key does not change");
      }
      OutboxEntry saved = entry.withVersion(entry.version() + 1);
      put(outbox, entry.id().value(), saved);
      return saved;
    }

    @Override
    public List<OutboxEntry> claimableOutboxEntries(ChannelId channel, Instant now, int limit) {
      check();
      List<OutboxEntry> result = new ArrayList<>();
      Set<String> blocked = new java.util.HashSet<>();
      // Entries are kept in id order, which is creation order (time-ordered ids).
      for (OutboxEntry e : outbox.values()) {
        if (!e.channel().equals(channel) || e.state().isTerminal()) {
          continue;
        }
        boolean first = blocked.add(e.orderingKey());
        if (first && e.state() == OutboxState.QUEUED && !e.nextAttemptAt().isAfter(now)) {
          result.add(e);
          if (result.size() >= limit) {
            break;
          }
        }
      }
      return result;
    }

    @Override
    public List<OutboxEntry> outboxEntries(Optional<ChannelId> channel, Set<OutboxState> states,
        int limit) {
      check();
      List<OutboxEntry> result = new ArrayList<>();
      for (OutboxEntry e : outbox.values()) {
        if (result.size() >= limit) {
          break;
        }
        if (states.contains(e.state()) && channel.map(e.channel()::equals).orElse(true)) {
          result.add(e);
        }
      }
      return result;
    }

    @Override
    public Optional<Instant> nextOutboxAttempt(ChannelId channel) {
      check();
      return outbox.values().stream()
          .filter(e -> e.channel().equals(channel) && e.state() == OutboxState.QUEUED)
          .map(OutboxEntry::nextAttemptAt)
          .min(Comparator.naturalOrder());
    }

    @Override
    public boolean tryLease(String name, String owner, Instant now, Duration duration) {
      check();
      Lease held = leases.get(name);
      if (held != null && !held.owner().equals(owner) && held.until().isAfter(now)) {
        return false;
      }
      put(leases, name, new Lease(owner, now.plus(duration)));
      return true;
    }

    @Override
    public void releaseLease(String name, String owner) {
      check();
      Lease held = leases.get(name);
      if (held != null && held.owner().equals(owner)) {
        remove(leases, name);
      }
    }
  }
}
