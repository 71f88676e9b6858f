package org.openucp.web.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Only the Vert.x pool's double completion (vertx-sql-client#1706) is dropped from the log; nothing else is. */
class SqlPoolTimerRaceFilterTest {

  private final SqlPoolTimerRaceFilter filter = new SqlPoolTimerRaceFilter();

  @Test
  void shouldDropThePoolTimersSecondCompletionOfAFailedRequest() {
    assertThat(filter.isLoggable(uncaught(thrownFrom("io.vertx.sqlclient.impl.pool.SqlConnectionPool",
        "Result is already complete")))).isFalse();
  }

  @Test
  void shouldKeepTheSameMessageFromAnywhereElseAndEveryOtherError() {
    assertThat(filter.isLoggable(uncaught(thrownFrom("org.openucp.clinical.urgentcare.service.AuditedLookups",
        "Result is already complete")))).as("our own double completion is a bug to see").isTrue();
    assertThat(filter.isLoggable(uncaught(thrownFrom("io.vertx.sqlclient.impl.pool.SqlConnectionPool",
        "Pool closed")))).isTrue();
    assertThat(filter.isLoggable(new LogRecord(Level.INFO, "GET /plans/{nhsNumber} 200 4 ms"))).isTrue();
  }

  private static LogRecord uncaught(Throwable thrown) {
    LogRecord record = new LogRecord(Level.SEVERE, "Uncaught exception received by Vert.x");
    record.setThrown(thrown);
    return record;
  }

  private static IllegalStateException thrownFrom(String className, String message) {
    IllegalStateException thrown = new IllegalStateException(message);
    thrown.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("io.vertx.core.Promise", "fail", "Promise.java", 90),
        new StackTraceElement(className, "lambda$execute$3", "Pool.java", 216)});
    return thrown;
  }
}
