package org.webcare4j.email.internal;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reads one mail: who, what, which thread, what kind (an inwoner's mail, an automatic reply, a
 * bounce), its text (HTML reduced to safe text, quoted history and signature folded away) and its
 * attachments (sizes checked against the limit).
 */
public final class MailParser {
  private static final Pattern ID = Pattern.compile("<([^<>\\s]+)>");
  private static final Pattern REPLY_PREFIX = Pattern.compile(
      "^\\s*((re|aw|antw|antwoord|fw|fwd|doorst|wg|sv|vs)\\s*(\\[\\d+])?\\s*:\\s*)+",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern QUOTE_HEADER = Pattern.compile(
      "^(op .{3,120}(schreef|heeft .{0,40}geschreven).{0,40}:\\s*$|on .{3,120}wrote:\\s*$"
          + "|-{2,}\\s*(original message|oorspronkelijk bericht|doorgestuurd bericht)\\s*-{2,}"
          + "|(van|from):\\s.+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern OUT_OF_OFFICE = Pattern.compile(
      "(automatisch antwoord|automatic reply|autoreply|auto-reply|out of (the )?office"
          + "|afwezigheidsbericht|afwezig|niet aanwezig|vakantie ?melding)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern STATUS = Pattern.compile("(?im)^Status:\\s*([245]\\.\\d+\\.\\d+)");
  private static final Pattern DIAGNOSTIC = Pattern.compile(
      "(?im)^Diagnostic-Code:\\s*(?:smtp;\\s*)?(.+)$");
  private static final Pattern ORIGINAL_ID = Pattern.compile("(?im)^Message-ID:\\s*<([^>]+)>");

  private MailParser() {}

  /** What a mail is. */
  public enum Kind {
    /** Written by a person. */
    PERSON,
    /** An automatic reply: out of office, vacation, auto-acknowledgement. */
    AUTO_REPLY,
    /** A delivery status notification about a mail we sent. */
    BOUNCE
  }

  /**
   * An attachment as found.
   *
   * @param part the MIME part's index path, such as {@code 1.2}
   * @param fileName the file name
   * @param mimeType the type
   * @param size the decoded size in bytes
   * @param refused why it is not kept, if it is not
   */
  public record FoundAttachment(String part, String fileName, String mimeType, long size,
      Optional<String> refused) {}

  /**
   * A mail, read.
   *
   * @param kind person, automatic reply or bounce
   * @param messageId the Message-ID, without angle brackets
   * @param fromAddress the sender's address, lower case
   * @param fromName the sender's display name, or the address
   * @param subject the subject, decoded
   * @param sentAt the Date header, or when it arrived
   * @param inReplyTo the In-Reply-To id, if any
   * @param references the References ids, oldest first
   * @param text the new text: HTML reduced to text, quotes and signature folded away
   * @param attachments the attachments
   * @param bounced for a bounce: the Message-ID of the mail that did not arrive
   * @param bounceCode for a bounce: the DSN status, such as 5.1.1
   * @param bounceReason for a bounce: the diagnostic
   */
  public record ParsedMail(Kind kind, String messageId, String fromAddress, String fromName,
      String subject, Instant sentAt, Optional<String> inReplyTo, List<String> references,
      String text, List<FoundAttachment> attachments, Optional<String> bounced,
      String bounceCode, String bounceReason) {}

  /**
   * Reads a mail.
   *
   * @param m the message
   * @param fallbackId an id for a mail without a Message-ID
   * @param maxAttachmentBytes the largest attachment kept
   * @return the mail
   * @throws MessagingException when the mail cannot be read
   * @throws IOException when its content cannot be read
   */
  public static ParsedMail parse(Message m, String fallbackId, long maxAttachmentBytes)
      throws MessagingException, IOException {
    String messageId = first(m.getHeader("Message-ID")).flatMap(MailParser::id)
        .orElse(fallbackId);
    Address[] from = m.getFrom();
    String address = "unknown";
    String name = "";
    if (from != null && from.length > 0 && from[0] instanceof InternetAddress ia) {
      address = ia.getAddress() == null ? "unknown" : ia.getAddress().toLowerCase(Locale.ROOT);
      name = ia.getPersonal() == null ? "" : ia.getPersonal();
    }
    String subject = Optional.ofNullable(m.getSubject()).orElse("");
    Instant sentAt = Optional.ofNullable(m.getSentDate()).or(
        () -> Optional.ofNullable(uncheckedReceived(m))).map(d -> d.toInstant())
        .orElse(Instant.now());
    Optional<String> inReplyTo = first(m.getHeader("In-Reply-To")).flatMap(MailParser::id);
    List<String> references = ids(first(m.getHeader("References")).orElse(""));

    StringBuilder plain = new StringBuilder();
    StringBuilder html = new StringBuilder();
    StringBuilder report = new StringBuilder();
    List<FoundAttachment> attachments = new ArrayList<>();
    walk(m, "", plain, html, report, attachments, maxAttachmentBytes);
    Kind kind = kind(m, subject, address, report);
    String text = plain.length() > 0 ? plain.toString() : htmlToText(html.toString());
    text = fold(text);

    Optional<String> bounced = Optional.empty();
    String code = "";
    String reason = "";
    if (kind == Kind.BOUNCE) {
      report.append('\n').append(plain);
      Matcher s = STATUS.matcher(report);
      code = s.find() ? s.group(1) : "5.0.0";
      Matcher d = DIAGNOSTIC.matcher(report);
      reason = d.find() ? d.group(1).strip() : "the mail could not be delivered";
      Matcher o = ORIGINAL_ID.matcher(report);
      bounced = o.find() ? Optional.of(o.group(1)) : Optional.empty();
    }
    return new ParsedMail(kind, messageId, address, name.isBlank() ? address : name, subject,
        sentAt, inReplyTo, references, text, attachments, bounced, code, reason);
  }

  private static java.util.Date uncheckedReceived(Message m) {
    try {
      return m.getReceivedDate();
    } catch (MessagingException e) {
      return null;
    }
  }

  private static Kind kind(Message m, String subject, String from, CharSequence report)
      throws MessagingException {
    String contentType = Optional.ofNullable(m.getContentType()).orElse("")
        .toLowerCase(Locale.ROOT);
    String local = from.contains("@") ? from.substring(0, from.indexOf('@')) : from;
    boolean daemon = local.equals("mailer-daemon") || local.equals("postmaster");
    if (contentType.startsWith("multipart/report") && contentType.contains("delivery-status")
        || STATUS.matcher(report).find() || daemon) {
      return Kind.BOUNCE;
    }
    String auto = first(m.getHeader("Auto-Submitted")).orElse("no").strip()
        .toLowerCase(Locale.ROOT);
    String precedence = first(m.getHeader("Precedence")).orElse("").toLowerCase(Locale.ROOT);
    boolean autoHeaders = !auto.equals("no") || m.getHeader("X-Autoreply") != null
        || m.getHeader("X-Autorespond") != null || m.getHeader("X-Auto-Response-Suppress") != null
        && OUT_OF_OFFICE.matcher(subject).find()
        || precedence.equals("auto_reply") || precedence.equals("bulk")
        || precedence.equals("junk");
    if (autoHeaders || OUT_OF_OFFICE.matcher(subject).find()) {
      return Kind.AUTO_REPLY;
    }
    return Kind.PERSON;
  }

  private static void walk(Part p, String path, StringBuilder plain, StringBuilder html,
      StringBuilder report, List<FoundAttachment> attachments, long max)
      throws MessagingException, IOException {
    String type = Optional.ofNullable(p.getContentType()).orElse("text/plain")
        .toLowerCase(Locale.ROOT);
    String fileName = decode(p.getFileName());
    boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())
        || (fileName != null && !type.startsWith("text/plain") && !type.startsWith("text/html"));
    if (p.isMimeType("multipart/*") && !attachment) {
      Multipart mp = (Multipart) p.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart child = mp.getBodyPart(i);
        walk(child, path.isEmpty() ? String.valueOf(i + 1) : path + "." + (i + 1), plain, html,
            report, attachments, max);
      }
      return;
    }
    if (type.startsWith("message/") || type.startsWith("text/rfc822-headers")) {
      report.append(new String(bytes(p, 1 << 20), StandardCharsets.UTF_8)).append('\n');
      return;
    }
    if (attachment) {
      // The size from the server's BODYSTRUCTURE, without fetching the bytes; base64 takes four
      // characters for three bytes. Only when the server does not say is the part read.
      long encoded = p.getSize();
      String encoding = p instanceof jakarta.mail.internet.MimePart mp
          ? Optional.ofNullable(mp.getEncoding()).orElse("7bit").toLowerCase(Locale.ROOT)
          : "7bit";
      long size = encoded >= 0
          ? (encoding.equals("base64") ? encoded * 3 / 4 : encoded)
          : countBytes(p, max + 1);
      Optional<String> refused = size > max
          ? Optional.of("larger than the limit of " + max + " bytes; not kept")
          : Optional.empty();
      attachments.add(new FoundAttachment(path.isEmpty() ? "1" : path,
          fileName == null ? "bijlage" : fileName, new ContentType(type).getBaseType(), size,
          refused));
      return;
    }
    if (p.isMimeType("text/plain") && plain.length() == 0) {
      plain.append(text(p));
    } else if (p.isMimeType("text/html") && html.length() == 0) {
      html.append(text(p));
    }
  }

