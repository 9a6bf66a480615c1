package org.webcare4j.core.tone;

/** How a reply addresses the inwoner in Dutch. */
public enum AddressForm {
  /** Informal: je, jij, jouw. The default on social channels. */
  JIJ,
  /** Formal: u, uw. The default on e-mail. */
  U,
  /** Either, as long as one reply does not mix them. */
  ANY
}
