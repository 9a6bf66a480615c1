/**
 * The in-memory store: {@link org.webcare4j.core.store.memory.InMemoryWebcareStore#create()}.
 * Apart from the store API it depends on, nothing in core reaches this package, so the
 * implementation behind it stays out of core's package graph.
 */
package org.webcare4j.core.store.memory;
