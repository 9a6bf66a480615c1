package org.webcare4j.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.webcare4j.core.error.OutcomeUnknownException;
import org.webcare4j.core.error.PayloadTooLargeException;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.error.TransientPlatformException;
import org.webcare4j.core.internal.io.BoundedBody;
import org.webcare4j.core.json.Json;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.MediaContent;

/**
 * Executes a channel's HTTP calls and turns I/O failures into the library's exceptions: a failure
 * before the request left (refused connection, DNS, connect timeout) is a {@link
 * TransientPlatformException} and safe to retry; a failure after it left is an {@link
 * OutcomeUnknownException}, because the platform may have acted on it.
 *
 * <p>OkHttp's own silent retry of failed connections is switched off for the same reason: a
 * platform that received a request and lost the connection must not get it twice.
 */
public final class PlatformHttp {
  private static final ObjectMapper JSON = Json.mapper();

  private final OkHttpClient client;
  private final ChannelId channel;

  /**
   * Creates the executor for one channel on a shared client; the client's connection pool and
   * dispatcher are shared, its event listener is replaced.
   *
   * @param client the shared client
   * @param channel the channel whose calls these are, for error messages
   */
  public PlatformHttp(OkHttpClient client, ChannelId channel) {
    this.client = Objects.requireNonNull(client, "client").newBuilder()
        .retryOnConnectionFailure(false)
        .eventListenerFactory(call -> new SentTracker())
        .build();
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  /**
   * Returns the channel these calls belong to.
   *
   * @return the channel id
   */
  public ChannelId channel() {
    return channel;
  }

  /**
   * Executes a call. The caller closes the response.
   *
   * @param request the request
   * @return the response, whatever its status
   * @throws TransientPlatformException when the request did not leave
   * @throws OutcomeUnknownException when the call broke off after the request left
   */
  public Response execute(Request request) {
    AtomicBoolean left = new AtomicBoolean();
    Request tagged = request.newBuilder().tag(AtomicBoolean.class, left).build();
    try {
      return client.newCall(tagged).execute();
    } catch (IOException e) {
      String what = e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage());
      if (left.get()) {
        throw new OutcomeUnknownException(channel, request.method() + " "
            + request.url().encodedPath() + " broke off after the request left (" + what + ")", e);
      }
      throw new TransientPlatformException(channel, "IO", request.method() + " "
          + request.url().encodedPath() + " did not reach the platform (" + what + ")", e);
    }
  }

  /**
   * Fetches media from a URL to upload it elsewhere (an image for a post), never holding more
   * than the limit: a declared length over it is refused before reading, and a body without one
   * is cut off as soon as it passes it.
   *
   * @param url where the media is
   * @param maxBytes the largest accepted
   * @param mimeType the media type to use; when empty, the response's, else {@code
   *     application/octet-stream}
   * @return the media
   * @throws PermanentPlatformException with code {@code MEDIA_FETCH} when the server answers
   *     with an error, {@code MEDIA_TOO_LARGE} over the limit
   * @throws TransientPlatformException when the server cannot be reached or the body breaks off
   */
  public MediaContent fetchMedia(String url, int maxBytes, Optional<String> mimeType) {
    HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "url"));
    if (parsed == null) {
      throw new PermanentPlatformException(channel, "MEDIA_URL", "", "not an http(s) URL", "");
    }
    try (Response r = execute(new Request.Builder().url(parsed).get().build())) {
      if (!r.isSuccessful() || r.body() == null) {
        throw new PermanentPlatformException(channel, "MEDIA_FETCH", String.valueOf(r.code()),
            "the media could not be fetched from " + parsed.host(), "");
      }
      byte[] bytes = BoundedBody.read(r.body().byteStream(), r.body().contentLength(), maxBytes);
      String type = mimeType.orElseGet(() -> Optional.ofNullable(r.body().contentType())
          .map(MediaType::toString).orElse("application/octet-stream"));
      return new MediaContent(bytes, type, Optional.empty());
    } catch (PayloadTooLargeException e) {
      throw new PermanentPlatformException(channel, "MEDIA_TOO_LARGE", "",
          "the media from " + parsed.host() + " is larger than " + maxBytes + " bytes", "");
    } catch (IOException e) {
      throw new TransientPlatformException(channel, "MEDIA_FETCH",
          "fetching the media from " + parsed.host() + " broke off", e);
    }
  }

  /**
   * Reads a response's body as text, for an answer or an error body.
   *
   * @param response the response
   * @return the body; empty when there is none or it broke off
   */
  public static String text(Response response) {
    ResponseBody b = response.body();
    try {
      return b == null ? "" : b.string();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Parses a successful answer's JSON.
   *
   * @param text the answer's body
   * @return its JSON; an empty object when the body is blank
   * @throws PermanentPlatformException with code {@code MALFORMED} when it is not JSON
   */
  public JsonNode answer(String text) {
    if (text.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new PermanentPlatformException(channel, "MALFORMED", "", "the answer is not JSON",
          "");
    }
  }

  /**
   * Reads an error body's JSON, whatever it holds.
   *
   * @param text the error body
   * @return its JSON; an empty object when it is blank or not JSON
   */
  public static JsonNode errorBody(String text) {
    try {
      return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /**
   * Reads a {@code Retry-After} header: seconds, or an HTTP date.
   *
   * @param response the response
   * @param now the current time, for a date
   * @return how long to wait, if the header is present and valid
   */
  public static Optional<Duration> retryAfter(Response response, Instant now) {
    String value = response.header("Retry-After");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(value.strip());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant();
        return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  /** Records on the request's tag that its headers started to go out. */
  private static final class SentTracker extends EventListener {
    @Override
    public void requestHeadersStart(Call call) {
      AtomicBoolean left = call.request().tag(AtomicBoolean.class);
      if (left != null) {
        left.set(true);
      }
    }
  }
}
