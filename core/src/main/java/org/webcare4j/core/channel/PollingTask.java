package org.webcare4j.core.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webcare4j.core.error.PlatformException;
import org.webcare4j.core.error.RateLimitedException;
import org.webcare4j.core.error.StoreException;
import org.webcare4j.core.model.ChannelId;

/**
 * Runs a channel's polling round on a thread of its own at a fixed delay: a round that fails is
 * logged and the next one tries again; a round refused with a rate limit pauses polling until the
 * platform's wait is over. Channels that poll (for accounts without webhooks) start one from
 * {@link Channel#start} and close it from {@link Channel#close}.
 */
public final class PollingTask implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PollingTask.class);

  private final ChannelId channel;
  private final String what;
  private final Runnable round;
  private final Duration interval;
  private final Clock clock;
  private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);
  private final ScheduledExecutorService timer;

  /**
   * Creates a task; nothing runs until {@link #start()}.
   *
   * @param channel the channel, named in the thread and the logs
   * @param what what is polled, for the logs
   * @param round one round: fetch, then ingest the events with their new position
   * @param interval the delay between rounds
   * @param clock the clock
   */
  public PollingTask(ChannelId channel, String what, Runnable round, Duration interval,
      Clock clock) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.what = Objects.requireNonNull(what, "what");
    this.round = Objects.requireNonNull(round, "round");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval must be positive");
    }
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "webcare4j-poll-" + channel.value());
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs a round now, then one every interval. */
  public void start() {
    timer.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs one round unless paused by a rate limit; never throws. */
  public void runOnce() {
    if (clock.instant().isBefore(pausedUntil.get())) {
      return;
    }
    try {
      round.run();
    } catch (RateLimitedException e) {
      pausedUntil.set(clock.instant().plus(e.retryAfter()));
      log.info("{}: polling {} rate-limited; next round in {}", channel, what, e.retryAfter());
    } catch (PlatformException | StoreException e) {
      log.warn("{}: polling {} failed; trying again next round", channel, what, e);
    } catch (RuntimeException e) {
      log.error("{}: polling {} failed unexpectedly; trying again next round", channel, what, e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
