package org.webcare4j.core.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered ids (UUID version 7, RFC 9562): sortable by creation time, so database indexes
 * stay compact, and unguessable in their random part.
 */
public final class IdGenerator {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;

  /**
   * Creates a generator on a clock.
   *
   * @param clock the clock whose milliseconds lead the ids
   */
  public IdGenerator(Clock clock) {
    this.clock = clock;
  }

  /**
   * Returns a new id.
   *
   * @return a UUIDv7 in its canonical text form
   */
  public String next() {
    long millis = clock.millis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
