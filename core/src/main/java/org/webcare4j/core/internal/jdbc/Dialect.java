package org.webcare4j.core.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.webcare4j.core.error.StoreException;

/** The differences between the databases the JDBC store runs on. */
enum Dialect {
  /** H2 2.x, embedded: one process holds the file, so claims need no row locks. */
  H2("CHARACTER VARYING", "", ""),
  /** PostgreSQL 12 or later, shared by several instances. */
  POSTGRESQL("TEXT", " FOR UPDATE SKIP LOCKED", "SELECT pg_advisory_xact_lock(7246310411)");

  final String textType;
  final String skipLocked;
  final String migrationLock;

  Dialect(String textType, String skipLocked, String migrationLock) {
    this.textType = textType;
    this.skipLocked = skipLocked;
    this.migrationLock = migrationLock;
  }

  static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("h2")) {
      return H2;
    }
    throw new StoreException("the JDBC store runs on H2 or PostgreSQL, not on " + product);
  }
}
