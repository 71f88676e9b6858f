package org.openucp.web.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** One clock for the service, so that tests can reason about time without sleeping. */
@ApplicationScoped
public class Clocks {

  // Microsecond ticks, as PostgreSQL stores them: what a response shows is what a later read returns.
  private static final Clock MICROSECONDS = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));

  // A singleton: the clock never changes, and an application-scoped one would be reached through a client proxy on
  // every call (measurable on the crisis lookup, which asks the time several times).
  @Produces
  @Singleton
  Clock clock() {
    return MICROSECONDS;
  }

  @Produces
  @Singleton
  @WallClock
  Clock wallClock() {
    return MICROSECONDS;
  }
}
