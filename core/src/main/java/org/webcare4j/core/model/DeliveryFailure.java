package org.webcare4j.core.model;

import java.util.Objects;

/**
 * Why a message or publication failed, in the platform's words.
 *
 * @param code the platform's error code, or a webcare4j code such as {@code "POSSIBLY_SENT"}
 * @param reason a readable explanation
 */
public record DeliveryFailure(String code, String reason) {

  public DeliveryFailure {
    Objects.requireNonNull(code, "code");
    if (code.length() > 200) {
      throw new IllegalArgumentException("code must be at most 200 characters");
    }
    Objects.requireNonNull(reason, "reason");
  }
}
