package org.webcare4j.email;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.webcare4j.core.channel.Capability;
import org.webcare4j.core.channel.CapabilityNotSupportedException;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.channel.ChannelContext;
import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.channel.ChannelLimits;
import org.webcare4j.core.channel.LengthCounter;
import org.webcare4j.core.channel.OperationContext;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.OutboundOperation;
import org.webcare4j.core.channel.RateQuota;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.error.NotFoundException;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.error.TransientPlatformException;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.MediaContent;
import org.webcare4j.core.model.Secret;
import org.webcare4j.email.internal.ImapPoller;
import org.webcare4j.email.internal.SmtpSender;

/**
 * A mailbox as a channel: mail read over IMAP (IDLE where the server has it, polling where not),
 * each message once, threaded into conversations by {@code Message-ID}, {@code In-Reply-To} and
 * {@code References}; automatic replies and bounces recognised; replies sent over SMTP through
 * the outbox, threaded for the inwoner's mail client.
 *
 * <pre>{@code
 * EmailChannel mail = EmailChannel.builder(ChannelId.of("email-kcc"))
 *     .address("webcare@gemeente.nl").organisationName("Gemeente Voorbeeld")
 *     .imap("imap.gemeente.nl", 993, EmailChannel.Security.SSL)
 *     .smtp("smtp.gemeente.nl", 587, EmailChannel.Security.STARTTLS)
 *     .credentials("webcare@gemeente.nl", Secret.fromEnvironment("MAILBOX_PASSWORD"))
 *     .build();
 * }</pre>
 */
public final class EmailChannel implements Channel {
  /** The largest attachment kept by default: 25 MiB. */
  public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 25L << 20;

  /** How a connection is secured. */
  public enum Security {
    /** Plain text; only for a local test server. */
    NONE,
    /** Upgraded to TLS with STARTTLS, required. */
    STARTTLS,
    /** TLS from the start (IMAPS on 993, SMTPS on 465). */
    SSL
  }

  private final ChannelId id;
  private final Builder settings;
  private final SmtpSender sender;
  private volatile ImapPoller poller;
  private volatile Thread thread;

  private EmailChannel(Builder b) {
    this.id = b.id;
    this.settings = b;
    this.sender = new SmtpSender(new SmtpSender.Settings(id, this::smtpSession,
        b.smtpSecurity == Security.SSL ? "smtps" : "smtp", b.smtpHost, b.smtpPort, b.user,
        b.password, b.address, b.organisationName));
  }

  /**
   * Starts configuring a mailbox channel.
   *
   * @param id the channel's id
   * @return a builder
   */
  public static Builder builder(ChannelId id) {
    return new Builder(id);
  }

