package org.webcare4j.core.tone;

import org.webcare4j.core.channel.ChannelKind;
import org.webcare4j.core.model.Direction;

/**
 * One check of the rulebook. The built-in checks, the rules an organisation writes in its
 * profile file, and checks a host adds in code (such as spelling) all implement this.
 *
 * <p>Implementations must be thread-safe: one instance checks many texts at once.
 */
public interface ToneRule {

  /**
   * Returns the rule's stable id, in upper snake case, such as {@code PERSONAL_OPINION}.
   *
   * @return the id
   */
  String id();

  /**
   * Returns the severity the rule has when the profile does not set one.
   *
   * @return the default severity
   */
  Severity defaultSeverity();

  /**
   * Tells whether the rule checks texts of this channel kind and direction. By default a rule
   * checks outbound replies on every channel.
   *
   * @param kind the channel kind
   * @param direction {@code OUTBOUND} for replies, {@code INBOUND} for what inwoners send
   * @return true when it applies
   */
  default boolean appliesTo(ChannelKind kind, Direction direction) {
    return direction == Direction.OUTBOUND;
  }

  /**
   * Tells whether the rule checks a publication's text as well as replies; rules about
   * answering a person (sign-off, the three A's, canned answers) say no.
   *
   * @return true by default
   */
  default boolean appliesToPublications() {
    return true;
  }

  /**
   * Checks a text and reports what it finds.
   *
   * @param context the text and everything known about it
   * @param findings where to report
   */
  void check(ToneContext context, Findings findings);
}
