package org.webcare4j.core.model;

import org.webcare4j.core.internal.text.IdRules;

/** Shared validation for the id value types; not part of the API. */
final class Ids {
  private Ids() {}

  static String requireValid(String value, String what) {
    return IdRules.requireValid(value, what);
  }
}
