package org.openucp.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

/**
 * The failures the PostgreSQL client, its pool and Hibernate Reactive report when the database cannot be reached are
 * told from every other failure, however they are wrapped; the outage answer is a 503 with Retry-After.
 */
class DatabaseUnavailableTest {

  @Test
  void shouldTellEveryWayOfNotReachingTheDatabase() {
    assertThat(DatabaseUnavailable.causedBy(new ConnectException("Connection refused: localhost/127.0.0.1:5432")))
        .as("connection refused").isTrue();
    assertThat(DatabaseUnavailable.causedBy(new ConnectTimeoutException("connection timed out: db/10.0.0.5:5432")))
        .as("no answer within the connect timeout").isTrue();
    assertThat(DatabaseUnavailable.causedBy(new SocketException("Connection reset")))
        .as("connection reset under a statement").isTrue();
    assertThat(DatabaseUnavailable.causedBy(ClosedConnectionException.INSTANCE))
        .as("connection closed under a statement").isTrue();
    assertThat(DatabaseUnavailable.causedBy(
        new NoStackTraceThrowable("Pending requests failed to be sent due to connection has been closed.")))
        .as("statements queued on a connection that closed").isTrue();
    assertThat(DatabaseUnavailable.causedBy(new VertxException("Timeout waiting for connection", true)))
        .as("no pooled connection within the acquisition timeout").isTrue();
    assertThat(DatabaseUnavailable.causedBy(
        new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 256")))
        .as("too many requests waiting for a connection").isTrue();
    assertThat(DatabaseUnavailable.causedBy(
        new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)))
        .as("the server shutting down").isTrue();
    assertThat(DatabaseUnavailable.causedBy(
        new PgException("the database system is starting up", "FATAL", "57P03", null)))
        .as("the server not ready yet").isTrue();
    assertThat(DatabaseUnavailable.causedBy(new JDBCConnectionException("error executing SQL statement",
        new SQLException("connection failure", "08006")))).as("as Hibernate Reactive reports it").isTrue();
    assertThat(DatabaseUnavailable.causedBy(new CompletionException(
        new IllegalStateException("session failed", new ConnectException("Connection refused")))))
        .as("however deeply wrapped").isTrue();
  }

  @Test
  void shouldLeaveEveryOtherFailureAsItIs() {
    assertThat(DatabaseUnavailable.causedBy(new PgException("duplicate key value violates unique constraint",
        "ERROR", "23505", null))).isFalse();
    assertThat(DatabaseUnavailable.causedBy(new ConstraintViolationException("duplicate",
        new SQLException("duplicate", "23505"), "draft_pkey"))).isFalse();
    assertThat(DatabaseUnavailable.causedBy(new PgException("canceling statement due to statement timeout",
        "ERROR", "57014", null))).isFalse();
    assertThat(DatabaseUnavailable.causedBy(new VertxException("Something else", true))).isFalse();
    assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("bug"))).isFalse();
    assertThat(DatabaseUnavailable.causedBy(new ProblemException(Problem.of("not-found", "Not found", 404,
        "A published plan for this NHS number was not found")))).isFalse();
  }

  @Test
  void shouldAnswer503WithRetryAfterAndTheDetailGiven() {
    ProblemException answer = DatabaseUnavailable.problem("The service cannot confirm whether this NHS number has a"
        + " published plan");

    assertThat(answer.problem().status()).isEqualTo(503);
    assertThat(answer.problem().type().toString()).endsWith("/problems/database-unavailable");
    assertThat(answer.problem().detail()).contains("cannot confirm");
    assertThat(answer.headers()).containsEntry("Retry-After", "5");
  }
}
