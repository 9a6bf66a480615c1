/**
 * The store SPI: where conversations, messages, contacts, the inbound event log and channel
 * cursors are kept. {@link org.webcare4j.core.store.memory.InMemoryWebcareStore#create()} is for
 * tests and tiny hosts; {@link org.webcare4j.core.store.jdbc.JdbcWebcareStore} for production.
 * The implementations live in packages of their own, so this one depends on none of them.
 */
package org.webcare4j.core.store;
