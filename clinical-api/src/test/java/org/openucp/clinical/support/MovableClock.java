package org.openucp.clinical.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: real time until a test moves it ahead, so that a deadline can be watched passing
 * without sleeping. A test that moves it puts it back afterwards ({@link #reset}); the audit trail keeps the real
 * time regardless (see {@code WallClock}).
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {

  private static final Clock REAL = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));

  private volatile Duration ahead = Duration.ZERO;

  /** Moves the service's time on by {@code duration}, on top of any earlier move. */
  public void advance(Duration duration) {
    ahead = ahead.plus(duration);
  }

  /** Back to the real time. */
  public void reset() {
    ahead = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return REAL.instant().plus(ahead);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("The service's clock is UTC");
  }
}
