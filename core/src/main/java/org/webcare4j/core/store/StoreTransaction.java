package org.webcare4j.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.webcare4j.core.channel.JournalEntry;
import org.webcare4j.core.error.StoreConflictException;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.UnreadableItem;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Contact;
import org.webcare4j.core.model.ContactId;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
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

/**
 * The operations of one store transaction. Valid only inside the {@link
 * WebcareStore#inTransaction} call that handed it out.
 */
public interface StoreTransaction {

  // ---- inbound event log ----

  /**
   * Appends an event to the log unless one with the same channel and {@link
   * InboundEvent#dedupeKey()} is there. Where the store is shared, a concurrent transaction
   * appending the same key either waits for this one or fails with a {@link
   * StoreConflictException}; exactly one of them appends.
   *
   * @param event the event
   * @param recordedAt when it is recorded
   * @return its sequence number, or empty when it was already in the log
   */
  OptionalLong appendEvent(InboundEvent event, Instant recordedAt);

  /**
   * Records what an appended event touched.
   *
   * @param sequence the event's sequence number
   * @param conversation the conversation it was filed under, if any
   * @param message the message it created or changed, if any
   */
  void setEventTarget(long sequence, Optional<ConversationId> conversation,
      Optional<MessageId> message);

  /**
   * Lists events not yet marked dispatched, oldest first.
   *
   * @param limit the most to return
   * @return the events
   */
  List<EventRecord> undispatchedEvents(int limit);

  /**
   * Tells whether an event was marked dispatched.
   *
   * @param sequence the event's sequence number
   * @return true once marked; false for an undispatched or unknown event
   */
  boolean isDispatched(long sequence);

  /**
   * Marks an event dispatched to the listeners.
   *
   * @param sequence the event's sequence number
   */
  void markDispatched(long sequence);

  // ---- unreadable items ----

  /**
   * Keeps an item a channel could not read, unless one with the same channel and {@link
   * UnreadableItem#dedupeKey()} is kept already (the platform delivered it again).
   *
   * @param item the item
   * @return true when it was kept now; false when it was there already
   */
  boolean keepUnreadable(UnreadableItem item);

  /**
   * Lists the kept unreadable items, newest first.
   *
   * @param limit the most to return
   * @return the items
   */
  List<UnreadableItem> unreadableItems(int limit);

  // ---- conversations ----

  /**
   * Finds a conversation.
   *
   * @param id its id
   * @return the conversation, if stored
   */
  Optional<Conversation> conversation(ConversationId id);

  /**
   * Finds a conversation by the platform's thread id.
   *
   * @param channel the channel
   * @param platformThreadId the platform's id of the thread
   * @return the conversation, if stored
   */
  Optional<Conversation> conversationByThread(ChannelId channel, String platformThreadId);

  /**
   * Stores a new conversation as given (its version is kept).
   *
   * @param conversation the conversation
   * @throws StoreConflictException when its id or (channel, thread id) is taken
   */
  void insertConversation(Conversation conversation);

  /**
   * Saves a changed conversation if nobody saved it since it was read.
   *
   * @param conversation the changed conversation, with the version it was read at
   * @return the saved conversation, its version increased by one
   * @throws StoreConflictException when the stored version differs
   */
  Conversation updateConversation(Conversation conversation);

  /**
   * Lists conversations matching a query, newest activity first.
   *
   * @param query the criteria and page
   * @return one page
   */
  Page<Conversation> conversations(InboxQuery query);

  // ---- messages ----

  /**
   * Finds a message.
   *
   * @param id its id
   * @return the message, if stored
   */
  Optional<Message> message(MessageId id);

  /**
   * Finds a message by the platform's id.
   *
   * @param channel the channel
   * @param platformId the platform's id
   * @return the message, if stored
   */
  Optional<Message> messageByPlatformId(ChannelId channel, String platformId);

  /**
   * Stores a new message as given; its conversation must be stored.
   *
   * @param message the message
   * @throws StoreConflictException when its id or (channel, platform id) is taken
   */
  void insertMessage(Message message);

  /**
   * Saves a changed message if nobody saved it since it was read.
   *
   * @param message the changed message, with the version it was read at
   * @return the saved message, its version increased by one
   * @throws StoreConflictException when the stored version differs or its platform id is taken
   */
  Message updateMessage(Message message);

