package org.webcare4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.webcare4j.core.channel.Channel;
import org.webcare4j.core.store.WebcareStore;
import org.webcare4j.core.store.jdbc.JdbcWebcareStore;
import org.webcare4j.core.store.memory.InMemoryWebcareStore;
import org.webcare4j.core.webhook.WebhookRequest;

/**
 * One {@link WebhookProbe} per kind of store: in memory, an embedded H2 file, and PostgreSQL
 * when the caller hands it a data source. For fuzz properties that must hold on every store,
 * since each refuses other things (PostgreSQL U+0000, the JDBC stores their column widths).
 *
 * <pre>{@code
 * StoreProbes probes = StoreProbes.start(() -> channel(), signer, postgresDataSource);
 * probes.get("postgres").deliver(body);
 * }</pre>
 */
public final class StoreProbes implements AutoCloseable {
  private final Map<String, WebhookProbe> probes = new LinkedHashMap<>();
  private final Map<String, WebcareStore> stores = new LinkedHashMap<>();
  private final Path h2Directory;

  private StoreProbes(Supplier<Channel> channel, Function<byte[], WebhookRequest> signer,
      DataSource postgres) {
    try {
      h2Directory = Files.createTempDirectory("webcare4j-probe");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stores.put("memory", InMemoryWebcareStore.create());
    stores.put("h2", JdbcWebcareStore.embedded(h2Directory));
    if (postgres != null) {
      stores.put("postgres", JdbcWebcareStore.create(postgres));
    }
    stores.forEach((name, store) -> probes.put(name, WebhookProbe.of(channel.get(), store,
        signer)));
  }

  /**
   * Starts a probe on memory and H2, and on PostgreSQL when a data source is given.
   *
   * @param channel makes the channel, once per store
   * @param signer turns a body into the request the platform would send
   * @param postgres a PostgreSQL data source, or null to leave PostgreSQL out
   * @return the probes; close them
   */
  public static StoreProbes start(Supplier<Channel> channel,
      Function<byte[], WebhookRequest> signer, DataSource postgres) {
    return new StoreProbes(Objects.requireNonNull(channel, "channel"),
        Objects.requireNonNull(signer, "signer"), postgres);
  }

  /**
   * Returns the names of the stores probed.
   *
   * @return {@code memory}, {@code h2} and, when given, {@code postgres}
   */
  public List<String> names() {
    return List.copyOf(probes.keySet());
  }

  /**
   * Returns the probe on one store.
   *
   * @param name a name from {@link #names()}
   * @return the probe
   */
  public WebhookProbe get(String name) {
    WebhookProbe probe = probes.get(name);
    if (probe == null) {
      throw new IllegalArgumentException("no store " + name + "; these are " + names());
    }
    return probe;
  }

  @Override
  public void close() {
    probes.values().forEach(WebhookProbe::close);
    stores.values().forEach(WebcareStore::close);
    try (var files = Files.walk(h2Directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory the OS cleans up
    }
  }
}
