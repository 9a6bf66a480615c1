package org.webcare4j.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.webcare4j.core.error.NotFoundException;
import org.webcare4j.core.error.StoreConflictException;
import org.webcare4j.core.model.Conversation;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.ConversationState;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.Page;
import org.webcare4j.core.store.WebcareStore;

/**
 * The team's view of all conversations on all channels: list, read, assign, label, resolve.
 *
 * <p>Changes are safe under concurrency: each one reads the newest version and retries when a
 * colleague or an inbound message changed the conversation meanwhile.
 */
public final class Inbox {
  private static final int MAX_ATTEMPTS = 5;

  private final WebcareStore store;

  Inbox(WebcareStore store) {
    this.store = store;
  }

  /**
   * Lists conversations, newest activity first.
   *
   * @param query the criteria and page
   * @return one page; pass its {@link Page#nextCursor()} to {@link InboxQuery#after} for the next
   */
  public Page<Conversation> query(InboxQuery query) {
    Objects.requireNonNull(query, "query");
    return store.inTransaction(tx -> tx.conversations(query));
  }

  /**
   * Reads one conversation.
   *
   * @param id the conversation's id
   * @return the conversation, if stored
   */
  public Optional<Conversation> conversation(ConversationId id) {
    Objects.requireNonNull(id, "id");
    return store.inTransaction(tx -> tx.conversation(id));
  }

  /**
   * Reads a conversation's messages, oldest first.
   *
   * @param id the conversation's id
   * @return the messages
   * @throws NotFoundException when no such conversation is stored
   */
  public List<Message> messages(ConversationId id) {
    Objects.requireNonNull(id, "id");
    return store.inTransaction(tx -> {
      if (tx.conversation(id).isEmpty()) {
        throw new NotFoundException("conversation", id.value());
      }
      return tx.messages(id);
    });
  }

  /**
   * Assigns a conversation to an agent.
   *
   * @param id the conversation's id
   * @param agent the agent's user id
   * @return the saved conversation
   * @throws NotFoundException when no such conversation is stored
   */
  public Conversation assign(ConversationId id, String agent) {
    Objects.requireNonNull(agent, "agent");
    return change(id, c -> c.toBuilder().assignee(agent).build());
  }

  /**
   * Removes a conversation's assignee.
   *
   * @param id the conversation's id
   * @return the saved conversation
   * @throws NotFoundException when no such conversation is stored
   */
  public Conversation unassign(ConversationId id) {
    return change(id, c -> c.toBuilder().unassigned().build());
  }

  /**
   * Adds a label to a conversation.
   *
   * @param id the conversation's id
   * @param label the label
   * @return the saved conversation
   * @throws NotFoundException when no such conversation is stored
   */
  public Conversation addLabel(ConversationId id, String label) {
    Objects.requireNonNull(label, "label");
    return change(id, c -> c.toBuilder().label(label).build());
  }

  /**
   * Removes a label from a conversation.
   *
   * @param id the conversation's id
   * @param label the label
   * @return the saved conversation
   * @throws NotFoundException when no such conversation is stored
   */
  public Conversation removeLabel(ConversationId id, String label) {
    Objects.requireNonNull(label, "label");
    return change(id, c -> c.toBuilder().removeLabel(label).build());
  }

  /**
   * Sets a conversation's state: resolve, park as pending, or reopen.
   *
   * @param id the conversation's id
   * @param state the new state
   * @return the saved conversation
   * @throws NotFoundException when no such conversation is stored
   */
  public Conversation setState(ConversationId id, ConversationState state) {
    Objects.requireNonNull(state, "state");
    return change(id, c -> c.toBuilder().state(state).build());
  }

  private Conversation change(ConversationId id, UnaryOperator<Conversation> change) {
    Objects.requireNonNull(id, "id");
    for (int attempt = 1; ; attempt++) {
      try {
        return store.inTransaction(tx -> {
          Conversation current = tx.conversation(id)
              .orElseThrow(() -> new NotFoundException("conversation", id.value()));
          Conversation changed = change.apply(current);
          return changed.equals(current) ? current : tx.updateConversation(changed);
        });
      } catch (StoreConflictException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
