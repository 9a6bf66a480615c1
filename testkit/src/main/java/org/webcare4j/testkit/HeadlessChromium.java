package org.webcare4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A real headless Chromium (Debian's {@code chromium} package, or the binary named by the {@code
 * CHROMIUM} environment variable) driven over the Chrome DevTools Protocol, for browser tests of
 * pages the project serves: navigate, evaluate script, press keys, take screenshots. Started with
 * {@code --headless --no-sandbox --disable-gpu --disable-background-networking} and a fresh
 * profile, and stopped on {@link #close()}.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final int port;
  private final OkHttpClient http = new OkHttpClient.Builder()
      .readTimeout(Duration.ofSeconds(60)).build();

  private HeadlessChromium(Process process, Path profile, int port) {
    this.process = process;
    this.profile = profile;
    this.port = port;
  }

  /**
   * Finds the browser binary.
   *
   * @return its path, if installed
   */
  public static Optional<Path> binary() {
    return Stream.concat(Optional.ofNullable(System.getenv("CHROMIUM")).stream(),
            Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser"))
        .map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /**
   * Starts a browser.
   *
   * @return the running browser
   * @throws IllegalStateException when no browser is installed or it does not start
   */
  public static HeadlessChromium launch() {
    Path bin = binary().orElseThrow(() -> new IllegalStateException(
        "no Chromium: install Debian's chromium package or set CHROMIUM"));
    try {
      Path profile = Files.createTempDirectory("webcare4j-chromium");
      Process p = new ProcessBuilder(bin.toString(), "--headless", "--no-sandbox",
          "--disable-gpu", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
          "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1280,900",
          "about:blank")
          .redirectErrorStream(true)
          .redirectOutput(profile.resolve("chromium.log").toFile())
          .start();
      Path active = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + START.toNanos();
      while (System.nanoTime() < deadline) {
        if (Files.exists(active)) {
          List<String> lines = Files.readAllLines(active);
          if (!lines.isEmpty() && !lines.get(0).isBlank()) {
            return new HeadlessChromium(p, profile, Integer.parseInt(lines.get(0).trim()));
          }
        }
        if (!p.isAlive()) {
          throw new IllegalStateException("Chromium exited: "
              + Files.readString(profile.resolve("chromium.log")));
        }
        Thread.sleep(50);
      }
      p.destroyForcibly();
      throw new IllegalStateException("Chromium did not open its debugging port in " + START);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens a new tab.
   *
   * @return the tab
   */
  public Page newPage() {
    Request request = new Request.Builder()
        .url("http://127.0.0.1:" + port + "/json/new?about:blank")
        .put(RequestBody.create(new byte[0])).build();
    try (Response r = http.newCall(request).execute()) {
      JsonNode target = JSON.readTree(r.body().string());
      return new Page(target.path("webSocketDebuggerUrl").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One browser tab, driven over its DevTools WebSocket. */
  public final class Page implements AutoCloseable {
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Page(String url) {
      this.socket = http.newWebSocket(new Request.Builder().url(url).build(),
          new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
              try {
                JsonNode msg = JSON.readTree(text);
                if (msg.has("id")) {
                  CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asLong());
                  if (f != null) {
                    f.complete(msg);
                  }
                }
              } catch (IOException ignored) {
                // not a protocol message
              }
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
              pending.values().forEach(f -> f.completeExceptionally(t));
            }
          });
      send("Page.enable", JSON.createObjectNode());
      send("Runtime.enable", JSON.createObjectNode());
    }

    /**
     * Sends a DevTools command and waits for its answer.
     *
     * @param method such as {@code Page.navigate}
     * @param params its parameters
     * @return the result
     */
    public JsonNode send(String method, ObjectNode params) {
      long id = ids.incrementAndGet();
      CompletableFuture<JsonNode> answer = new CompletableFuture<>();
      pending.put(id, answer);
      ObjectNode msg = JSON.createObjectNode();
      msg.put("id", id);
      msg.put("method", method);
      msg.set("params", params);
      socket.send(msg.toString());
      try {
        JsonNode r = answer.get(30, TimeUnit.SECONDS);
        if (r.has("error")) {
          throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.path("result");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException(method + " did not answer", e);
      }
    }

    /**
     * Loads a page and waits until it has loaded.
     *
     * @param url the address
     */
    public void navigate(String url) {
      ObjectNode p = JSON.createObjectNode();
      p.put("url", url);
      send("Page.navigate", p);
      waitFor("document.readyState === 'complete'", Duration.ofSeconds(20));
    }

    /**
     * Evaluates an expression in the page, awaiting a promise.
     *
     * @param expression the JavaScript
     * @return its value as JSON
     */
    public JsonNode eval(String expression) {
      ObjectNode p = JSON.createObjectNode();
      p.put("expression", expression);
      p.put("returnByValue", true);
      p.put("awaitPromise", true);
      JsonNode r = send("Runtime.evaluate", p);
      if (r.has("exceptionDetails")) {
        throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
      }
      return r.path("result").path("value");
    }

    /**
     * Waits until an expression is true.
     *
     * @param condition the JavaScript condition
     * @param timeout how long to wait
     * @throws IllegalStateException when it stays false
     */
    public void waitFor(String condition, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (eval("!!(" + condition + ")").asBoolean(false)) {
          return;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      throw new IllegalStateException("still false after " + timeout + ": " + condition);
    }

    /**
     * Presses a key as the keyboard does (down, then up), such as {@code Tab}, {@code Escape} or
     * {@code Enter}.
     *
     * @param key the key's name
     */
    public void press(String key) {
      Map<String, Integer> codes = Map.of("Tab", 9, "Enter", 13, "Escape", 27);
      for (String type : List.of("keyDown", "keyUp")) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", type);
        p.put("key", key);
        p.put("code", key);
        p.put("windowsVirtualKeyCode", codes.getOrDefault(key, 0));
        if (key.equals("Enter") && type.equals("keyDown")) {
          p.put("text", "\r");
        }
        send("Input.dispatchKeyEvent", p);
      }
    }

    /**
     * Types text into the focused element as keyboard input.
     *
     * @param text the text
     */
    public void type(String text) {
      ObjectNode p = JSON.createObjectNode();
      p.put("text", text);
      send("Input.insertText", p);
    }

    /**
     * Saves a PNG screenshot of the viewport.
     *
     * @param file where to save it
     */
    public void screenshot(Path file) {
      ObjectNode p = JSON.createObjectNode();
      p.put("format", "png");
      String data = send("Page.captureScreenshot", p).path("data").asText();
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(data));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      socket.close(1000, "done");
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temporary profile; the OS cleans up
    }
  }
}
