package org.webcare4j.whatsapp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.webcare4j.core.channel.MarkRead;
import org.webcare4j.core.channel.MessageTemplate;
import org.webcare4j.core.channel.OperationResult;
import org.webcare4j.core.channel.RateLimitFeedback;
import org.webcare4j.core.channel.SendMessage;
import org.webcare4j.core.error.AuthorizationException;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.error.TransientPlatformException;
import org.webcare4j.core.http.PlatformHttp;
import org.webcare4j.core.json.Json;
import org.webcare4j.core.model.Attachment;
import org.webcare4j.core.model.AttachmentKind;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.Secret;
import org.webcare4j.graph.GraphError;
import org.webcare4j.graph.GraphUsage;

/**
 * The Cloud API calls: the JSON of each message type, the call, and the Graph error mapping.
 * Request shapes follow Meta's "messages" reference: {@code messaging_product}, {@code to},
 * {@code type} and the type's object, {@code context.message_id} for a reply.
 */
public final class WhatsAppCloudApi {
  /** The bucket all sends of one phone number count against (its throughput). */
  public static final String MESSAGES_BUCKET = "messages";

  private static final ObjectMapper JSON = Json.mapper();
  private static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  private final ChannelId channel;
  private final HttpUrl base;
  private final String phoneNumberId;
  private final Optional<Secret> token;

  /**
   * Creates the API for one phone number.
   *
   * @param channel the channel
   * @param base the versioned Graph base URL, such as {@code https://graph.facebook.com/v21.0/}
   * @param phoneNumberId the business phone number's id
   * @param token the access token, if configured
   */
  public WhatsAppCloudApi(ChannelId channel, HttpUrl base, String phoneNumberId,
      Optional<Secret> token) {
    this.channel = channel;
    this.base = base;
    this.phoneNumberId = phoneNumberId;
    this.token = token;
  }

  private String bearer() {
    return "Bearer " + token.orElseThrow(() -> new AuthorizationException(channel, "NO_TOKEN",
        "", "no access token is configured for this WhatsApp channel", "")).reveal();
  }

  /** A business-scoped user id, such as {@code US.13491208655302741918}. */
  private static final java.util.regex.Pattern USER_ID =
      java.util.regex.Pattern.compile("[A-Z]{2}\\.[A-Za-z0-9.]{1,128}");

  /**
   * Addresses a send to the thread's person or group: a phone number goes in {@code to}; a
   * business-scoped user id (a person who hides their number behind a username) in {@code
   * recipient}; a group thread ({@code group:<id>}) as {@code recipient_type: group}.
   */
  static void addressee(ObjectNode body, String thread) {
    if (thread.startsWith(WhatsAppPayloadParser.GROUP_THREAD)) {
      body.put("recipient_type", "group");
      body.put("to", thread.substring(WhatsAppPayloadParser.GROUP_THREAD.length()));
    } else if (USER_ID.matcher(thread).matches()) {
      body.put("recipient_type", "individual");
      body.put("recipient", thread);
    } else {
      body.put("recipient_type", "individual");
      body.put("to", thread);
    }
  }

  /**
   * Builds the body of a message send.
   *
   * @param send the operation
   * @return the JSON body
   */
  public static ObjectNode messageBody(SendMessage send) {
    ObjectNode body = JSON.createObjectNode();
    body.put("messaging_product", "whatsapp");
    addressee(body, send.platformThreadId());
    send.inReplyTo().ifPresent(id -> body.putObject("context").put("message_id", id));
    if (send.template().isPresent()) {
      template(body, send.template().get());
    } else if (!send.attachments().isEmpty()) {
      if (send.attachments().size() > 1) {
        throw new IllegalArgumentException(
            "a WhatsApp message carries one attachment; send each in a message of its own");
      }
      media(body, send.attachments().get(0), send.text());
    } else {
      body.put("type", "text");
      ObjectNode text = body.putObject("text");
      text.put("preview_url", send.text().contains("https://"));
      text.put("body", send.text());
    }
    return body;
  }