  @Override
  public ChannelId id() {
    return id;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.EMAIL;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.PRIVATE_MESSAGES);
  }

  @Override
  public ChannelLimits limits() {
    return ChannelLimits.of(100_000, LengthCounter.codePoints());
  }

  @Override
  public Optional<RateQuota> quota() {
    return Optional.of(RateQuota.perSecond(settings.sendsPerSecond));
  }

  /**
   * Returns the mailbox's own address.
   *
   * @return the address
   */
  public String address() {
    return settings.address;
  }

  private Properties common(String protocol, Security security) {
    Properties p = new Properties();
    String prefix = "mail." + protocol + ".";
    p.put(prefix + "connectiontimeout", "10000");
    p.put(prefix + "writetimeout", "30000");
    p.put(prefix + "timeout", protocol.startsWith("imap") ? "1800000" : "60000");
    if (security == Security.STARTTLS) {
      p.put(prefix + "starttls.enable", "true");
      p.put(prefix + "starttls.required", "true");
    }
    if (security != Security.NONE) {
      p.put(prefix + "ssl.checkserveridentity", "true");
    }
    return p;
  }

  private Session imapSession() {
    String protocol = settings.imapSecurity == Security.SSL ? "imaps" : "imap";
    Properties p = common(protocol, settings.imapSecurity);
    p.put("mail.store.protocol", protocol);
    return Session.getInstance(p);
  }

  private Session smtpSession() {
    String protocol = settings.smtpSecurity == Security.SSL ? "smtps" : "smtp";
    Properties p = common(protocol, settings.smtpSecurity);
    p.put("mail." + protocol + ".auth", "true");
    return Session.getInstance(p);
  }

  /** Starts reading the mailbox on a thread of its own. */
  @Override
  public void start(ChannelContext context) {
    ImapPoller p = new ImapPoller(new ImapPoller.Settings(id, this::imapSession,
        settings.imapHost, settings.imapPort, settings.user, settings.password,
        settings.folder, settings.pollInterval, settings.idle, settings.maxAttachmentBytes,
        settings.markSeen, Optional.ofNullable(settings.moveTo), settings.address), context);
    Thread t = new Thread(p, "webcare4j-imap-" + id.value());
    t.setDaemon(true);
    poller = p;
    thread = t;
    t.start();
  }

  /**
   * Sends a reply over SMTP. Called by the outbox; hosts send through {@code Webcare.compose}.
   */
  @Override
  public OperationResult execute(OutboundOperation operation, OperationContext context) {
    if (operation instanceof SendMessage send && send.attachments().isEmpty()
        && send.template().isEmpty()) {
      return sender.send(send);
    }
    throw new CapabilityNotSupportedException(id, operation.requires());
  }

  /**
   * Sends a plain-text mail from the channel's address that belongs to no conversation, such as
   * a chat transcript a visitor asked for. It does not go through the outbox: the caller is
   * waiting for it and tells the person whether it went.
   *
   * @param to the address
   * @param subject the subject
   * @param text the body
   * @throws PermanentPlatformException when the address or the mail is refused
   * @throws TransientPlatformException when the SMTP server cannot be reached
   */
  public void sendNotice(String to, String subject, String text) {
    sender.sendNotice(to, subject, text);
  }

  /**
   * Reads an attachment of an inbound mail, as {@code WhatsAppChannel.downloadMedia} reads
   * WhatsApp media.
   *
   * @param mediaId the attachment's {@code mediaId}
   * @param maxBytes the largest accepted
   * @return the bytes and the attachment's media type
   * @throws NotFoundException when the mail is no longer in the folder
   * @throws PermanentPlatformException with code {@code MEDIA_TOO_LARGE} over the limit
   * @throws TransientPlatformException when the server cannot be reached
   */
  public MediaContent downloadMedia(String mediaId, long maxBytes) {
    String[] parts = Objects.requireNonNull(mediaId, "mediaId").split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not an e-mail attachment id: " + mediaId);
    }
    try {
      Store store = imapSession().getStore();
      store.connect(settings.imapHost, settings.imapPort, settings.user,
          settings.password.reveal());
      try {
        Folder folder = store.getFolder(settings.moveTo != null ? settings.moveTo
            : settings.folder);
        folder.open(Folder.READ_ONLY);
        UIDFolder uids = (UIDFolder) folder;
        if (uids.getUIDValidity() != Long.parseLong(parts[0])) {
          throw new NotFoundException("mail", mediaId);
        }
        Message m = uids.getMessageByUID(Long.parseLong(parts[1]));
        if (m == null) {
          throw new NotFoundException("mail", mediaId);
        }
        Part p = m;
        for (String index : parts[2].split("\\.")) {
          p = ((Multipart) p.getContent()).getBodyPart(Integer.parseInt(index) - 1);
        }
        try (InputStream in = p.getInputStream()) {
          byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
          if (bytes.length > maxBytes) {
            throw new PermanentPlatformException(id, "MEDIA_TOO_LARGE", "",
                "attachment " + mediaId + " is over the limit of " + maxBytes + " bytes", "");
          }
          String type = p.getContentType() == null ? "application/octet-stream"
              : p.getContentType().split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
          return new MediaContent(bytes, type, Optional.empty());
        }
      } finally {
        store.close();
      }
    } catch (MessagingException | IOException | ClassCastException
        | IndexOutOfBoundsException e) {
      throw new TransientPlatformException(id, "IMAP", "reading attachment " + mediaId
          + " failed: " + e.getMessage(), e);
    }
  }

  /** Stops reading the mailbox. */
  @Override
  public void close() {
    ImapPoller p = poller;
    if (p != null) {
      p.stop();
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "EmailChannel{" + id + ", " + settings.address + "}";
  }

  /** Configures an {@link EmailChannel}. */
  public static final class Builder {
    private final ChannelId id;
    private String address;
    private String organisationName = "";
    private String imapHost;
    private int imapPort;
    private Security imapSecurity = Security.SSL;
    private String smtpHost;
    private int smtpPort;
    private Security smtpSecurity = Security.STARTTLS;
    private String user;
    private Secret password;
    private String folder = "INBOX";
    private Duration pollInterval = Duration.ofSeconds(30);
    private boolean idle = true;
    private long maxAttachmentBytes = DEFAULT_MAX_ATTACHMENT_BYTES;
    private boolean markSeen = true;
    private String moveTo;
    private int sendsPerSecond = 5;

    private Builder(ChannelId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Sets the mailbox's own address, the From of replies.
     *
     * @param address such as {@code webcare@gemeente.nl}
     * @return this builder
     */
    public Builder address(String address) {
      if (!Objects.requireNonNull(address, "address").matches("[^@\\s]+@[^@\\s]+")) {
        throw new IllegalArgumentException("not an e-mail address: " + address);
      }
      this.address = address;
      return this;
    }

    /**
     * Sets the organisation's name, shown after the agent's name in replies.
     *
     * @param name such as "Gemeente Voorbeeld"
     * @return this builder
     */
    public Builder organisationName(String name) {
      this.organisationName = Objects.requireNonNull(name, "name").strip();
      return this;
    }

    /**
     * Sets the IMAP server.
     *
     * @param host the host
     * @param port the port, such as 993
     * @param security how the connection is secured
     * @return this builder
     */
    public Builder imap(String host, int port, Security security) {
      this.imapHost = Objects.requireNonNull(host, "host");
      this.imapPort = port;
      this.imapSecurity = Objects.requireNonNull(security, "security");
      return this;
    }

    /**
     * Sets the SMTP server.
     *
     * @param host the host
     * @param port the port, such as 587
     * @param security how the connection is secured
     * @return this builder
     */
    public Builder smtp(String host, int port, Security security) {
      this.smtpHost = Objects.requireNonNull(host, "host");
      this.smtpPort = port;
      this.smtpSecurity = Objects.requireNonNull(security, "security");
      return this;
    }

    /**
     * Sets the mailbox's login, used for IMAP and SMTP.
     *
     * @param user the user name
     * @param password the password
     * @return this builder
     */
    public Builder credentials(String user, Secret password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Sets the folder read; {@code INBOX} by default.
     *
     * @param folder the folder
     * @return this builder
     */
    public Builder folder(String folder) {
      this.folder = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /**
     * Sets how often the mailbox is polled when the server has no IDLE, or IDLE is off: the
     * {@code polling} of every polling channel.
     *
     * @param interval at least one second
     * @return this builder
     */
    public Builder polling(Duration interval) {
      if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("poll at most once a second");
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * Sets whether IMAP IDLE is used where the server has it; on by default.
     *
     * @param idle true to use IDLE
     * @return this builder
     */
    public Builder idle(boolean idle) {
      this.idle = idle;
      return this;
    }

    /**
     * Sets the largest attachment kept; larger ones are recorded with the reason and not kept.
     *
     * @param bytes the limit
     * @return this builder
     */
    public Builder maxAttachmentBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("the attachment limit must be positive");
      }
      this.maxAttachmentBytes = bytes;
      return this;
    }

    /**
     * Sets whether processed mail is flagged as read; on by default.
     *
     * @param markSeen true to flag
     * @return this builder
     */
    public Builder markSeen(boolean markSeen) {
      this.markSeen = markSeen;
      return this;
    }

    /**
     * Moves processed mail to a folder (created when missing).
     *
     * @param folder such as {@code Verwerkt}
     * @return this builder
     */
    public Builder moveProcessedTo(String folder) {
      this.moveTo = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /**
     * Sets how many mails a second may be sent; 5 by default, to stay clear of providers'
     * sending limits.
     *
     * @param perSecond at least 1
     * @return this builder
     */
    public Builder sendsPerSecond(int perSecond) {
      if (perSecond < 1) {
        throw new IllegalArgumentException("sendsPerSecond must be positive");
      }
      this.sendsPerSecond = perSecond;
      return this;
    }

    /**
     * Builds the channel.
     *
     * @return the channel
     * @throws IllegalStateException when the address, a server or the credentials are missing
     */
    public EmailChannel build() {
      if (address == null || imapHost == null || smtpHost == null || user == null) {
        throw new IllegalStateException("e-mail channel " + id
            + " needs an address, IMAP and SMTP servers and credentials");
      }
      return new EmailChannel(this);
    }
  }
}
