package org.webcare4j.email.internal;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.channel.ChannelContext;
import org.webcare4j.core.event.DeliveryStatusChanged;
import org.webcare4j.core.event.InboundEvent;
import org.webcare4j.core.event.MessageReceived;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.DeliveryFailure;
import org.webcare4j.core.model.DeliveryStatus;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.model.Secret;

/**
 * Reads a mailbox over IMAP: every message once, tracked by UIDVALIDITY and UID in the channel's
 * cursors (saved with the message, so a restart neither loses nor repeats mail), IDLE where the
 * server has it and polling where not, and reconnecting with backoff after a dropped connection.
 */
public final class ImapPoller implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);
  static final String UIDVALIDITY = "imap.uidvalidity";
  static final String LAST_UID = "imap.uid";

  /** What the poller needs of the channel's settings. */
  public record Settings(ChannelId channel, Supplier<Session> session, String host, int port,
      String user, Secret password, String folder, Duration pollInterval, boolean idle,
      long maxAttachmentBytes, boolean markSeen, Optional<String> moveTo,
      String ownAddress) {}

  private static final ScheduledExecutorService WAKER =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webcare4j-imap-idle-waker");
        t.setDaemon(true);
        return t;
      });

  private final Settings s;
  private final ChannelContext ctx;
  private volatile boolean running = true;
  private volatile Store store;
  private volatile Folder open;

  /**
   * Creates the poller.
   *
   * @param settings the settings
   * @param ctx the channel context to ingest through
   */
  public ImapPoller(Settings settings, ChannelContext ctx) {
    this.s = settings;
    this.ctx = ctx;
  }

  @Override
  public void run() {
    Duration backoff = Duration.ofMillis(500);
    while (running) {
      try {
        connect();
        backoff = Duration.ofMillis(500);
        while (running) {
          poll();
          waitForMail();
        }
      } catch (MessagingException | IllegalStateException e) {
        if (!running) {
          break;
        }
        log.warn("{}: IMAP connection lost ({}); reconnecting in {} ms", s.channel(),
            e.getMessage(), backoff.toMillis());
        disconnect();
        sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0
            ? Duration.ofMinutes(1) : backoff.multipliedBy(2);
      } catch (RuntimeException e) {
        log.error("{}: IMAP poller failed; retrying", s.channel(), e);
        disconnect();
        sleep(backoff);
      }
    }
    disconnect();
  }

  private void connect() throws MessagingException {
    Store st = s.session().get().getStore();
    st.connect(s.host(), s.port(), s.user(), s.password().reveal());
    store = st;
    Folder f = st.getFolder(s.folder());
    f.open(Folder.READ_WRITE);
    open = f;
  }

  private void waitForMail() throws MessagingException {
    Folder f = open;
    if (f == null) {
      throw new IllegalStateException("not connected");
    }
    boolean canIdle = s.idle() && store instanceof IMAPStore is && is.hasCapability("IDLE");
    if (canIdle && f instanceof IMAPFolder imap) {
      // Returns when mail arrives or the server ends the IDLE. Not every server reports new mail
      // during IDLE, so a NOOP from another thread ends it after the poll interval at the latest.
      ScheduledFuture<?> wake = WAKER.schedule(() -> {
        try {
          // A command on the folder from another thread ends the IDLE; the count alone may be
          // answered from the cache, so send a NOOP.
          imap.doCommand(protocol -> {
            protocol.simpleCommand("NOOP", null);
            return null;
          });
        } catch (MessagingException | IllegalStateException e) {
          log.debug("{}: waking the IDLE failed", s.channel(), e);
        }
      }, s.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
      try {
        imap.idle(true);
      } finally {
        wake.cancel(false);
      }
    } else {
      sleep(s.pollInterval());
      if (!f.isOpen()) {
        throw new IllegalStateException("folder closed");
      }
      f.getMessageCount(); // a NOOP that notices a dropped connection
    }
  }

  /** Processes every message after the last UID stored. */
  void poll() throws MessagingException {
    Folder f = open;
    UIDFolder uids = (UIDFolder) f;
    long validity = uids.getUIDValidity();
    Optional<String> storedValidity = ctx.cursor(UIDVALIDITY);
    long last = 0;
    if (storedValidity.isPresent() && storedValidity.get().equals(String.valueOf(validity))) {
      last = ctx.cursor(LAST_UID).map(Long::parseLong).orElse(0L);
    } else if (storedValidity.isPresent()) {
      // The server renumbered the mailbox: start over; Message-IDs keep this from repeating.
      log.warn("{}: UIDVALIDITY changed from {} to {}; reading the folder again", s.channel(),
          storedValidity.get(), validity);
    }
    Message[] messages = uids.getMessagesByUID(last + 1, UIDFolder.MAXUID);
    for (Message m : messages) {
      if (!running) {
        return;
      }
      long uid = uids.getUID(m);
      if (uid <= last) {
        continue; // MAXUID ranges return the last message even when nothing is new
      }
      List<InboundEvent> events = new ArrayList<>();
      Map<String, String> cursors = new HashMap<>();
      cursors.put(UIDVALIDITY, String.valueOf(validity));
      cursors.put(LAST_UID, String.valueOf(uid));
      try {
        read(m, validity, uid, events, cursors);
      } catch (IOException | MessagingException | RuntimeException e) {
        if (!f.isOpen() || e instanceof FolderClosedException || e instanceof StoreClosedException
            || e.getCause() instanceof FolderClosedException) {
          // The connection went while reading: reconnect and read this mail again.
          throw new MessagingException("connection lost while reading UID " + uid, e);
        }
        // A mail that cannot be parsed must neither stop the mailbox nor vanish: it is filed
        // as a message saying so, and stays in the mailbox for a person to open.
        log.error("{}: mail UID {} could not be read; filed as unreadable", s.channel(), uid, e);
        events.clear();
        events.add(unreadable(m, validity, uid, e));
      }
      ctx.ingest(events, cursors);
      last = uid;
      afterProcessing(f, m);
    }
  }

  private void read(Message m, long validity, long uid, List<InboundEvent> events,
      Map<String, String> cursors) throws IOException, MessagingException {
    MailParser.ParsedMail mail = MailParser.parse(m, "imap-" + validity + "-" + uid,
        s.maxAttachmentBytes());
    switch (mail.kind()) {
      case BOUNCE -> mail.bounced().ifPresent(original -> events.add(new DeliveryStatusChanged(
          s.channel(), EmailIds.platformId(original), DeliveryStatus.FAILED,
          Optional.of(new DeliveryFailure(mail.bounceCode(), mail.bounceReason())),
          mail.sentAt())));
      case AUTO_REPLY -> log.info("{}: automatic reply from {} not treated as a message",
          s.channel(), mail.fromAddress());
      case PERSON -> {
        if (mail.fromAddress().equalsIgnoreCase(s.ownAddress())) {
          return; // our own mail, copied into the inbox: no loop
        }
        events.add(received(mail, validity, uid, cursors));
      }
      default -> throw new IllegalStateException();
    }
  }

  private MessageReceived received(MailParser.ParsedMail mail, long validity, long uid,
      Map<String, String> cursors) {
    String thread = thread(mail, cursors);
    List<Attachment> attachments = new ArrayList<>();
    for (MailParser.FoundAttachment a : mail.attachments()) {
      Attachment.Builder b = Attachment.builder(kind(a.mimeType()))
          .mimeType(a.mimeType()).fileName(a.fileName()).sizeBytes(a.size());
      if (a.refused().isPresent()) {
        b.property("refused", a.refused().get());
      } else {
        b.mediaId(validity + ":" + uid + ":" + a.part());
      }
      attachments.add(b.build());
    }
    return new MessageReceived(s.channel(), EmailIds.platformId(mail.messageId()), thread,
        Participant.inwoner(mail.fromAddress(), mail.fromName()), mail.text(), attachments,
        mail.inReplyTo().map(EmailIds::platformId),
        mail.subject().isBlank() ? Optional.empty() : Optional.of(mail.subject()),
        mail.sentAt());
  }

  private MessageReceived unreadable(Message m, long validity, long uid, Exception e) {
    String id = "imap-" + validity + "-" + uid;
    String from = "unknown";
    try {
      if (m.getFrom() != null && m.getFrom().length > 0
          && m.getFrom()[0] instanceof jakarta.mail.internet.InternetAddress ia) {
        from = ia.getAddress().toLowerCase(java.util.Locale.ROOT);
      }
    } catch (MessagingException | RuntimeException ignored) {
      // the sender is unknown too
    }
    return MessageReceived.text(s.channel(), id, id, Participant.inwoner(from, ""),
        "[Deze e-mail kon niet worden gelezen (" + e.getClass().getSimpleName()
            + "); open hem in de mailbox, UID " + uid + ".]", java.time.Instant.now());
  }

  /**
   * The thread: the root of References, else In-Reply-To; without either, a mail whose subject
   * says "Re:" joins the thread started by the same sender with the same subject; else it starts
   * a thread of its own.
   */
  private String thread(MailParser.ParsedMail mail, Map<String, String> cursors) {
    if (!mail.references().isEmpty()) {
      return EmailIds.platformId(mail.references().get(0));
    }
    if (mail.inReplyTo().isPresent()) {
      return EmailIds.platformId(mail.inReplyTo().get());
    }
    String key = "thread." + sha256(MailParser.normalisedSubject(mail.subject()) + "|"
        + mail.fromAddress());
    if (MailParser.isReply(mail.subject())) {
      Optional<String> known = ctx.cursor(key);
      if (known.isPresent()) {
        return known.get();
      }
    }
    String own = EmailIds.platformId(mail.messageId());
    cursors.put(key, own);
    return own;
  }

  private static AttachmentKind kind(String mimeType) {
    if (mimeType.startsWith("image/")) {
      return AttachmentKind.IMAGE;
    }
    if (mimeType.startsWith("video/")) {
      return AttachmentKind.VIDEO;
    }
    if (mimeType.startsWith("audio/")) {
      return AttachmentKind.AUDIO;
    }
    return AttachmentKind.DOCUMENT;
  }

  private void afterProcessing(Folder f, Message m) throws MessagingException {
    if (s.markSeen()) {
      m.setFlag(Flags.Flag.SEEN, true);
    }
    if (s.moveTo().isPresent() && f instanceof IMAPFolder imap) {
      Folder target = store.getFolder(s.moveTo().get());
      if (!target.exists()) {
        target.create(Folder.HOLDS_MESSAGES);
      }
      imap.moveMessages(new Message[] {m}, target);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void disconnect() {
    Folder f = open;
    open = null;
    try {
      if (f != null && f.isOpen()) {
        f.close(false);
      }
    } catch (MessagingException | IllegalStateException ignored) {
      // closing a broken connection
    }
    Store st = store;
    store = null;
    try {
      if (st != null) {
        st.close();
      }
    } catch (MessagingException ignored) {
      // closing a broken connection
    }
  }

  /** Stops the poller; an IDLE in progress ends with the connection. */
  public void stop() {
    running = false;
    disconnect();
  }
}
