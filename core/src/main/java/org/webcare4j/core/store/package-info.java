/**
 * The store SPI: where conversations, messages, contacts, the inbound event log and channel
 * cursors are kept. {@link org.webcare4j.core.store.WebcareStore#inMemory()} is for tests and
 * tiny hosts; a JDBC store is for production.
 */
package org.webcare4j.core.store;
