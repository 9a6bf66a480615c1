package org.webcare4j.core.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered ids (UUID version 7, RFC 9562): sortable by creation time, so database indexes
 * stay compact, and unguessable in their random part. Within one generator ids strictly increase
 * even inside one millisecond (the 12-bit counter of RFC 9562 method 1), so the outbox can keep
 * one thread's entries in the order they were stored.
 */
public final class IdGenerator {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private long lastMillis = -1;
  private long counter;

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
  public synchronized String next() {
    long millis = Math.max(clock.millis(), lastMillis);
    if (millis == lastMillis) {
      counter++;
      if (counter >= (1 << 12)) {
        millis++;
        counter = RANDOM.nextInt(1 << 10);
      }
    } else {
      counter = RANDOM.nextInt(1 << 10);
    }
    lastMillis = millis;
    long msb = (millis << 16) | (0x7L << 12) | counter;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
