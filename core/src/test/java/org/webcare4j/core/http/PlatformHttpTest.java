package org.webcare4j.core.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webcare4j.core.error.PermanentPlatformException;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.model.MediaContent;

/** What the channels share of PlatformHttp: the bounded media fetch and answer reading. */
class PlatformHttpTest {
  private final MockWebServer server = new MockWebServer();
  private final PlatformHttp http = new PlatformHttp(new OkHttpClient(), ChannelId.of("x"));

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String url() {
    return server.url("/img.png").toString();
  }

  @Test
  void readsTheBodyAndItsType() {
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "image/png")
        .body("PNG-bytes").build());
    MediaContent m = http.fetchMedia(url(), 100, Optional.empty());
    assertArrayEquals("PNG-bytes".getBytes(StandardCharsets.UTF_8), m.bytes());
    assertEquals("image/png", m.mimeType());
    server.enqueue(new MockResponse.Builder().body("x").build());
    assertEquals("image/webp", http.fetchMedia(url(), 100, Optional.of("image/webp")).mimeType());
  }

  @Test
  void aChunkedBodyOverTheLimitIsCutOffWhileADeclaredOneIsRefusedUpFront() {
    // chunked: no length is declared, so only counting while reading can stop it
    server.enqueue(new MockResponse.Builder().chunkedBody("y".repeat(50_000), 1024).build());
    assertEquals("MEDIA_TOO_LARGE", assertThrows(PermanentPlatformException.class,
        () -> http.fetchMedia(url(), 10_000, Optional.empty())).code());
    server.enqueue(new MockResponse.Builder().body("z".repeat(20_000)).build());
    assertEquals("MEDIA_TOO_LARGE", assertThrows(PermanentPlatformException.class,
        () -> http.fetchMedia(url(), 10_000, Optional.empty())).code());
    server.enqueue(new MockResponse.Builder().chunkedBody("w".repeat(9_000), 1024).build());
    assertEquals(9_000, http.fetchMedia(url(), 10_000, Optional.empty()).bytes().length);
  }

  @Test
  void anErrorStatusOrABadUrlIsAPermanentFailureNamingWhy() {
    server.enqueue(new MockResponse.Builder().code(404).build());
    PermanentPlatformException e = assertThrows(PermanentPlatformException.class,
        () -> http.fetchMedia(url(), 100, Optional.empty()));
    assertEquals("MEDIA_FETCH", e.code());
    assertEquals("MEDIA_URL", assertThrows(PermanentPlatformException.class,
        () -> http.fetchMedia("file:///etc/passwd", 100, Optional.empty())).code());
  }

  @Test
  void anAnswerIsJsonOrAPermanentFailureAndAnErrorBodyIsWhateverItHolds() {
    assertEquals(0, http.answer("").size());
    assertEquals("1", http.answer("{\"id\":\"1\"}").path("id").asText());
    assertEquals("MALFORMED", assertThrows(PermanentPlatformException.class,
        () -> http.answer("<html>bad gateway</html>")).code());
    assertEquals(0, PlatformHttp.errorBody("<html>bad gateway</html>").size());
    assertEquals("x", PlatformHttp.errorBody("{\"code\":\"x\"}").path("code").asText());
  }
}