  /**
   * Lists a conversation's messages in the order they were written.
   *
   * @param conversation the conversation
   * @return the messages, oldest first
   */
  List<Message> messages(ConversationId conversation);

  /**
   * Stores a new publication.
   *
   * @param publication the publication, version 0
   * @throws org.webcare4j.core.error.StoreConflictException when one with this id exists
   */
  void insertPublication(Publication publication);

  /**
   * Reads a publication.
   *
   * @param id its id
   * @return the publication, if stored
   */
  Optional<Publication> publication(PublicationId id);

  /**
   * Saves a changed publication, only from the version it was read at.
   *
   * @param publication the changed publication, carrying the version it was read at
   * @return the saved publication with its new version
   * @throws org.webcare4j.core.error.StoreConflictException when it changed meanwhile
   */
  Publication updatePublication(Publication publication);

  /**
   * Finds scheduled publications that are due, earliest first, and locks them for this
   * transaction; a concurrent transaction skips them rather than waiting ({@code FOR UPDATE SKIP
   * LOCKED}), so instances sharing the store never take the same one.
   *
   * @param now publications scheduled at or before this time
   * @param limit the most to return
   * @return the claimed publications
   */
  List<Publication> claimDuePublications(Instant now, int limit);

  /**
   * Lists publications in some states, optionally scheduled within a range, by schedule time
   * (unscheduled last), then by creation.
   *
   * @param states the states; empty for all
   * @param from the earliest schedule time, inclusive; when given, unscheduled ones are left out
   * @param to the latest schedule time, exclusive; when given, unscheduled ones are left out
   * @param limit the most to return
   * @return the publications
   */
  List<Publication> publications(Set<PublicationState> states, Optional<Instant> from,
      Optional<Instant> to, int limit);

  /**
   * Appends an entry to a publication's audit trail.
   *
   * @param event the entry
   */
  void appendPublicationEvent(PublicationEvent event);

  /**
   * Reads a publication's audit trail.
   *
   * @param publication the publication
   * @return its entries, in the order they were appended
   */
  List<PublicationEvent> publicationEvents(PublicationId publication);

  /**
   * Reads the crisis pause in force.
   *
   * @return the pause, if one is in force
   */
  Optional<CrisisPause> crisisPause();

  /**
   * Reads the crisis pause in force and locks it until this transaction ends: where the store is
   * shared, a transaction that schedules and one that pauses or releases then run one after the
   * other, never interleaved.
   *
   * @return the pause, if one is in force
   */
  Optional<CrisisPause> lockCrisisPause();

  /**
   * Puts a crisis pause in force, or ends it.
   *
   * @param pause the pause, or empty to end it
   */
  void saveCrisisPause(Optional<CrisisPause> pause);

  /**
   * Lists outbound messages recorded since a moment, across all conversations, for the
   * canned-answer check.
   *
   * @param since the earliest recording time, inclusive
   * @param limit the most to return
   * @return the messages, newest first
   */
  List<Message> recentOutboundMessages(Instant since, int limit);

  // ---- contacts ----

  /**
   * Finds a contact.
   *
   * @param id its id
   * @return the contact, if stored
   */
  Optional<Contact> contact(ContactId id);

  /**
   * Finds the contact a handle belongs to.
   *
   * @param handle the handle
   * @return the contact, if any
   */
  Optional<Contact> contactByHandle(Handle handle);

  /**
   * Stores a new contact or replaces a stored one with the same id.
   *
   * @param contact the contact
   * @throws StoreConflictException when one of its handles belongs to another contact
   */
  void saveContact(Contact contact);

  // ---- cursors ----

  /**
   * Reads a channel's cursor.
   *
   * @param channel the channel
   * @param name the cursor's name
   * @return its value, if saved
   */
  Optional<String> cursor(ChannelId channel, String name);

  /**
   * Saves a channel's cursor.
   *
   * @param channel the channel
   * @param name the cursor's name
   * @param value its new value
   */
  void saveCursor(ChannelId channel, String name, String value);

  // ---- channel journals ----

