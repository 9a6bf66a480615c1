package org.webcare4j.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a page elsewhere, a rebound DNS name or a careless client can make of the demo's API:
 * refused with a reason in Dutch (and English), never a dropped connection or a class name.
 */
class DemoApiGuardTest {
  @TempDir
  static Path data;
  private static DemoApp app;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    app = new DemoApp(0, data, null);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private HttpResponse<String> post(String path, String contentType, String origin, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + "api/" + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String origin() {
    return app.url().substring(0, app.url().length() - 1);
  }

  @Test
  void aPageOnAnotherSiteCannotActInTheDemo() throws Exception {
    String crisis = "{\"by\":\"carla\",\"reason\":\"Vals alarm\"}";
    HttpResponse<String> textPlain = post("crisis", "text/plain", null, crisis);
    assertEquals(415, textPlain.statusCode());
    HttpResponse<String> elsewhere = post("crisis", "application/json",
        "http://evil.example", crisis);
    assertEquals(403, elsewhere.statusCode());
    assertTrue(elsewhere.body().contains("andere website"), elsewhere.body());
    HttpResponse<String> state = new DemoClient(app).signIn("carla").get("crisis");
    assertEquals(200, state.statusCode());
    assertFalse(state.body().contains("Vals alarm"), "nothing was paused: " + state.body());
    assertEquals(200, new DemoClient(app).signIn("sanne").post("simulate",
        "{\"channel\":\"whatsapp-gemeente\",\"text\":\"Hallo\"}").statusCode());
  }

  @Test
  void whoActsIsWhoSignedInAndEveryChangeNeedsTheSessionsToken() throws Exception {
    HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(
        URI.create(app.url() + "api/conversations")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());
    assertTrue(anonymous.body().contains("Meld u eerst aan"), anonymous.body());

    DemoClient anna = new DemoClient(app);
    assertEquals(400, anna.post("session", "{\"user\":\"mallory\"}").statusCode());
    DemoClient sanne = new DemoClient(app).signIn("sanne");
    HttpResponse<String> cookie = new DemoClient(app).post("session", "{\"user\":\"carla\"}");
    String setCookie = cookie.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);

    String draft = "{\"draft\":{\"text\":\"Vanaf 1 april haalt de gemeente het grofvuil op.\","
        + "\"channels\":[\"facebook-gemeente\"]}}";
    assertEquals(403, sanne.post("publications", draft, "not-the-token").statusCode(),
        "a change without the session's CSRF token");
    HttpResponse<String> made = sanne.post("publications",
        draft.replace("{\"draft\"", "{\"by\":\"carla\",\"draft\""));
    assertEquals(200, made.statusCode(), made.body());
    assertTrue(made.body().contains("\"author\":\"sanne\""),
        "the signed-in user made it, whatever 'by' said: " + made.body());
  }

  @Test
  void aRequestForAnotherHostIsRefused() throws Exception {
    URI url = URI.create(app.url());
    try (Socket s = new Socket(url.getHost(), url.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /api/conversations HTTP/1.1\r\nHost: rebound.example:" + url.getPort()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
      assertEquals("HTTP/1.1 403 Forbidden", status);
    }
  }

  @Test
  void badJsonAndHugeBodiesAreAnsweredInDutch() throws Exception {
    HttpResponse<String> broken = post("simulate", "application/json", origin(),
        "{\"channel\":");
    assertEquals(400, broken.statusCode());
    assertTrue(broken.body().contains("geen geldige JSON"), broken.body());
    HttpResponse<String> huge = post("simulate", "application/json", origin(),
        "{\"text\":\"" + "x".repeat(200_000) + "\"}");
    assertEquals(413, huge.statusCode());
    assertTrue(huge.body().contains("te groot"), huge.body());
  }
}
