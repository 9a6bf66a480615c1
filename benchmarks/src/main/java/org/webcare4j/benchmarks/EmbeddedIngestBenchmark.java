package org.webcare4j.benchmarks;

import static org.webcare4j.core.testing.Deliveries.body;
import static org.webcare4j.core.testing.Deliveries.message;
import static org.webcare4j.core.testing.Deliveries.signed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.webcare4j.core.Webcare;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.testing.TestChannel;
import org.webcare4j.core.webhook.WebhookRequest;

/**
 * Signed webhook deliveries filed on an embedded H2 file by 16 threads at once (the JDK adapter's
 * default pool), one new conversation each, in three set-ups: H2's default write delay (commits
 * kept in memory for up to half a second: fast, not durable, the old default), every commit
 * written before it returns ({@code WRITE_DELAY=0}, durable, one write per delivery), and {@link
 * JdbcWebcareStore#embedded}, durable with group commit. Run {@link #main} for the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Threads(16)
@Fork(1)
public class EmbeddedIngestBenchmark {
  /** How the embedded database commits. */
  @Param({"writeDelay", "durable", "groupCommit"})
  public String commit;

  private final AtomicLong counter = new AtomicLong();
  private final long now = Instant.now().getEpochSecond();
  private TestChannel channel;
  private Webcare webcare;
  private WebcareStore store;
  private JdbcConnectionPool pool;
  private Path directory;

  /**
   * Opens the database in a fresh directory.
   *
   * @throws IOException when the directory cannot be made
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("webcare4j-ingest");
    String url = "jdbc:h2:file:" + directory.resolve("webcare4j") + ";DB_CLOSE_ON_EXIT=FALSE";
    store = switch (commit) {
      case "writeDelay" -> JdbcWebcareStore.create(open(url));
      case "durable" -> JdbcWebcareStore.create(open(url + ";WRITE_DELAY=0"));
      default -> JdbcWebcareStore.embedded(directory);
    };
    channel = new TestChannel("bench", org.webcare4j.core.model.Secret.of("app-secret"),
        org.webcare4j.core.model.Secret.of("verify"));
    webcare = Webcare.builder().store(store).channel(channel).dispatchExecutor(Runnable::run)
        .build();
  }

  private DataSource open(String url) {
    pool = JdbcConnectionPool.create(url, "", "");
    pool.setMaxConnections(32);
    return pool;
  }

  /** Closes the database. */
  @TearDown(Level.Trial)
  public void tearDown() {
    webcare.close();
    store.close();
    if (pool != null) {
      pool.dispose();
    }
  }

  /**
   * One signed delivery of one new message, through verification, parsing and the store.
   *
   * @return the status answered
   */
  @Benchmark
  public int deliver() {
    long n = counter.incrementAndGet();
    WebhookRequest request = signed(channel,
        body(message("in-" + n, "316" + (10_000_000 + n), "Vraag " + n, now)));
    int status = webcare.webhooks().handle(request).status();
    if (status != 200) {
      throw new IllegalStateException("answered " + status);
    }
    return status;
  }

  /**
   * Runs the three set-ups and prints each one's deliveries per second and its ratio to H2's
   * default write delay.
   *
   * @param args ignored
   * @throws Exception when the run fails
   */
  public static void main(String[] args) throws Exception {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(EmbeddedIngestBenchmark.class.getSimpleName()).build()).run();
    double base = score(results, "writeDelay");
    for (String commit : new String[] {"writeDelay", "durable", "groupCommit"}) {
      double s = score(results, commit);
      System.out.printf("commit=%s: %.0f deliveries/s, %.2f x the write-delay baseline%n",
          commit, s, s / base);
    }
  }

  private static double score(Collection<RunResult> results, String commit) {
    return results.stream()
        .filter(r -> commit.equals(r.getParams().getParam("commit")))
        .mapToDouble(r -> r.getPrimaryResult().getScore())
        .findFirst().orElseThrow();
  }
}
