/**
 * The rulebook webcare4j ships: {@link org.webcare4j.core.rulebook.Rulebook} gives the built-in
 * tone rules and the Dutch municipality's profile, and reads an organisation's profile file on
 * top of it. The rule engine itself ({@link org.webcare4j.core.tone}) knows none of these rules.
 */
package org.webcare4j.core.rulebook;
