/**
 * The relational store: {@link org.webcare4j.core.store.jdbc.JdbcWebcareStore}, on an embedded H2
 * file or on PostgreSQL. A package of its own so that the store API does not depend on its
 * implementations.
 */
package org.webcare4j.core.store.jdbc;
