package org.webcare4j.core.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.webcare4j.core.channel.JournalEntry;
import org.webcare4j.core.error.StoreConflictException;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.UnreadableItem;
import org.webcare4j.core.internal.InboxCursor;
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
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Message;
import org.webcare4j.core.model.MessageFlag;
import org.webcare4j.core.model.MessageId;
import org.webcare4j.core.model.Page;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.model.Publication;
import org.webcare4j.core.model.PublicationId;
import org.webcare4j.core.model.PublicationState;
import org.webcare4j.core.model.ReplyWindow;
import org.webcare4j.core.model.Visibility;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxId;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.publish.CrisisPause;
import org.webcare4j.core.publish.PublicationAction;
import org.webcare4j.core.publish.PublicationEvent;
import org.webcare4j.core.store.StoreTransaction;

/** One JDBC transaction: the store SPI in SQL on one connection. */
final class JdbcTransaction implements StoreTransaction {
  static final String UNIQUE_VIOLATION = "23505";

  private final Connection c;
  private final Dialect dialect;
  private final JsonCodec json;
  private boolean open = true;

  JdbcTransaction(Connection connection, Dialect dialect, JsonCodec json) {
    this.c = connection;
    this.dialect = dialect;
    this.json = json;
  }

  void end() {
    open = false;
  }

  private void check() {
    if (!open) {
      throw new IllegalStateException("the transaction has ended");
    }
  }

  // ---- small helpers ----

  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  private <T> T sql(String what, SqlWork<T> work) {
    check();
    try {
      return work.run();
    } catch (SQLException e) {
      throw JdbcStore.translate(what, e);
    }
  }

