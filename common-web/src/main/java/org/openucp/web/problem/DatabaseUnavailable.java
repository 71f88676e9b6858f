package org.openucp.web.problem;

import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Tells a failure to reach the database (refused or dropped connections, no connection within the pool's limits, a
 * server shutting down) from every other failure, and answers it with a 503 problem: the request could not be
 * answered now, which is not the same as an answer. A crisis lookup must never report "no plan" when it could not
 * look.
 */
public final class DatabaseUnavailable {

  /** Seconds a client should wait before trying again: long enough for a restart or a failover to be under way. */
  public static final int RETRY_AFTER_SECONDS = 5;
  public static final String TYPE = "database-unavailable";

  /**
   * SQLSTATEs of a connection that failed or of a server that is going away or not yet there: class 08 (connection
   * exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 53300 too many connections.
   */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  /**
   * The Vert.x pool and connection fail with plain exceptions in these cases: no connection became free within the
   * pool's connection timeout; commands queued on a connection that then closed; a command given to a closed one.
   */
  private static final String[] VERTX_MESSAGES = {"Timeout waiting for connection",
      "Pending requests failed to be sent due to connection has been closed", "Connection is not active now"};

  private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class);
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;
  private static final AtomicLong LAST_LOGGED = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
  private static final AtomicLong SINCE_LOGGED = new AtomicLong();

  private DatabaseUnavailable() {
  }

  /** Whether the failure, or anything it wraps, means the database could not be reached or used at all. */
  public static boolean causedBy(Throwable failure) {
    return cause(failure) != null;
  }

  /** The 503 problem for any operation: what to do, and that a change may or may not have been saved. */
  public static ProblemException problem() {
    return problem("The service cannot reach its database just now. Try again in a few seconds; if you sent a "
        + "change, read it back first: it may or may not have been saved.");
  }

  /** The 503 problem with a detail saying what the caller cannot be told, such as whether a plan exists. */
  public static ProblemException problem(String detail) {
    return new ProblemException(Problem.of(TYPE, "Database unavailable, try again shortly", 503, detail),
        Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
  }

  /**
   * For a scheduled job: a run that failed for want of the database ends quietly, logged by {@link #log}, and the
   * next run tries again; any other failure stays a failure.
   */
  public static <T> Uni<T> putOffWhileUnavailable(Uni<T> run) {
    return run.onFailure(DatabaseUnavailable::causedBy).recoverWithItem(outage -> {
      log(outage);
      return null;
    });
  }

  /** As {@link #problem(String)}, for a failure {@link #causedBy} says is an outage, which is logged. */
  public static ProblemException problem(Throwable outage, String detail) {
    log(outage);
    return problem(detail);
  }

  /**
   * Logs the outage as one line naming the connection-level cause (host and port at most, never a statement's
   * values), at most once every 10 seconds with how many requests and job runs failed since, so that an outage
   * under load does not flood the log.
   */
  public static void log(Throwable failure) {
    long count = SINCE_LOGGED.incrementAndGet();
    long last = LAST_LOGGED.get();
    long now = System.nanoTime();
    if (now - last >= LOG_EVERY_NANOS && LAST_LOGGED.compareAndSet(last, now)) {
      SINCE_LOGGED.addAndGet(-count);
      Throwable cause = cause(failure);
      LOG.warnf("Database unavailable: %d request(s) answered 503 or job run(s) put off since the last report: %s: %s",
          count,
          cause == null ? failure.getClass().getName() : cause.getClass().getName(),
          cause == null ? failure.getMessage() : cause.getMessage());
    }
  }

  private static Throwable cause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (isConnectionLevel(t)) {
        return t;
      }
    }
    return null;
  }

  private static boolean isConnectionLevel(Throwable t) {
    // ConnectException covers Netty's refused connection and its connect timeout (ConnectTimeoutException); a
    // SocketException is also an established connection reset under a statement (the server stopped mid-statement,
    // as the switchover benchmark showed: those lookups were answered 500).
    if (t instanceof SocketException || t instanceof UnknownHostException
        || t instanceof ClosedConnectionException || t instanceof ConnectionPoolTooBusyException) {
      return true;
    }
    // The PostgreSQL client's server errors; Hibernate Reactive rethrows them as a JDBCException over an SQLException.
    if (t instanceof DatabaseException database) {
      return unavailable(database.getSqlState());
    }
    if (t instanceof SQLException sql) {
      return unavailable(sql.getSQLState());
    }
    if (t instanceof VertxException || t.getClass().getName().startsWith("io.vertx.")) {
      String message = t.getMessage();
      if (message != null) {
        for (String known : VERTX_MESSAGES) {
          if (message.startsWith(known)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean unavailable(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || UNAVAILABLE_STATES.contains(sqlState));
  }
}