  private static String decode(String fileName) {
    if (fileName == null) {
      return null;
    }
    try {
      return MimeUtility.decodeText(fileName);
    } catch (IOException e) {
      return fileName;
    }
  }

  /** A text part in its declared charset; an unknown charset falls back to UTF-8. */
  static String text(Part p) throws MessagingException, IOException {
    byte[] raw = bytes(p, 10L << 20);
    String charset = "UTF-8";
    try {
      String declared = new ContentType(p.getContentType()).getParameter("charset");
      if (declared != null) {
        charset = MimeUtility.javaCharset(declared.strip());
      }
    } catch (MessagingException ignored) {
      // a malformed Content-Type: keep UTF-8
    }
    try {
      return new String(raw, Charset.forName(charset));
    } catch (IllegalArgumentException unknownCharset) {
      return new String(raw, StandardCharsets.UTF_8);
    }
  }

  private static byte[] bytes(Part p, long max) throws MessagingException, IOException {
    try (InputStream in = p.getInputStream()) {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max));
    }
  }

  private static long countBytes(Part p, long stopAt) throws MessagingException, IOException {
    long n = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = p.getInputStream()) {
      for (int r; n < stopAt && (r = in.read(buffer)) != -1; ) {
        n += r;
      }
    }
    return n;
  }

  /**
   * Reduces HTML to plain text: block elements become line breaks, scripts, styles and every
   * attribute (and so every remote reference) are dropped.
   *
   * @param html the HTML
   * @return the text
   */
  public static String htmlToText(String html) {
    if (html.isBlank()) {
      return "";
    }
    Document doc = Jsoup.parse(html);
    doc.select("script, style, head, title, noscript, iframe, object, embed, template, svg")
        .remove();
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
          out.append(t.text());
        } else if (node instanceof Element e && (e.isBlock() || e.nameIs("br"))) {
          newline(out);
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && e.isBlock()) {
          newline(out);
        }
      }
    }, doc.body() == null ? doc : doc.body());
    return out.toString().replaceAll("[ \\t\\u00a0]+", " ").replaceAll(" *\\n *", "\n")
        .replaceAll("\\n{3,}", "\n\n").strip();
  }

  private static void newline(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }

  /**
   * Folds quoted history and the signature away: the text ends before a line "Op ... schreef:",
   * "On ... wrote:", an "Original message" rule, a run of "&gt;" lines, or the "-- " signature
   * delimiter. Text that is nothing but a quote is kept whole.
   *
   * @param text the text
   * @return the new part of it
   */
  public static String fold(String text) {
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    int end = lines.length;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.equals("-- ") || l.equals("--")
          || QUOTE_HEADER.matcher(l.strip()).matches() && i > 0
          || (l.startsWith(">") && allQuotedFrom(lines, i))) {
        end = i;
        break;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < end; i++) {
      out.append(lines[i]).append('\n');
    }
    String folded = out.toString().strip();
    return folded.isEmpty() ? text.strip() : folded;
  }

  private static boolean allQuotedFrom(String[] lines, int from) {
    for (int i = from; i < lines.length; i++) {
      if (!lines[i].isBlank() && !lines[i].startsWith(">")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Strips reply and forward prefixes and folds case and spaces, for threading by subject.
   *
   * @param subject the subject
   * @return the normalised subject
   */
  public static String normalisedSubject(String subject) {
    return REPLY_PREFIX.matcher(subject).replaceFirst("").strip().replaceAll("\\s+", " ")
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Tells whether a subject says it replies to or forwards something.
   *
   * @param subject the subject
   * @return true for "Re: ..." and the like
   */
  public static boolean isReply(String subject) {
    return REPLY_PREFIX.matcher(subject).find();
  }

  private static Optional<String> first(String[] header) {
    return header == null || header.length == 0 ? Optional.empty() : Optional.of(header[0]);
  }

  private static Optional<String> id(String header) {
    List<String> all = ids(header);
    if (!all.isEmpty()) {
      return Optional.of(all.get(0));
    }
    String bare = header.strip();
    return bare.isEmpty() || bare.contains(" ") ? Optional.empty() : Optional.of(bare);
  }

  /**
   * Reads the ids of a References or In-Reply-To header.
   *
   * @param header the header's value
   * @return the ids without angle brackets, in order
   */
  public static List<String> ids(String header) {
    List<String> out = new ArrayList<>();
    Matcher m = ID.matcher(header);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
