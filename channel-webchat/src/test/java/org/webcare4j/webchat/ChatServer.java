package org.webcare4j.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.model.ChannelId;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;

/** A website with the chat on the JDK server, a Webcare behind it, and an HTTP client. */
final class ChatServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ChannelId ID = ChannelId.of("webchat");

  final HttpServer server;
  final ExecutorService executor = Executors.newCachedThreadPool();
  final WebchatChannel channel;
  final Webcare webcare;
  final String base;
  final String origin;
  final OkHttpClient http = new OkHttpClient.Builder()
      .readTimeout(java.time.Duration.ofSeconds(40)).build();

  ChatServer(UnaryOperator<WebchatChannel.Builder> config, String lang) throws IOException {
    this(config, lang, InMemoryWebcareStore.create());
  }

  ChatServer(UnaryOperator<WebchatChannel.Builder> config, String lang, WebcareStore store)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    origin = "http://127.0.0.1:" + server.getAddress().getPort();
    base = origin + "/webchat/";
    channel = config.apply(WebchatChannel.builder(ID).allowedOrigins(origin)).build();
    webcare = Webcare.builder().store(store).channel(channel).build();
    server.createContext("/webchat/", new WebchatHttpHandler(channel, "/webchat/"));
    server.createContext("/", exchange -> {
      byte[] page = page(lang, exchange.getRequestURI().getQuery() != null
          && exchange.getRequestURI().getQuery().contains("noeventsource"));
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    server.start();
  }

  private static byte[] page(String lang, boolean withoutEventSource) {
    return ("<!doctype html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
        + "<title>Gemeente Voorbeeld</title></head><body><main><h1>Gemeente Voorbeeld</h1>"
        + "<p>Welkom op de website van de gemeente.</p><a href=\"#\">Afval</a></main>"
        + (withoutEventSource ? "<script>delete window.EventSource;</script>" : "")
        + "<script src=\"/webchat/widget.js\" data-lang=\"" + lang + "\" defer></script>"
        + "</body></html>").getBytes(StandardCharsets.UTF_8);
  }

  /** A call to the chat's API: method, route, token or null, JSON body or null, origin. */
  Response call(String method, String route, String token, String json, String from)
      throws IOException {
    Request.Builder b = new Request.Builder().url(base + route);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (from != null) {
      b.header("Origin", from);
    }
    if (method.equals("GET")) {
      b.get();
    } else {
      b.method(method, RequestBody.create(json == null ? "" : json,
          MediaType.get("application/json")));
    }
    return http.newCall(b.build()).execute();
  }

  JsonNode json(Response r) throws IOException {
    try (r) {
      return JSON.readTree(r.body().string());
    }
  }

  String session() throws IOException {
    return json(call("POST", "session", null, "{\"lang\":\"nl\"}", origin)).path("token")
        .asText();
  }

  String ticket(String token) throws IOException {
    return json(call("POST", "stream/ticket", token, null, origin)).path("ticket").asText();
  }

  int send(String token, String text, String clientId) throws IOException {
    try (Response r = call("POST", "messages", token, JSON.writeValueAsString(Map.of("text", text,
        "clientId", clientId)), origin)) {
      return r.code();
    }
  }

  @Override
  public void close() {
    webcare.close();
    server.stop(0);
    executor.shutdownNow();
    http.dispatcher().executorService().shutdown();
  }
}
