package org.openucp.clinical.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: the real time, moved forward when a test needs a deadline to pass. Tests that move it
 * put it back ({@link #reset}) so that the next test starts at the real time.
 */
@ApplicationScoped
public class TestClock {

  private static volatile Duration ahead = Duration.ZERO;

  private static final Clock CLOCK = new Clock() {
    private final Clock real = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("The service's clock is UTC");
    }

    @Override
    public Instant instant() {
      return real.instant().plus(ahead);
    }
  };

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  Clock clock() {
    return CLOCK;
  }

  /** Moves the service's time forward by {@code duration}, as if that much time had passed. */
  public static void advance(Duration duration) {
    ahead = ahead.plus(duration);
  }

  public static void reset() {
    ahead = Duration.ZERO;
  }
}