  /** Runs an insert that may hit a unique key; returns false, with nothing changed, if it did. */
  private boolean insertUnlessTaken(String sql, Binder binder) throws SQLException {
    Savepoint savepoint = c.setSavepoint();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      binder.bind(p);
      p.executeUpdate();
      c.releaseSavepoint(savepoint);
      return true;
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        c.rollback(savepoint);
        return false;
      }
      throw e;
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  private int update(String sql, Binder binder) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      binder.bind(p);
      return p.executeUpdate();
    }
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet r) throws SQLException;
  }

  private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      binder.bind(p);
      try (ResultSet r = p.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (r.next()) {
          rows.add(mapper.map(r));
        }
        return rows;
      }
    }
  }

  private <T> Optional<T> one(String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
    List<T> rows = query(sql, binder, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  static long nanos(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }

  private static Optional<Instant> instant(ResultSet r, String column) throws SQLException {
    long v = r.getLong(column);
    return r.wasNull() ? Optional.empty() : Optional.of(instant(v));
  }

  private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
    long v = r.getLong(column);
    return r.wasNull() ? Optional.empty() : Optional.of(instant(v));
  }

  private static void setNullable(PreparedStatement p, int i, Optional<?> value, int type)
      throws SQLException {
    if (value.isPresent()) {
      Object v = value.get();
      if (v instanceof Instant at) {
        p.setLong(i, nanos(at));
      } else {
        p.setString(i, v.toString());
      }
    } else {
      p.setNull(i, type);
    }
  }

  // ---- inbound event log ----

  @Override
  public OptionalLong appendEvent(InboundEvent event, Instant recordedAt) {
    return sql("append an event", () -> {
      Savepoint savepoint = c.setSavepoint();
      try (PreparedStatement p = c.prepareStatement("INSERT INTO wc_inbound_event (channel,"
              + " dedupe_key, event_type, payload, status_platform_id, recorded_at, dispatched)"
              + " VALUES (?, ?, ?, ?, ?, ?, FALSE)", Statement.RETURN_GENERATED_KEYS)) {
        p.setString(1, event.channel().value());
        p.setString(2, event.dedupeKey());
        p.setString(3, event.getClass().getSimpleName());
        p.setString(4, json.event(event));
        if (event instanceof DeliveryStatusChanged s) {
          p.setString(5, s.platformId());
        } else {
          p.setNull(5, Types.VARCHAR);
        }
        p.setLong(6, nanos(recordedAt));
        p.executeUpdate();
        try (ResultSet keys = p.getGeneratedKeys()) {
          keys.next();
          long seq = keys.getLong(1);
          c.releaseSavepoint(savepoint);
          return OptionalLong.of(seq);
        }
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          c.rollback(savepoint);
          return OptionalLong.empty();
        }
        throw e;
      }
    });
  }

  // ---- unreadable items ----

  @Override
  public boolean keepUnreadable(UnreadableItem item) {
    return sql("keep an unreadable item", () -> insertUnlessTaken(
        "INSERT INTO wc_unreadable_item (channel, dedupe_key, location, reason, payload,"
            + " received_at) VALUES (?, ?, ?, ?, ?, ?)", p -> {
          p.setString(1, item.channel().value());
          p.setString(2, item.dedupeKey());
          p.setString(3, item.location());
          p.setString(4, item.reason());
          p.setString(5, item.json());
          p.setLong(6, nanos(item.receivedAt()));
        }));
  }

  @Override
  public List<UnreadableItem> unreadableItems(int limit) {
    return sql("list unreadable items", () -> query(
        "SELECT channel, location, reason, payload, received_at FROM wc_unreadable_item"
            + " ORDER BY seq DESC LIMIT ?",
        p -> p.setInt(1, limit),
        r -> new UnreadableItem(ChannelId.of(r.getString("channel")), r.getString("location"),
            r.getString("reason"), r.getString("payload"), instant(r.getLong("received_at")))));
  }

  @Override
  public void setEventTarget(long sequence, Optional<ConversationId> conversation,
      Optional<MessageId> message) {
    sql("record an event's target", () -> update(
        "UPDATE wc_inbound_event SET conversation_id = ?, message_id = ? WHERE seq = ?", p -> {
          setNullable(p, 1, conversation, Types.VARCHAR);
          setNullable(p, 2, message, Types.VARCHAR);
          p.setLong(3, sequence);
        }));
  }

  @Override
  public List<EventRecord> undispatchedEvents(int limit) {
    return sql("list undispatched events", () -> query(
        "SELECT seq, payload, conversation_id, message_id, recorded_at FROM wc_inbound_event"
            + " WHERE dispatched = FALSE ORDER BY seq LIMIT ?",
        p -> p.setInt(1, limit),
        r -> new EventRecord(r.getLong("seq"), json.event(r.getString("payload")),
            Optional.ofNullable(r.getString("conversation_id")).map(ConversationId::of),
            Optional.ofNullable(r.getString("message_id")).map(MessageId::of),
            instant(r.getLong("recorded_at")))));
  }

  @Override
  public boolean isDispatched(long sequence) {
    return sql("read an event's dispatch", () -> one(
        "SELECT dispatched FROM wc_inbound_event WHERE seq = ?", p -> p.setLong(1, sequence),
        r -> r.getBoolean(1)).orElse(false));
  }

  @Override
  public void markDispatched(long sequence) {
    sql("mark an event dispatched", () -> update(
        "UPDATE wc_inbound_event SET dispatched = TRUE WHERE seq = ?",
        p -> p.setLong(1, sequence)));
  }

  @Override
  public List<DeliveryStatusChanged> deliveryStatuses(ChannelId channel, String platformId) {
    return sql("read delivery statuses", () -> query(
        "SELECT payload FROM wc_inbound_event WHERE channel = ? AND status_platform_id = ?"
            + " ORDER BY seq",
        p -> {
          p.setString(1, channel.value());
          p.setString(2, platformId);
        },
        r -> (DeliveryStatusChanged) json.event(r.getString("payload"))));
  }

  // ---- conversations ----

  private static final String CONVERSATION_COLUMNS = "id, channel, platform_thread_id,"
      + " visibility, state, contact_id, participants, assignee, subject, reply_window_closes_at,"
      + " moved_to, moved_from, created_at, last_activity_at, last_inbound_at, version";

  private Conversation conversationRow(ResultSet r) throws SQLException {
    Conversation.Builder b = Conversation.builder(ConversationId.of(r.getString("id")),
            ChannelId.of(r.getString("channel")), r.getString("platform_thread_id"),
            Visibility.valueOf(r.getString("visibility")), instant(r.getLong("created_at")))
        .state(ConversationState.valueOf(r.getString("state")))
        .lastActivityAt(instant(r.getLong("last_activity_at")))
        .version(r.getLong("version"));
    Optional.ofNullable(r.getString("contact_id")).map(ContactId::of).ifPresent(b::contact);
    json.participants(r.getString("participants")).forEach(b::participant);
    Optional.ofNullable(r.getString("assignee")).ifPresent(b::assignee);
    Optional.ofNullable(r.getString("subject")).ifPresent(b::subject);
    long window = r.getLong("reply_window_closes_at");
    if (!r.wasNull()) {
      b.replyWindow(ReplyWindow.closingAt(instant(window)));
    }
    Optional.ofNullable(r.getString("moved_to")).map(ConversationId::of).ifPresent(b::movedTo);
    Optional.ofNullable(r.getString("moved_from")).map(ConversationId::of)
        .ifPresent(b::movedFrom);
    instant(r, "last_inbound_at").ifPresent(b::lastInboundAt);
    b.flags(flags(r.getString("flags")));
    return b.build();
  }

  private Map<String, Set<String>> labels(List<String> conversationIds) throws SQLException {
    Map<String, Set<String>> labels = new HashMap<>();
    if (conversationIds.isEmpty()) {
      return labels;
    }
    String marks = conversationIds.stream().map(x -> "?").collect(Collectors.joining(", "));
    query("SELECT conversation_id, label FROM wc_conversation_label WHERE conversation_id IN ("
        + marks + ")", p -> {
          for (int i = 0; i < conversationIds.size(); i++) {
            p.setString(i + 1, conversationIds.get(i));
          }
        }, r -> labels.computeIfAbsent(r.getString(1), k -> new TreeSet<>())
            .add(r.getString(2)));
    return labels;
  }

  private List<Conversation> conversations(String where, Binder binder) throws SQLException {
    List<Conversation> rows = query("SELECT " + CONVERSATION_COLUMNS + ", flags"
        + " FROM wc_conversation c "
        + where, binder, this::conversationRow);
    Map<String, Set<String>> labels = labels(rows.stream().map(r -> r.id().value()).toList());
    List<Conversation> result = new ArrayList<>(rows.size());
    for (Conversation conv : rows) {
      Set<String> own = labels.getOrDefault(conv.id().value(), Set.of());
      if (own.isEmpty()) {
        result.add(conv);
      } else {
        Conversation.Builder b = conv.toBuilder();
        own.forEach(b::label);
        result.add(b.build());
      }
    }
    return result;
  }

  @Override
  public Optional<Conversation> conversation(ConversationId id) {
    return sql("read a conversation", () -> conversations("WHERE c.id = ?",
        p -> p.setString(1, id.value())).stream().findFirst());
  }

  @Override
  public Optional<Conversation> conversationByThread(ChannelId channel, String threadId) {
    return sql("read a conversation", () -> conversations(
        "WHERE c.channel = ? AND c.platform_thread_id = ?", p -> {
          p.setString(1, channel.value());
          p.setString(2, threadId);
        }).stream().findFirst());
  }

  private static String names(Conversation conv) {
    return conv.participants().stream().map(p -> p.displayName().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining("\n"));
  }

  @Override
  public void insertConversation(Conversation conv) {
    sql("store a conversation", () -> {
      update("INSERT INTO wc_conversation (" + CONVERSATION_COLUMNS + ", participant_names)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p -> {
            p.setString(1, conv.id().value());
            p.setString(2, conv.channel().value());
            p.setString(3, conv.platformThreadId());
            bindConversation(p, conv, 4);
            p.setLong(16, conv.version());
            p.setString(17, names(conv));
          });
      writeLabels(conv);
      return null;
    });
  }

  /** Binds the mutable columns, from visibility to last_inbound_at, starting at {@code i}. */
  private void bindConversation(PreparedStatement p, Conversation conv, int i)
      throws SQLException {
    p.setString(i, conv.visibility().name());
    p.setString(i + 1, conv.state().name());
    setNullable(p, i + 2, conv.contact(), Types.VARCHAR);
    p.setString(i + 3, json.participants(conv.participants()));
    setNullable(p, i + 4, conv.assignee(), Types.VARCHAR);
    setNullable(p, i + 5, conv.subject(), Types.VARCHAR);
    setNullable(p, i + 6, conv.replyWindow().closesAt(), Types.BIGINT);
    setNullable(p, i + 7, conv.movedTo(), Types.VARCHAR);
    setNullable(p, i + 8, conv.movedFrom(), Types.VARCHAR);
    p.setLong(i + 9, nanos(conv.createdAt()));
    p.setLong(i + 10, nanos(conv.lastActivityAt()));
    setNullable(p, i + 11, conv.lastInboundAt(), Types.BIGINT);
  }

  private static Set<MessageFlag> flags(String column) {
    Set<MessageFlag> flags = EnumSet.noneOf(MessageFlag.class);
    if (column != null) {
      for (String f : column.split(",")) {
        if (!f.isBlank()) {
          flags.add(MessageFlag.valueOf(f.strip()));
        }
      }
    }
    return flags;
  }

  private static String flags(Set<MessageFlag> flags) {
    return flags.isEmpty() ? null
        : flags.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  private void writeLabels(Conversation conv) throws SQLException {
    update("UPDATE wc_conversation SET flags = ? WHERE id = ?", p -> {
      p.setString(1, flags(conv.flags()));
      p.setString(2, conv.id().value());
    });
    update("DELETE FROM wc_conversation_label WHERE conversation_id = ?",
        p -> p.setString(1, conv.id().value()));
    for (String label : conv.labels()) {
      update("INSERT INTO wc_conversation_label (conversation_id, label) VALUES (?, ?)", p -> {
        p.setString(1, conv.id().value());
        p.setString(2, label);
      });
    }
  }

  @Override
  public Conversation updateConversation(Conversation conv) {
    return sql("save a conversation", () -> {
      int rows = update("UPDATE wc_conversation SET visibility = ?, state = ?, contact_id = ?,"
          + " participants = ?, assignee = ?, subject = ?, reply_window_closes_at = ?,"
          + " moved_to = ?, moved_from = ?, created_at = ?, last_activity_at = ?,"
          + " last_inbound_at = ?, participant_names = ?, version = version + 1"
          + " WHERE id = ? AND version = ? AND channel = ? AND platform_thread_id = ?", p -> {
            bindConversation(p, conv, 1);
            p.setString(13, names(conv));
            p.setString(14, conv.id().value());
            p.setLong(15, conv.version());
            p.setString(16, conv.channel().value());
            p.setString(17, conv.platformThreadId());
          });
      if (rows == 0) {
        throw new StoreConflictException("conversation " + conv.id()
            + " was changed meanwhile or is not stored");
      }
      writeLabels(conv);
      return conv.toBuilder().version(conv.version() + 1).build();
    });
  }

  private static String like(String text) {
    return "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
        .replace("_", "\\_") + "%";
  }

  @Override
  public Page<Conversation> conversations(InboxQuery q) {
    Optional<InboxCursor> after = q.cursor().map(InboxCursor::decode);
    StringBuilder where = new StringBuilder("WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (!q.channels().isEmpty()) {
      where.append(" AND c.channel IN (").append(marks(q.channels().size())).append(")");
      q.channels().stream().map(ChannelId::value).sorted().forEach(args::add);
    }
    if (!q.states().isEmpty()) {
      where.append(" AND c.state IN (").append(marks(q.states().size())).append(")");
      q.states().stream().map(Enum::name).sorted().forEach(args::add);
    }
    q.visibility().ifPresent(v -> {
      where.append(" AND c.visibility = ?");
      args.add(v.name());
    });
    q.assignee().ifPresent(a -> {
      where.append(" AND c.assignee = ?");
      args.add(a);
    });
    if (q.unassigned()) {
      where.append(" AND c.assignee IS NULL");
    }
    q.label().ifPresent(l -> {
      where.append(" AND EXISTS (SELECT 1 FROM wc_conversation_label l"
          + " WHERE l.conversation_id = c.id AND l.label = ?)");
      args.add(l);
    });
    q.flag().ifPresent(f -> {
      where.append(" AND c.flags LIKE ?");
      args.add("%" + f.name() + "%");
    });
    q.text().ifPresent(t -> {
      where.append(" AND (LOWER(COALESCE(c.subject, '')) LIKE ? ESCAPE '\\'"
          + " OR c.participant_names LIKE ? ESCAPE '\\'"
          + " OR EXISTS (SELECT 1 FROM wc_message m WHERE m.conversation_id = c.id"
          + " AND LOWER(m.body) LIKE ? ESCAPE '\\'))");
      args.add(like(t));
      args.add(like(t));
      args.add(like(t));
    });
    after.ifPresent(a -> {
      where.append(" AND (c.last_activity_at < ? OR (c.last_activity_at = ? AND c.id < ?))");
      args.add(nanos(a.lastActivityAt()));
      args.add(nanos(a.lastActivityAt()));
      args.add(a.id().value());
    });
    where.append(" ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?");
    args.add(q.limit() + 1);
    return sql("query conversations", () -> {
      List<Conversation> rows = conversations(where.toString(), p -> {
        for (int i = 0; i < args.size(); i++) {
          Object a = args.get(i);
          if (a instanceof Long l) {
            p.setLong(i + 1, l);
          } else if (a instanceof Integer n) {
            p.setInt(i + 1, n);
          } else {
            p.setString(i + 1, (String) a);
          }
        }
      });
      if (rows.size() <= q.limit()) {
        return new Page<>(rows, Optional.empty());
      }
      List<Conversation> page = rows.subList(0, q.limit());
      Conversation last = page.get(page.size() - 1);
      return new Page<>(page,
          Optional.of(new InboxCursor(last.lastActivityAt(), last.id()).encode()));
    });
  }

  private static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  // ---- messages ----

  private static final String MESSAGE_COLUMNS = "id, conversation_id, channel, direction,"
      + " author, body, attachments, platform_id, in_reply_to, sent_at, recorded_at, status,"
      + " failure_code, failure_reason, hidden, deleted, edited_at, flags, tone_override,"
      + " version";

  private Message messageRow(ResultSet r) throws SQLException {
    Message.Builder b = Message.builder(MessageId.of(r.getString("id")),
            ConversationId.of(r.getString("conversation_id")),
            ChannelId.of(r.getString("channel")), Direction.valueOf(r.getString("direction")),
            json.participant(r.getString("author")), instant(r.getLong("sent_at")))
        .text(r.getString("body"))
        .attachments(json.attachments(r.getString("attachments")))
        .recordedAt(instant(r.getLong("recorded_at")))
        .hidden(r.getBoolean("hidden"))
        .deleted(r.getBoolean("deleted"))
        .version(r.getLong("version"));
    Optional.ofNullable(r.getString("platform_id")).ifPresent(b::platformId);
    Optional.ofNullable(r.getString("in_reply_to")).ifPresent(b::inReplyTo);
    DeliveryStatus status = DeliveryStatus.valueOf(r.getString("status"));
    if (status == DeliveryStatus.FAILED) {
      b.failed(new DeliveryFailure(r.getString("failure_code"), r.getString("failure_reason")));
    } else {
      b.status(status);
    }
    instant(r, "edited_at").ifPresent(b::editedAt);
    b.flags(flags(r.getString("flags")));
    Optional.ofNullable(r.getString("tone_override")).map(json::toneOverride)
        .ifPresent(b::toneOverride);
    return b.build();
  }

  private void bindMessage(PreparedStatement p, Message m) throws SQLException {
    p.setString(1, m.conversation().value());
    p.setString(2, m.channel().value());
    p.setString(3, m.direction().name());
    p.setString(4, json.participant(m.author()));
    p.setString(5, m.text());
    p.setString(6, json.attachments(m.attachments()));
    setNullable(p, 7, m.platformId(), Types.VARCHAR);
    setNullable(p, 8, m.inReplyTo(), Types.VARCHAR);
    p.setLong(9, nanos(m.sentAt()));
    p.setLong(10, nanos(m.recordedAt()));
    p.setString(11, m.status().name());
    setNullable(p, 12, m.failure().map(DeliveryFailure::code), Types.VARCHAR);
    setNullable(p, 13, m.failure().map(DeliveryFailure::reason), Types.VARCHAR);
    p.setBoolean(14, m.hidden());
    p.setBoolean(15, m.deleted());
    setNullable(p, 16, m.editedAt(), Types.BIGINT);
    p.setString(17, flags(m.flags()));
    p.setString(18, m.toneOverride().map(json::toneOverride).orElse(null));
  }

  @Override
  public Optional<Message> message(MessageId id) {
    return sql("read a message", () -> one("SELECT " + MESSAGE_COLUMNS
        + " FROM wc_message WHERE id = ?", p -> p.setString(1, id.value()), this::messageRow));
  }

  @Override
  public Optional<Message> messageByPlatformId(ChannelId channel, String platformId) {
    return sql("read a message", () -> one("SELECT " + MESSAGE_COLUMNS
        + " FROM wc_message WHERE channel = ? AND platform_id = ?", p -> {
          p.setString(1, channel.value());
          p.setString(2, platformId);
        }, this::messageRow));
  }

  @Override
  public void insertMessage(Message m) {
    sql("store a message", () -> update("INSERT INTO wc_message (conversation_id, channel,"
        + " direction, author, body, attachments, platform_id, in_reply_to, sent_at, recorded_at,"
        + " status, failure_code, failure_reason, hidden, deleted, edited_at, flags,"
        + " tone_override, id, version)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p -> {
          bindMessage(p, m);
          p.setString(19, m.id().value());
          p.setLong(20, m.version());
        }));
  }

  @Override
  public Message updateMessage(Message m) {
    return sql("save a message", () -> {
      Optional<Message> stored = message(m.id());
      if (stored.isEmpty() || stored.get().version() != m.version()) {
        throw new StoreConflictException("message " + m.id()
            + " was changed meanwhile or is not stored");
      }
      if (stored.get().platformId().isPresent()
          && !stored.get().platformId().equals(m.platformId())) {
        throw new IllegalArgumentException("a message's platform id does not change once set");
      }
      int rows = update("UPDATE wc_message SET conversation_id = ?, channel = ?, direction = ?,"
          + " author = ?, body = ?, attachments = ?, platform_id = ?, in_reply_to = ?,"
          + " sent_at = ?, recorded_at = ?, status = ?, failure_code = ?, failure_reason = ?,"
          + " hidden = ?, deleted = ?, edited_at = ?, flags = ?, tone_override = ?,"
          + " version = version + 1"
          + " WHERE id = ? AND version = ? AND conversation_id = ? AND channel = ?", p -> {
            bindMessage(p, m);
            p.setString(19, m.id().value());
            p.setLong(20, m.version());
            p.setString(21, m.conversation().value());
            p.setString(22, m.channel().value());
          });
      if (rows == 0) {
        throw new StoreConflictException("message " + m.id()
            + " was changed meanwhile or is not stored");
      }
      return m.toBuilder().version(m.version() + 1).build();
    });
  }

  @Override
  public List<Message> messages(ConversationId conversation) {
    return sql("read messages", () -> query("SELECT " + MESSAGE_COLUMNS + " FROM wc_message"
        + " WHERE conversation_id = ? ORDER BY sent_at, recorded_at, id",
        p -> p.setString(1, conversation.value()), this::messageRow));
  }

  // ---- publications ----

  private void bindPublication(PreparedStatement p, Publication pub, int i) throws SQLException {
    p.setString(i, json.publication(pub));
    p.setString(i + 1, pub.state().name());
    setNullable(p, i + 2, pub.scheduledFor().map(z -> z.toInstant()), Types.BIGINT);
  }

  @Override
  public void insertPublication(Publication pub) {
    sql("store a publication", () -> update("INSERT INTO wc_publication (body, state,"
        + " scheduled_at, id, created_at, version) VALUES (?, ?, ?, ?, ?, ?)", p -> {
          bindPublication(p, pub, 1);
          p.setString(4, pub.id().value());
          p.setLong(5, nanos(pub.createdAt()));
          p.setLong(6, pub.version());
        }));
  }

  @Override
  public Optional<Publication> publication(PublicationId id) {
    return sql("read a publication", () -> one("SELECT body, version FROM wc_publication"
        + " WHERE id = ?", p -> p.setString(1, id.value()),
        r -> json.publication(r.getString(1)).withVersion(r.getLong(2))));
  }

  @Override
  public Publication updatePublication(Publication pub) {
    return sql("save a publication", () -> {
      int rows = update("UPDATE wc_publication SET body = ?, state = ?, scheduled_at = ?,"
          + " version = version + 1 WHERE id = ? AND version = ?", p -> {
            bindPublication(p, pub, 1);
            p.setString(4, pub.id().value());
            p.setLong(5, pub.version());
          });
      if (rows == 0) {
        throw new StoreConflictException("publication " + pub.id()
            + " was changed meanwhile or is not stored");
      }
      return pub.withVersion(pub.version() + 1);
    });
  }

  private static final String PUBLICATION_ORDER =
      " ORDER BY CASE WHEN scheduled_at IS NULL THEN 1 ELSE 0 END, scheduled_at, created_at, id";

  @Override
  public List<Publication> claimDuePublications(Instant now, int limit) {
    return sql("claim due publications", () -> query("SELECT body, version FROM wc_publication"
        + " WHERE state = 'SCHEDULED' AND scheduled_at <= ? ORDER BY scheduled_at, id LIMIT ?"
        + dialect.skipLocked, p -> {
          p.setLong(1, nanos(now));
          p.setInt(2, limit);
        }, r -> json.publication(r.getString(1)).withVersion(r.getLong(2))));
  }

  @Override
  public List<Publication> publications(Set<PublicationState> states, Optional<Instant> from,
      Optional<Instant> to, int limit) {
    List<String> names = states.stream().map(Enum::name).sorted().toList();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (!names.isEmpty()) {
      where.append(" AND state IN (").append(marks(names.size())).append(')');
    }
    from.ifPresent(f -> where.append(" AND scheduled_at >= ?"));
    to.ifPresent(t -> where.append(" AND scheduled_at < ?"));
    return sql("list publications", () -> query("SELECT body, version FROM wc_publication"
        + where + PUBLICATION_ORDER + " LIMIT ?", p -> {
          int i = 1;
          for (String n : names) {
            p.setString(i++, n);
          }
          if (from.isPresent()) {
            p.setLong(i++, nanos(from.get()));
          }
          if (to.isPresent()) {
            p.setLong(i++, nanos(to.get()));
          }
          p.setInt(i, limit);
        }, r -> json.publication(r.getString(1)).withVersion(r.getLong(2))));
  }

  @Override
  public void appendPublicationEvent(PublicationEvent e) {
    sql("append to a publication's trail", () -> update("INSERT INTO wc_publication_event"
        + " (publication_id, occurred_at, actor, action, from_state, to_state, channel, detail)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", p -> {
          p.setString(1, e.publication().value());
          p.setLong(2, nanos(e.at()));
          p.setString(3, e.actor());
          p.setString(4, e.action().name());
          p.setString(5, e.from().name());
          p.setString(6, e.to().name());
          setNullable(p, 7, e.channel().map(ChannelId::value), Types.VARCHAR);
          setNullable(p, 8, e.detail(), Types.VARCHAR);
        }));
  }

  @Override
  public List<PublicationEvent> publicationEvents(PublicationId id) {
    return sql("read a publication's trail", () -> query("SELECT occurred_at, actor, action,"
        + " from_state, to_state, channel, detail FROM wc_publication_event"
        + " WHERE publication_id = ? ORDER BY seq", p -> p.setString(1, id.value()),
        r -> new PublicationEvent(id, instant(r.getLong(1)), r.getString(2),
            PublicationAction.valueOf(r.getString(3)), PublicationState.valueOf(r.getString(4)),
            PublicationState.valueOf(r.getString(5)),
            Optional.ofNullable(r.getString(6)).map(ChannelId::of),
            Optional.ofNullable(r.getString(7)))));
  }

  private Optional<CrisisPause> crisisPause(String lock) {
    return sql("read the crisis pause", () -> one("SELECT active, reason, paused_by, paused_at"
        + " FROM wc_crisis_pause WHERE id = 1" + lock, p -> { }, r -> r.getBoolean(1)
            ? Optional.of(new CrisisPause(r.getString(2), r.getString(3), instant(r.getLong(4))))
            : Optional.<CrisisPause>empty())).flatMap(x -> x);
  }

  @Override
  public Optional<CrisisPause> crisisPause() {
    return crisisPause("");
  }

  @Override
  public Optional<CrisisPause> lockCrisisPause() {
    return crisisPause(" FOR UPDATE");
  }

  @Override
  public void saveCrisisPause(Optional<CrisisPause> pause) {
    sql("save the crisis pause", () -> update("UPDATE wc_crisis_pause SET active = ?, reason = ?,"
        + " paused_by = ?, paused_at = ? WHERE id = 1", p -> {
          p.setBoolean(1, pause.isPresent());
          setNullable(p, 2, pause.map(CrisisPause::reason), Types.VARCHAR);
          setNullable(p, 3, pause.map(CrisisPause::by), Types.VARCHAR);
          setNullable(p, 4, pause.map(CrisisPause::at), Types.BIGINT);
        }));
  }

  @Override
  public List<Message> recentOutboundMessages(Instant since, int limit) {
    return sql("read recent replies", () -> query("SELECT " + MESSAGE_COLUMNS + " FROM wc_message"
        + " WHERE direction = 'OUTBOUND' AND recorded_at >= ?"
        + " ORDER BY recorded_at DESC, id LIMIT ?", p -> {
          p.setLong(1, nanos(since));
          p.setInt(2, limit);
        }, this::messageRow));
  }

  // ---- contacts ----

  private Optional<Contact> contactWhere(String where, Binder binder) throws SQLException {
    Optional<String[]> row = one("SELECT id, display_name FROM wc_contact " + where, binder,
        r -> new String[] {r.getString(1), r.getString(2)});
    if (row.isEmpty()) {
      return Optional.empty();
    }
    String id = row.get()[0];
    Set<Handle> handles = new HashSet<>(query(
        "SELECT channel, handle FROM wc_contact_handle WHERE contact_id = ?",
        p -> p.setString(1, id), r -> new Handle(ChannelId.of(r.getString(1)), r.getString(2))));
    return Optional.of(new Contact(ContactId.of(id), row.get()[1], handles));
  }

  @Override
  public Optional<Contact> contact(ContactId id) {
    return sql("read a contact", () -> contactWhere("WHERE id = ?",
        p -> p.setString(1, id.value())));
  }

  @Override
  public Optional<Contact> contactByHandle(Handle handle) {
    return sql("read a contact", () -> contactWhere("WHERE id = (SELECT contact_id FROM"
        + " wc_contact_handle WHERE channel = ? AND handle = ?)", p -> {
          p.setString(1, handle.channel().value());
          p.setString(2, handle.value());
        }));
  }

  @Override
  public void saveContact(Contact contact) {
    sql("save a contact", () -> {
      for (Handle h : contact.handles()) {
        Optional<String> owner = one("SELECT contact_id FROM wc_contact_handle"
            + " WHERE channel = ? AND handle = ?", p -> {
              p.setString(1, h.channel().value());
              p.setString(2, h.value());
            }, r -> r.getString(1));
        if (owner.isPresent() && !owner.get().equals(contact.id().value())) {
          throw new StoreConflictException("a handle belongs to another contact");
        }
      }
      int rows = update("UPDATE wc_contact SET display_name = ? WHERE id = ?", p -> {
        p.setString(1, contact.displayName());
        p.setString(2, contact.id().value());
      });
      if (rows == 0) {
        update("INSERT INTO wc_contact (id, display_name) VALUES (?, ?)", p -> {
          p.setString(1, contact.id().value());
          p.setString(2, contact.displayName());
        });
      }
      update("DELETE FROM wc_contact_handle WHERE contact_id = ?",
          p -> p.setString(1, contact.id().value()));
      for (Handle h : contact.handles()) {
        update("INSERT INTO wc_contact_handle (channel, handle, contact_id) VALUES (?, ?, ?)",
            p -> {
              p.setString(1, h.channel().value());
              p.setString(2, h.value());
              p.setString(3, contact.id().value());
            });
      }
      return null;
    });
  }

  // ---- cursors ----

  @Override
  public Optional<String> cursor(ChannelId channel, String name) {
    return sql("read a cursor", () -> one("SELECT cursor_value FROM wc_cursor"
        + " WHERE channel = ? AND name = ?", p -> {
          p.setString(1, channel.value());
          p.setString(2, name);
        }, r -> r.getString(1)));
  }

  @Override
  public void saveCursor(ChannelId channel, String name, String value) {
    sql("save a cursor", () -> {
      Binder bind = p -> {
        p.setString(1, value);
        p.setString(2, channel.value());
        p.setString(3, name);
      };
      String updateSql = "UPDATE wc_cursor SET cursor_value = ? WHERE channel = ? AND name = ?";
      if (update(updateSql, bind) == 0
          && !insertUnlessTaken("INSERT INTO wc_cursor (cursor_value, channel, name)"
              + " VALUES (?, ?, ?)", bind)) {
        update(updateSql, bind);
      }
      return null;
    });
  }

  // ---- channel journals ----

  @Override
  public long appendJournal(ChannelId channel, String journal, Instant at, String payload) {
    return sql("append to a channel journal", () -> {
      // Another instance may take the next number first: then the one after it.
      for (int attempt = 0; ; attempt++) {
        long seq = one("SELECT COALESCE(MAX(seq), 0) + 1 FROM wc_channel_journal"
            + " WHERE channel = ? AND journal = ?", p -> {
              p.setString(1, channel.value());
              p.setString(2, journal);
            }, r -> r.getLong(1)).orElse(1L);
        if (insertUnlessTaken("INSERT INTO wc_channel_journal (channel, journal, seq,"
            + " recorded_at, payload) VALUES (?, ?, ?, ?, ?)", p -> {
              p.setString(1, channel.value());
              p.setString(2, journal);
              p.setLong(3, seq);
              p.setLong(4, nanos(at));
              p.setString(5, payload);
            })) {
          return seq;
        }
        if (attempt == 20) {
          throw new SQLException("journal " + journal + " stayed contended", "40001");
        }
      }
    });
  }

  private static JournalEntry journalRow(ResultSet r) throws SQLException {
    return new JournalEntry(r.getString("journal"), r.getLong("seq"),
        instant(r.getLong("recorded_at")), r.getString("payload"));
  }

  @Override
  public List<JournalEntry> journal(ChannelId channel, String journal, long after, int limit) {
    return sql("read a channel journal", () -> query("SELECT journal, seq, recorded_at, payload"
        + " FROM wc_channel_journal WHERE channel = ? AND journal = ? AND seq > ?"
        + " ORDER BY seq LIMIT " + Math.max(1, limit), p -> {
          p.setString(1, channel.value());
          p.setString(2, journal);
          p.setLong(3, after);
        }, JdbcTransaction::journalRow));
  }

  @Override
  public Map<String, Long> journalHeads(ChannelId channel, Instant since) {
    return sql("read channel journal heads", () -> {
      Map<String, Long> heads = new java.util.TreeMap<>();
      query("SELECT journal, MAX(seq) FROM wc_channel_journal WHERE channel = ?"
          + " AND recorded_at >= ? GROUP BY journal", p -> {
            p.setString(1, channel.value());
            p.setLong(2, nanos(since));
          }, r -> Map.entry(r.getString(1), r.getLong(2)))
          .forEach(e -> heads.put(e.getKey(), e.getValue()));
      return heads;
    });
  }

  @Override
  public int pruneJournals(ChannelId channel, Instant idleBefore) {
    return sql("prune channel journals", () -> update("DELETE FROM wc_channel_journal"
        + " WHERE channel = ? AND journal IN (SELECT journal FROM wc_channel_journal"
        + " WHERE channel = ? GROUP BY journal HAVING MAX(recorded_at) < ?)", p -> {
          p.setString(1, channel.value());
          p.setString(2, channel.value());
          p.setLong(3, nanos(idleBefore));
        }));
  }

  // ---- outbox ----

  private static final String OUTBOX_COLUMNS = "id, idempotency_key, channel, operation, state,"
      + " attempts, created_at, next_attempt_at, updated_at, result, failure_code,"
      + " failure_reason, claimed_by, version";

  private OutboxEntry outboxRow(ResultSet r) throws SQLException {
    String failureCode = r.getString("failure_code");
    return new OutboxEntry(OutboxId.of(r.getString("id")), r.getString("idempotency_key"),
        ChannelId.of(r.getString("channel")), json.operation(r.getString("operation")),
        OutboxState.valueOf(r.getString("state")), r.getInt("attempts"),
        instant(r.getLong("created_at")), instant(r.getLong("next_attempt_at")),
        instant(r.getLong("updated_at")),
        Optional.ofNullable(r.getString("result")).map(json::result),
        failureCode == null ? Optional.empty()
            : Optional.of(new DeliveryFailure(failureCode, r.getString("failure_reason"))),
        Optional.ofNullable(r.getString("claimed_by")), r.getLong("version"));
  }

  private void bindOutbox(PreparedStatement p, OutboxEntry e) throws SQLException {
    p.setString(1, e.state().name());
    p.setInt(2, e.attempts());
    p.setLong(3, nanos(e.nextAttemptAt()));
    p.setLong(4, nanos(e.updatedAt()));
    setNullable(p, 5, e.result().map(json::result), Types.VARCHAR);
    setNullable(p, 6, e.failure().map(DeliveryFailure::code), Types.VARCHAR);
    setNullable(p, 7, e.failure().map(DeliveryFailure::reason), Types.VARCHAR);
    setNullable(p, 8, e.claimedBy(), Types.VARCHAR);
  }

  @Override
  public void insertOutboxEntry(OutboxEntry e) {
    sql("store an outbox entry", () -> update("INSERT INTO wc_outbox (state, attempts,"
        + " next_attempt_at, updated_at, result, failure_code, failure_reason, claimed_by, id,"
        + " idempotency_key, channel, ordering_key, operation, created_at, version)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p -> {
          bindOutbox(p, e);
          p.setString(9, e.id().value());
          p.setString(10, e.idempotencyKey());
          p.setString(11, e.channel().value());
          p.setString(12, e.orderingKey());
          p.setString(13, json.operation(e.operation()));
          p.setLong(14, nanos(e.createdAt()));
          p.setLong(15, e.version());
        }));
  }

  @Override
  public Optional<OutboxEntry> outboxEntry(OutboxId id) {
    return sql("read an outbox entry", () -> one("SELECT " + OUTBOX_COLUMNS
        + " FROM wc_outbox WHERE id = ?", p -> p.setString(1, id.value()), this::outboxRow));
  }

  @Override
  public Optional<OutboxEntry> outboxEntryByKey(String key) {
    return sql("read an outbox entry", () -> one("SELECT " + OUTBOX_COLUMNS
        + " FROM wc_outbox WHERE idempotency_key = ?", p -> p.setString(1, key),
        this::outboxRow));
  }

  @Override
  public OutboxEntry updateOutboxEntry(OutboxEntry e) {
    return sql("save an outbox entry", () -> {
      int rows = update("UPDATE wc_outbox SET state = ?, attempts = ?, next_attempt_at = ?,"
          + " updated_at = ?, result = ?, failure_code = ?, failure_reason = ?, claimed_by = ?,"
          + " version = version + 1 WHERE id = ? AND version = ? AND idempotency_key = ?", p -> {
            bindOutbox(p, e);
            p.setString(9, e.id().value());
            p.setLong(10, e.version());
            p.setString(11, e.idempotencyKey());
          });
      if (rows == 0) {
        throw new StoreConflictException("outbox entry " + e.id()
            + " was changed meanwhile or is not stored");
      }
      return e.withVersion(e.version() + 1);
    });
  }

  @Override
  public List<OutboxEntry> claimableOutboxEntries(ChannelId channel, Instant now, int limit) {
    return sql("claim outbox entries", () -> query("SELECT " + OUTBOX_COLUMNS
        + " FROM wc_outbox o WHERE o.channel = ? AND o.state = 'QUEUED'"
        + " AND o.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM wc_outbox p"
        + " WHERE p.channel = o.channel AND p.ordering_key = o.ordering_key AND p.id < o.id"
        + " AND p.state IN ('QUEUED', 'SENDING')) ORDER BY o.id LIMIT ?" + dialect.skipLocked,
        p -> {
          p.setString(1, channel.value());
          p.setLong(2, nanos(now));
          p.setInt(3, limit);
        }, this::outboxRow));
  }

  @Override
  public List<OutboxEntry> outboxEntries(Optional<ChannelId> channel, Set<OutboxState> states,
      int limit) {
    if (states.isEmpty()) {
      return List.of();
    }
    List<String> names = states.stream().map(Enum::name).sorted().toList();
    return sql("list outbox entries", () -> query("SELECT " + OUTBOX_COLUMNS
        + " FROM wc_outbox WHERE state IN (" + marks(names.size()) + ")"
        + (channel.isPresent() ? " AND channel = ?" : "") + " ORDER BY id LIMIT ?", p -> {
          int i = 1;
          for (String n : names) {
            p.setString(i++, n);
          }
          if (channel.isPresent()) {
            p.setString(i++, channel.get().value());
          }
          p.setInt(i, limit);
        }, this::outboxRow));
  }

  @Override
  public Optional<Instant> nextOutboxAttempt(ChannelId channel) {
    return sql("read the next outbox attempt", () -> query("SELECT MIN(next_attempt_at) FROM"
        + " wc_outbox WHERE channel = ? AND state = 'QUEUED'",
        p -> p.setString(1, channel.value()), r -> instant(r, 1)).get(0));
  }

  // ---- leases ----

  @Override
  public boolean tryLease(String name, String owner, Instant now, Duration duration) {
    return sql("take a lease", () -> {
      Optional<String[]> held = one("SELECT owner, expires_at FROM wc_lease WHERE name = ?"
          + " FOR UPDATE", p -> p.setString(1, name),
          r -> new String[] {r.getString(1), Long.toString(r.getLong(2))});
      long until = nanos(now.plus(duration));
      if (held.isEmpty()) {
        return insertUnlessTaken("INSERT INTO wc_lease (name, owner, expires_at) VALUES (?, ?, ?)",
            p -> {
              p.setString(1, name);
              p.setString(2, owner);
              p.setLong(3, until);
            });
      }
      boolean mine = held.get()[0].equals(owner);
      boolean expired = Long.parseLong(held.get()[1]) <= nanos(now);
      if (!mine && !expired) {
        return false;
      }
      update("UPDATE wc_lease SET owner = ?, expires_at = ? WHERE name = ?", p -> {
        p.setString(1, owner);
        p.setLong(2, until);
        p.setString(3, name);
      });
      return true;
    });
  }

  @Override
  public void releaseLease(String name, String owner) {
    sql("release a lease", () -> update("DELETE FROM wc_lease WHERE name = ? AND owner = ?",
        p -> {
          p.setString(1, name);
          p.setString(2, owner);
        }));
  }
}
