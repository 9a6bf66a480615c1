package org.webcare4j.core.model;

/**
 * What the tone engine noticed in an inbound message, stored with it so an inbox can sort and
 * warn. The rulebook's inbound checks of the same names decide.
 */
public enum MessageFlag {
  /** Cursing, insults or threats: the team does not react to cursing; hide where possible. */
  ABUSIVE,
  /** Personal data posted in a public comment: suggest hiding it and offer a private channel. */
  PRIVACY_SHARED_PUBLICLY,
  /** Strongly negative, urgent or about a crisis: raise priority. */
  NEEDS_ATTENTION
}
