package org.openucp.web.logging;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops one known false alarm. While the database cannot be reached, the Vert.x SQL client's pool answers a request
 * with the connection failure and leaves that request's acquisition timer running; when the timer fires it fails
 * the same promise again, and Vert.x reports "Uncaught exception: Result is already complete" at ERROR, once for
 * every request that failed (eclipse-vertx/vertx-sql-client#1706, open). The caller had its answer (a 503) already,
 * so the report says nothing, yet it came 34,000 times in a 10-second outage under load (bench/switchover-benchmark.sh)
 * and would bury the outage's own one-line-per-10-s report. Only that exception, thrown from the pool, is dropped.
 */
@LoggingFilter(name = SqlPoolTimerRaceFilter.NAME)
public final class SqlPoolTimerRaceFilter implements Filter {

  public static final String NAME = "sql-pool-timer-race";

  @Override
  public boolean isLoggable(LogRecord record) {
    return !isPoolTimerRace(record.getThrown());
  }

  private static boolean isPoolTimerRace(Throwable thrown) {
    if (!(thrown instanceof IllegalStateException) || !"Result is already complete".equals(thrown.getMessage())) {
      return false;
    }
    for (StackTraceElement frame : thrown.getStackTrace()) {
      if (frame.getClassName().startsWith("io.vertx.sqlclient.impl.pool.SqlConnectionPool")) {
        return true;
      }
    }
    return false;
  }
}
