/**
 * What channels report: a sealed family of immutable inbound events, and the listener that
 * receives them once they are stored.
 */
package org.webcare4j.core.event;
