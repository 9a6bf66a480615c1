package org.webcare4j.core.channel;

import java.time.Clock;
import org.webcare4j.core.http.PlatformHttp;

/** What the dispatcher hands a channel with each operation to carry out. */
public interface OperationContext {

  /**
   * Returns the HTTP executor for this channel.
   *
   * @return the executor
   */
  PlatformHttp http();

  /**
   * Returns where to report the platform's rate-limit headers.
   *
   * @return the feedback sink
   */
  RateLimitFeedback rateLimits();

  /**
   * Returns the library's clock.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * Returns the entry's idempotency key, to pass on to platforms that accept one.
   *
   * @return the key
   */
  String idempotencyKey();
}