  private static void template(ObjectNode body, MessageTemplate t) {
    body.put("type", "template");
    ObjectNode template = body.putObject("template");
    template.put("name", t.name());
    template.putObject("language").put("code", t.language());
    if (!t.bodyParameters().isEmpty()) {
      ObjectNode component = template.putArray("components").addObject();
      component.put("type", "body");
      ArrayNode parameters = component.putArray("parameters");
      for (String p : t.bodyParameters()) {
        parameters.addObject().put("type", "text").put("text", p);
      }
    }
  }

  private static void media(ObjectNode body, Attachment a, String text) {
    String type = switch (a.kind()) {
      case IMAGE -> "image";
      case VIDEO -> "video";
      case AUDIO -> "audio";
      case DOCUMENT -> "document";
      case STICKER -> "sticker";
      default -> throw new IllegalArgumentException(
          "WhatsApp sends images, videos, audio, documents and stickers, not " + a.kind());
    };
    body.put("type", type);
    ObjectNode media = body.putObject(type);
    if (a.mediaId().isPresent()) {
      media.put("id", a.mediaId().get());
    } else if (a.url().isPresent()) {
      media.put("link", a.url().get());
    } else {
      throw new IllegalArgumentException("a WhatsApp attachment needs a media id or a link");
    }
    String caption = !text.isBlank() ? text : a.caption().orElse("");
    boolean captioned = a.kind() == AttachmentKind.IMAGE || a.kind() == AttachmentKind.VIDEO
        || a.kind() == AttachmentKind.DOCUMENT;
    if (!caption.isBlank()) {
      if (!captioned) {
        throw new IllegalArgumentException("WhatsApp shows no caption with " + type);
      }
      media.put("caption", caption);
    }
    if (a.kind() == AttachmentKind.DOCUMENT) {
      a.fileName().ifPresent(f -> media.put("filename", f));
    }
  }

  /**
   * Sends a message.
   *
   * @param send the operation
   * @param http the channel's HTTP executor
   * @param feedback where usage headers go
   * @param clock the clock
   * @return the platform's message id
   */
  public OperationResult send(SendMessage send, PlatformHttp http, RateLimitFeedback feedback,
      Clock clock) {
    ObjectNode body;
    try {
      body = messageBody(send);
    } catch (IllegalArgumentException e) {
      throw new PermanentPlatformException(channel, "INVALID_MESSAGE", "", e.getMessage(), "");
    }
    JsonNode answer = post(body, http, feedback, clock);
    JsonNode messages = answer.path("messages");
    if (!messages.isArray() || messages.isEmpty() || !messages.get(0).hasNonNull("id")) {
      throw new TransientPlatformException(channel, "NO_ID", "",
          "the platform accepted the message but gave no message id", "");
    }
    return OperationResult.created(messages.get(0).get("id").asText());
  }

  /**
   * Marks an inbound message read (the blue ticks).
   *
   * @param read the operation
   * @param http the channel's HTTP executor
   * @param feedback where usage headers go
   * @param clock the clock
   * @return done
   */
  public OperationResult markRead(MarkRead read, PlatformHttp http, RateLimitFeedback feedback,
      Clock clock) {
    ObjectNode body = JSON.createObjectNode();
    body.put("messaging_product", "whatsapp");
    body.put("status", "read");
    body.put("message_id", read.platformMessageId());
    post(body, http, feedback, clock);
    return OperationResult.done();
  }

