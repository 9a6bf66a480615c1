package org.webcare4j.benchmarks;

import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.message;
import static org.webcare4j.core.testing.Deliveries.signed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.internal.NoDelaySocketFactory;
import org.webcare4j.core.model.ConversationId;
import org.webcare4j.core.model.InboxQuery;
import org.webcare4j.core.model.Participant;
import org.webcare4j.core.outbox.OutboundMessage;
import org.webcare4j.core.outbox.OutboxEntry;
import org.webcare4j.core.outbox.OutboxState;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.testing.HttpTestChannel;
import org.webcare4j.core.testing.TestPlatform;

/**
 * The library's send path (store the message and outbox entry, dispatcher claims it, throttle,
 * retry and breaker policies, HTTP call, record the outcome) against a raw OkHttp call of the
 * same request to the same local simulator. Run {@link #main} to get the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SendPathBenchmark {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Participant AGENT = Participant.agent("u-1", "Sanne");

  /** Which store the send path writes to. */
  @Param({"memory", "h2"})
  public String store;

  private TestPlatform platform;
  private OkHttpClient raw;
  private Webcare webcare;
  private WebcareStore webcareStore;
  private Path directory;
  private final List<ConversationId> conversations = new ArrayList<>();
  private long counter;

  /**
   * Starts the simulator and a {@code Webcare} with 1,000 open conversations.
   *
   * @throws IOException when the simulator cannot start
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    platform = new TestPlatform();
    // The same client settings as the library's default client, so only the path differs.
    raw = new OkHttpClient.Builder().socketFactory(new NoDelaySocketFactory()).build();
    HttpTestChannel channel = new HttpTestChannel("bench", platform.url());
    if (store.equals("h2")) {
      directory = Files.createTempDirectory("webcare4j-bench");
      webcareStore = JdbcWebcareStore.embedded(directory);
    } else {
      webcareStore = InMemoryWebcareStore.create();
    }
    webcare = Webcare.builder().store(webcareStore).channel(channel).build();
    long now = Instant.now().getEpochSecond();
    for (int i = 0; i < 1000; i++) {
      webcare.webhooks().handle(signed(channel.receiver(),
          body(message("in-" + i, "316" + (10_000_000 + i), "Vraag", now))));
    }
    InboxQuery query = InboxQuery.builder().limit(500).build();
    while (true) {
      var page = webcare.inbox().query(query);
      page.items().forEach(c -> conversations.add(c.id()));
      if (page.nextCursor().isEmpty()) {
        break;
      }
      query = query.after(page.nextCursor().get());
    }
  }

  /** Stops everything. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    webcare.close();
    webcareStore.close();
    platform.close();
    raw.dispatcher().executorService().shutdown();
  }

  /**
   * The baseline: the same request, sent directly with OkHttp.
   *
   * @return the platform's answer
   * @throws IOException when the call fails
   */
  @Benchmark
  public String rawOkHttp() throws IOException {
    long n = ++counter;
    Request request = new Request.Builder()
        .url(platform.url().newBuilder().addPathSegment("messages").build())
        .header("Idempotency-Key", "raw-" + n)
        .post(RequestBody.create("{\"to\":\"31610000000\",\"text\":\"Antwoord " + n + "\"}",
            JSON))
        .build();
    try (Response response = raw.newCall(request).execute()) {
      return response.body().string();
    }
  }

  /**
   * The library's path, from {@code outbox().send} until the entry is marked sent.
   *
   * @return the sent entry
   * @throws Exception when it does not complete
   */
  @Benchmark
  public OutboxEntry outboxSend() throws Exception {
    long n = ++counter;
    ConversationId conversation = conversations.get((int) (n % conversations.size()));
    OutboxEntry done = webcare.outbox().send(conversation,
        OutboundMessage.text(AGENT, "Antwoord " + n).build()).await(Duration.ofSeconds(30));
    if (done.state() != OutboxState.SENT) {
      throw new IllegalStateException("not sent: " + done);
    }
    return done;
  }

  /**
   * Runs both benchmarks and prints the send path's time as a multiple of the raw call's.
   *
   * @param args ignored
   * @throws Exception when the run fails
   */
  public static void main(String[] args) throws Exception {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(SendPathBenchmark.class.getSimpleName()).build()).run();
    for (String store : List.of("memory", "h2")) {
      double base = score(results, "rawOkHttp", store);
      double path = score(results, "outboxSend", store);
      System.out.printf("store=%s: raw OkHttp %.1f us/op, outbox send path %.1f us/op,"
          + " ratio %.2f%n", store, base, path, path / base);
    }
  }

  private static double score(Collection<RunResult> results, String method, String store) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
        .filter(r -> store.equals(r.getParams().getParam("store")))
        .mapToDouble(r -> r.getPrimaryResult().getScore())
        .findFirst().orElseThrow();
  }
}
