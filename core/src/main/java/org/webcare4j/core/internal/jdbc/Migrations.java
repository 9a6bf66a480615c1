package org.webcare4j.core.internal.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.error.StoreException;

/**
 * Creates and upgrades the schema, one numbered migration at a time, recorded in {@code
 * wc_schema_version}. On PostgreSQL an advisory lock makes instances that start together migrate
 * one after the other.
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private record Migration(int version, String description, String resource) {}

  private static final List<Migration> ALL = List.of(
      new Migration(1, "initial schema", "V1__initial.sql"),
      new Migration(2, "tone flags and overrides", "V2__tone.sql"),
      new Migration(3, "publications", "V3__publications.sql"),
      new Migration(4, "publishing audit and crisis pause", "V4__publishing.sql"),
      new Migration(5, "channel journals", "V5__channel_journal.sql"),
      new Migration(6, "unreadable items", "V6__unreadable_items.sql"));

  private Migrations() {}

  static int latest() {
    return ALL.get(ALL.size() - 1).version();
  }

  static void migrate(DataSource dataSource, Dialect dialect, Clock clock) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        if (!dialect.migrationLock.isEmpty()) {
          s.execute(dialect.migrationLock);
        }
        s.execute("CREATE TABLE IF NOT EXISTS wc_schema_version (version INTEGER PRIMARY KEY,"
            + " description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
      }
      int current = current(c);
      if (current > latest()) {
        throw new StoreException("the database schema is at version " + current
            + ", newer than this webcare4j knows (" + latest() + "); upgrade webcare4j");
      }
      for (Migration m : ALL) {
        if (m.version() <= current) {
          continue;
        }
        log.info("migrating the webcare4j schema to version {} ({})", m.version(),
            m.description());
        try (Statement s = c.createStatement()) {
          for (String sql : statements(m.resource(), dialect)) {
            s.execute(sql);
          }
        }
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO wc_schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
          p.setInt(1, m.version());
          p.setString(2, m.description());
          p.setLong(3, clock.millis());
          p.executeUpdate();
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("migrating the webcare4j schema failed", e);
    }
  }

  private static int current(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM wc_schema_version")) {
      r.next();
      return r.getInt(1);
    }
  }

  private static List<String> statements(String resource, Dialect dialect) {
    String script;
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException("migration " + resource + " is missing from the jar");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("migration " + resource + " is not readable", e);
    }
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    List<String> result = new ArrayList<>();
    for (String statement : withoutComments.toString().split(";")) {
      if (!statement.isBlank()) {
        result.add(statement.strip().replace("{text}", dialect.textType));
      }
    }
    return result;
  }
}
