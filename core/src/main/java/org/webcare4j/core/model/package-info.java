/**
 * The webcare model: channels' ids, conversations, messages, contacts and publications, as
 * immutable values.
 *
 * <p>Every stored thing has a stable id of webcare4j's own and, where it came from or went to a
 * platform, the platform's id; the pair (channel, platform id) is unique.
 */
package org.webcare4j.core.model;
