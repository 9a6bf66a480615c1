package org.webcare4j.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.message;

import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.http.HttpServlet;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.event.EventRecord;
import org.webcare4j.core.model.Secret;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.testing.TestChannel;
import org.webcare4j.core.webhook.servlet.WebhookServlet;

/** Both host adapters, over real HTTP: the same answers whichever server the host runs. */
class HostAdaptersTest {
  private static final String BODY = body(message("wamid.1", "31612345678", "Hallo", 1700000000));

  private final TestChannel channel =
      new TestChannel("whatsapp-main", Secret.of("app-secret"), Secret.of("verify-me"));
  private final List<EventRecord> received = new CopyOnWriteArrayList<>();
  private final Webcare webcare = Webcare.builder()
      .store(InMemoryWebcareStore.create())
      .channel(channel)
      .listener(received::add)
      .dispatchExecutor(Runnable::run)
      .maxWebhookBodyBytes(4096)
      .build();
  private final HttpClient client = HttpClient.newHttpClient();
  private AutoCloseable server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    webcare.close();
  }

  interface Host {
    /** Starts a server with the webhooks mounted under /hooks and returns its base URI. */
    URI start(HostAdaptersTest test) throws Exception;
  }

  static Stream<Host> hosts() {
    return Stream.of(
        new Host() {
          @Override
          public URI start(HostAdaptersTest t) throws Exception {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/hooks", t.webcare.webhooks().httpHandler());
            http.start();
            t.server = () -> http.stop(0);
            return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
          }

          @Override
          public String toString() {
            return "JDK HttpServer";
          }
        },
        new Host() {
          @Override
          public URI start(HostAdaptersTest t) throws Exception {
            Server jetty = new Server(0);
            ServletContextHandler context = new ServletContextHandler();
            HttpServlet servlet = new WebhookServlet(t.webcare.webhooks());
            context.addServlet(new ServletHolder(servlet), "/hooks/*");
            jetty.setHandler(context);
            jetty.start();
            t.server = jetty::stop;
            return URI.create("http://127.0.0.1:"
                + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
          }

          @Override
          public String toString() {
            return "Jetty servlet";
          }
        });
  }

  private HttpResponse<String> post(URI base, byte[] body, String signature) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/hooks/whatsapp-main"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header(TestChannel.SIGNATURE_HEADER, signature);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void deliversASignedCall(Host host) throws Exception {
    URI base = host.start(this);
    byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = post(base, bytes, channel.sign(bytes));
    assertEquals(200, response.statusCode());
    assertEquals(1, received.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void answersTheHandshake(Host host) throws Exception {
    URI base = host.start(this);
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(
            "/hooks/whatsapp-main?hub.mode=subscribe&hub.verify_token=verify-me"
                + "&hub.challenge=abc%20123")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    assertEquals("abc 123", response.body());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void refusesMissingAndTamperedSignatures(Host host) throws Exception {
    URI base = host.start(this);
    byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
    assertEquals(401, post(base, bytes, null).statusCode());
    byte[] tampered = bytes.clone();
    tampered[20] ^= 1;
    assertEquals(403, post(base, tampered, channel.sign(bytes)).statusCode());
    assertTrue(received.isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void refusesAnOversizedBodyByItsDeclaredLength(Host host) throws Exception {
    URI base = host.start(this);
    byte[] big = new byte[64 * 1024];
    HttpResponse<String> response = post(base, big, channel.sign(big));
    assertEquals(413, response.statusCode());
    assertTrue(response.body().contains("4096"));
  }

  /**
   * A client declares a large body and never sends it. On the JDK server's default executor
   * (its one dispatcher thread) it got no answer and held every other delivery up.
   */
  @org.junit.jupiter.api.Test
  void aClientThatNeverSendsItsDeclaredBodyIsAnsweredAtOnceAndHoldsNothingUp()
      throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/hooks", webcare.webhooks().httpHandler()); // no executor: the default
    http.start();
    server = () -> http.stop(0);
    int port = http.getAddress().getPort();
    try (java.net.Socket slow = new java.net.Socket("127.0.0.1", port)) {
      slow.setSoTimeout(5_000);
      slow.getOutputStream().write(("POST /hooks/whatsapp-main HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Length: 10000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(
          slow.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      assertEquals("HTTP/1.1 413 Request Entity Too Large", status);

      // the slow client is still connected, body unsent: another delivery goes through
      HttpClient quick = HttpClient.newBuilder()
          .connectTimeout(java.time.Duration.ofSeconds(5)).build();
      byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> response = quick.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/hooks/whatsapp-main"))
          .timeout(java.time.Duration.ofSeconds(5))
          .header(TestChannel.SIGNATURE_HEADER, channel.sign(bytes))
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertEquals(1, received.size());
    }
  }

  /**
   * A client sends part of its body and then nothing. Without a deadline the thread reading it
   * waited for ever; with a one-thread pool that was every delivery.
   */
  @org.junit.jupiter.api.Test
  void aBodyThatStopsHalfWayHasItsConnectionClosedAtTheDeadlineAndFreesTheThread()
      throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newFixedThreadPool(1);
    http.setExecutor(one);
    http.createContext("/hooks",
        new WebhookHttpHandler(webcare.webhooks(), java.time.Duration.ofMillis(300)));
    http.start();
    server = () -> {
      http.stop(0);
      one.shutdownNow();
    };
    int port = http.getAddress().getPort();
    try (java.net.Socket slow = new java.net.Socket("127.0.0.1", port)) {
      slow.setSoTimeout(10_000);
      slow.getOutputStream().write(("POST /hooks/whatsapp-main HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Length: 100\r\n\r\n{\"object\":").getBytes(StandardCharsets.US_ASCII));
      slow.getOutputStream().flush();
      long start = System.nanoTime();
      int read;
      try {
        read = slow.getInputStream().read();
      } catch (java.net.SocketException reset) {
        read = -1;
      }
      assertEquals(-1, read, "the connection is closed, not answered");
      assertTrue(System.nanoTime() - start < 9_000_000_000L, "closed by the deadline");

      // the one thread is free again, and not left interrupted: a delivery goes through
      byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 3; i++) {
        assertEquals(200, post(URI.create("http://127.0.0.1:" + port), bytes,
            channel.sign(bytes)).statusCode());
      }
      assertEquals(1, received.size(), "one message, delivered three times, filed once");
    }
  }

  @org.junit.jupiter.api.Test
  void theBodyDeadlineMustBePositive() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new WebhookHttpHandler(webcare.webhooks(), java.time.Duration.ZERO));
  }

  @org.junit.jupiter.api.Test
  void theOneLineMountGivesTheServerABoundedExecutor() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    WebhookHttpHandler.mount(http, "/hooks", webcare.webhooks());
    assertTrue(http.getExecutor() instanceof java.util.concurrent.ThreadPoolExecutor pool
        && pool.getMaximumPoolSize() == 16, String.valueOf(http.getExecutor()));
    http.start();
    server = () -> http.stop(0);
    byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
    assertEquals(200, post(URI.create("http://127.0.0.1:" + http.getAddress().getPort()), bytes,
        channel.sign(bytes)).statusCode());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void refusesAnOversizedChunkedBodyWhileReading(Host host) throws Exception {
    URI base = host.start(this);
    byte[] big = new byte[64 * 1024];
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/hooks/whatsapp-main"))
        .header(TestChannel.SIGNATURE_HEADER, channel.sign(big))
        // a stream publisher has no length, so the body is sent chunked
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream)
            new ByteArrayInputStream(big)))
        .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(413, response.statusCode());
    assertTrue(received.isEmpty());
  }
}
