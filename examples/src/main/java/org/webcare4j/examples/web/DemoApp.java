package org.webcare4j.examples.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.webcare4j.webchat.WebchatHttpHandler;

/**
 * The webcare4j demo as a web application: the unified inbox with the live tone check, the
 * publishing planner with the crisis pause, a simulator control for traffic, and the live chat
 * widget on a sample page — on the embedded H2 store and the platform simulators, no accounts
 * needed.
 *
 * <p>Run with {@code mvn -q -pl examples -am compile exec:java} and open the printed address.
 * Arguments: {@code --port N} (8080 by default, 0 for any free port), {@code --data DIR} (the H2
 * directory, {@code webcare4j-demo-data} by default), {@code --live} (real platforms, settings
 * from environment variables) or {@code --live=FILE} (from a properties file; see {@code
 * LiveSettings}).
 */
public final class DemoApp implements AutoCloseable {
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "webcare4j-demo-http");
    t.setDaemon(true);
    return t;
  });
  private final Demo demo;

  /**
   * Starts the demo.
   *
   * @param port the port, 0 for any free one
   * @param data the H2 directory
   * @param live the live settings, or null for the simulators
   * @throws IOException when the server cannot start
   */
  public DemoApp(int port, Path data, Properties live) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.setExecutor(executor);
    String origin = "http://127.0.0.1:" + server.getAddress().getPort();
    demo = live == null ? new Demo(data, origin) : new Demo(data, live, origin);
    server.createContext("/api/", new DemoApi(demo, origin));
    server.createContext("/webhooks", demo.webcare.webhooks().httpHandler());
    server.createContext("/webchat/", new WebchatHttpHandler(demo.webchat, "/webchat/"));
    server.createContext("/", this::file);
    server.start();
  }

  /**
   * Returns the address to open.
   *
   * @return the inbox's URL
   */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void file(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String name = path.equals("/") ? "index.html" : path.substring(1);
    if (!name.matches("[a-z\\-]+\\.(html|js|css)")) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    try (InputStream in = DemoApp.class.getResourceAsStream("/org/webcare4j/examples/web/"
        + name)) {
      if (in == null) {
        ex.sendResponseHeaders(404, -1);
        ex.close();
        return;
      }
      byte[] bytes = in.readAllBytes();
      ex.getResponseHeaders().set("Content-Type", TYPES.get(name.substring(
          name.lastIndexOf('.') + 1)));
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    demo.close();
    executor.shutdownNow();
  }

  /**
   * Runs the demo until the process is stopped.
   *
   * @param args {@code --port N}, {@code --data DIR}, {@code --live[=FILE]}
   * @throws IOException when the server cannot start or the settings file cannot be read
   */
  public static void main(String[] args) throws IOException {
    int port = 8080;
    Path data = Path.of("webcare4j-demo-data");
    Properties live = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--data") && i + 1 < args.length) {
        data = Path.of(args[++i]);
      } else if (args[i].equals("--live")) {
        live = new Properties();
      } else if (args[i].startsWith("--live=")) {
        live = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[i].substring(7)))) {
          live.load(r);
        }
      } else {
        throw new IllegalArgumentException("unknown argument " + args[i]
            + "; use --port N, --data DIR, --live or --live=FILE");
      }
    }
    DemoApp app = new DemoApp(port, data, live);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("webcare4j demo running: open " + app.url()
        + (live == null ? " (simulated platforms" : " (live platforms")
        + ", data in " + data.toAbsolutePath() + "). Stop with Ctrl+C.");
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