  /**
   * Appends a record to one of a channel's journals, numbered one after its last (1 for the
   * first); two transactions appending to one journal at once get different numbers.
   *
   * @param channel the channel
   * @param journal the journal's name, at most 200 characters
   * @param at when it was written
   * @param payload the record
   * @return the record's number
   */
  long appendJournal(ChannelId channel, String journal, Instant at, String payload);

  /**
   * Reads a journal's records numbered after a number, in order.
   *
   * @param channel the channel
   * @param journal the journal's name
   * @param after the number to read after; 0 for all
   * @param limit the most records to return
   * @return the records
   */
  List<JournalEntry> journal(ChannelId channel, String journal, long after, int limit);

  /**
   * Tells which of a channel's journals were written to at or after a moment, with the number
   * of each one's newest record: how one instance notices what others wrote.
   *
   * @param channel the channel
   * @param since the moment
   * @return the journals' names and newest numbers
   */
  Map<String, Long> journalHeads(ChannelId channel, Instant since);

  /**
   * Deletes a channel's journals whose newest record was written before a moment.
   *
   * @param channel the channel
   * @param idleBefore the moment
   * @return how many records were deleted
   */
  int pruneJournals(ChannelId channel, Instant idleBefore);

  /**
   * Lists the delivery statuses the log holds for one platform message id, oldest first: status
   * reports can arrive before the send call returned the id, and are applied once it is known.
   *
   * @param channel the channel
   * @param platformId the platform's id of the outbound message
   * @return the logged status events
   */
  List<DeliveryStatusChanged> deliveryStatuses(ChannelId channel, String platformId);

  // ---- outbox ----

  /**
   * Stores a new outbox entry as given.
   *
   * @param entry the entry
   * @throws StoreConflictException when its id or idempotency key is taken
   */
  void insertOutboxEntry(OutboxEntry entry);

  /**
   * Finds an outbox entry.
   *
   * @param id its id
   * @return the entry, if stored
   */
  Optional<OutboxEntry> outboxEntry(OutboxId id);

  /**
   * Finds an outbox entry by idempotency key.
   *
   * @param idempotencyKey the key
   * @return the entry, if stored
   */
  Optional<OutboxEntry> outboxEntryByKey(String idempotencyKey);

  /**
   * Saves a changed outbox entry if nobody saved it since it was read.
   *
   * @param entry the changed entry, with the version it was read at
   * @return the saved entry, its version increased by one
   * @throws StoreConflictException when the stored version differs
   */
  OutboxEntry updateOutboxEntry(OutboxEntry entry);

  /**
   * Finds queued entries of a channel that are due, oldest first, leaving out any entry that has
   * an older entry with the same ordering key still queued or sending, so that one thread's
   * messages go out in order. The rows are locked for this transaction; a concurrent transaction
   * skips them rather than waiting ({@code FOR UPDATE SKIP LOCKED}).
   *
   * @param channel the channel
   * @param now entries due at or before this time
   * @param limit the most to return
   * @return the claimable entries
   */
  List<OutboxEntry> claimableOutboxEntries(ChannelId channel, Instant now, int limit);

  /**
   * Lists entries of a channel (or of all channels) in some states, oldest first.
   *
   * @param channel the channel, or empty for all
   * @param states the states
   * @param limit the most to return
   * @return the entries
   */
  List<OutboxEntry> outboxEntries(Optional<ChannelId> channel, Set<OutboxState> states, int limit);

  /**
   * Returns when the next queued entry of a channel becomes due.
   *
   * @param channel the channel
   * @return the earliest next-attempt time of its queued entries, if any
   */
  Optional<Instant> nextOutboxAttempt(ChannelId channel);

  // ---- leases ----

  /**
   * Takes or renews a named lease: succeeds when nobody holds it, the holder is this owner, or the
   * holder's lease expired. Where the store is shared, at most one owner holds a lease at a time.
   *
   * @param name the lease's name, such as {@code outbox:whatsapp-main}
   * @param owner the instance asking
   * @param now the current time
   * @param duration how long the lease lasts from now
   * @return true when this owner holds the lease until {@code now + duration}
   */
  boolean tryLease(String name, String owner, Instant now, Duration duration);

  /**
   * Gives up a lease if this owner holds it.
   *
   * @param name the lease's name
   * @param owner the instance giving it up
   */
  void releaseLease(String name, String owner);
}