  private JsonNode post(ObjectNode body, PlatformHttp http, RateLimitFeedback feedback,
      Clock clock) {
    Request request = new Request.Builder()
        .url(base.newBuilder().addPathSegment(phoneNumberId).addPathSegment("messages").build())
        .header("Authorization", bearer())
        .post(RequestBody.create(body.toString(), APPLICATION_JSON))
        .build();
    try (Response response = http.execute(request)) {
      Optional<Duration> regain = GraphUsage.report(response, feedback, MESSAGES_BUCKET);
      String text = bodyText(response);
      if (!response.isSuccessful()) {
        throw GraphError.toException(channel, response.code(), text,
            PlatformHttp.retryAfter(response, clock.instant()).or(() -> regain));
      }
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new TransientPlatformException(channel, "BAD_ANSWER", "",
            "the platform's answer is not JSON", "");
      }
    }
  }

  private String bodyText(Response response) {
    try {
      ResponseBody b = response.body();
      return b == null ? "" : b.string();
    } catch (IOException e) {
      throw new TransientPlatformException(channel, "IO", "reading the answer failed", e);
    }
  }

  /** Downloaded media: the bytes and what the platform said of them. */
  public record Media(byte[] bytes, String mimeType, Optional<String> sha256) {}

  /**
   * Downloads inbound media in the two documented steps: the media id's short-lived URL, then
   * the bytes from that URL, each with the access token.
   *
   * @param mediaId the media id from the webhook
   * @param maxBytes the largest download accepted
   * @param http the HTTP executor
   * @param clock the clock
   * @return the media
   */
  public Media download(String mediaId, long maxBytes, PlatformHttp http, Clock clock) {
    if (!mediaId.matches("[A-Za-z0-9_.-]{1,200}")) {
      throw new IllegalArgumentException("not a WhatsApp media id: " + mediaId);
    }
    Request meta = new Request.Builder().url(base.newBuilder().addPathSegment(mediaId).build())
        .header("Authorization", bearer()).get().build();
    JsonNode info;
    try (Response response = http.execute(meta)) {
      String text = bodyText(response);
      if (!response.isSuccessful()) {
        throw GraphError.toException(channel, response.code(), text,
            PlatformHttp.retryAfter(response, clock.instant()));
      }
      info = JSON.readTree(text);
    } catch (IOException e) {
      throw new TransientPlatformException(channel, "BAD_ANSWER", "",
          "the media answer is not JSON", "");
    }
    long declared = info.path("file_size").asLong(-1);
    if (declared > maxBytes) {
      throw tooLarge(mediaId, declared, maxBytes);
    }
    HttpUrl url = HttpUrl.parse(info.path("url").asText(""));
    if (url == null) {
      throw new TransientPlatformException(channel, "NO_URL", "",
          "the platform gave no download URL for media " + mediaId, "");
    }
    Request get = new Request.Builder().url(url).header("Authorization", bearer()).get().build();
    byte[] bytes;
    try (Response response = http.execute(get)) {
      if (!response.isSuccessful()) {
        throw GraphError.toException(channel, response.code(), bodyText(response),
            PlatformHttp.retryAfter(response, clock.instant()));
      }
      try (InputStream in = response.body().byteStream()) {
        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      }
    } catch (IOException e) {
      throw new TransientPlatformException(channel, "IO", "downloading media failed", e);
    }
    if (bytes.length > maxBytes) {
      throw tooLarge(mediaId, bytes.length, maxBytes);
    }
    Optional<String> sha = Optional.ofNullable(info.path("sha256").textValue())
        .map(s -> s.toLowerCase(Locale.ROOT));
    if (sha.isPresent() && !sha.get().equals(sha256(bytes))) {
      throw new TransientPlatformException(channel, "CHECKSUM", "",
          "media " + mediaId + " arrived damaged: its SHA-256 does not match", "");
    }
    return new Media(bytes, info.path("mime_type").asText("application/octet-stream"), sha);
  }

  private PermanentPlatformException tooLarge(String mediaId, long size, long max) {
    return new PermanentPlatformException(channel, "MEDIA_TOO_LARGE", "",
        "media " + mediaId + " is " + size + " bytes, over the limit of " + max, "");
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Lists the attachment kinds WhatsApp sends.
   *
   * @return the kinds
   */
  public static List<AttachmentKind> sendableKinds() {
    return List.of(AttachmentKind.IMAGE, AttachmentKind.VIDEO, AttachmentKind.AUDIO,
        AttachmentKind.DOCUMENT, AttachmentKind.STICKER);
  }
}
