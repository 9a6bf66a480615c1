package org.webcare4j.examples.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls the demo's API as a signed-in demo user: its session cookie and CSRF token. */
final class DemoClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .build();
  private final String base;
  private String csrf = "";

  DemoClient(DemoApp app) {
    this.base = app.url() + "api/";
  }

  DemoClient signIn(String user) throws IOException, InterruptedException {
    HttpResponse<String> r = post("session", "{\"user\":\"" + user + "\"}");
    if (r.statusCode() != 200) {
      throw new IllegalStateException("sign-in refused: " + r.body());
    }
    csrf = JSON.readTree(r.body()).path("csrf").asText();
    return this;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode getJson(String path) throws IOException, InterruptedException {
    return JSON.readTree(get(path).body());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return post(path, json, csrf);
  }

  HttpResponse<String> post(String path, String json, String token)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json").header("X-CSRF-Token", token).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
