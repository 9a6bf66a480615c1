package org.webcare4j.core.tone;

/** How much a tone finding matters. */
public enum Severity {
  /** The reply cannot be sent without a named override and a reason. */
  BLOCK,
  /** Shown to the agent, who decides. */
  WARN,
  /** A hint. */
  INFO
}
