package org.openucp.web.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.web.problem.DatabaseUnavailable;

/**
 * A statement given to a pool whose database cannot be reached fails within the configured limits, with a failure
 * that is answered as an outage: at once when the connection is refused, and after the acquisition timeout when
 * the server accepts connections but never answers (a hung server or a half-open network path).
 */
class FailFastPoolsTest {

  private static final DatabaseConfig LIMITS = new DatabaseConfig() {
    @Override
    public Duration connectTimeout() {
      return Duration.ofSeconds(2);
    }

    @Override
    public Duration acquisitionTimeout() {
      return Duration.ofSeconds(1);
    }

    @Override
    public int maxWaitQueueSize() {
      return 256;
    }

    @Override
    public Duration idleInTransactionTimeout() {
      return Duration.ofSeconds(60);
    }
  };

  private Vertx vertx;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldFailAtOnceAsAnOutageWhenTheDatabaseRefusesConnections() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    long started = System.nanoTime();
    Throwable failure = firstStatementFailure(closedPort);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(DatabaseUnavailable.causedBy(failure)).as(failure.toString()).isTrue();
  }

  @Test
  void shouldGiveUpAfterTheAcquisitionTimeoutAsAnOutageWhenTheServerNeverAnswers() throws Exception {
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread acceptor = new Thread(() -> {
        try {
          while (!silent.isClosed()) {
            accepted.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();

      long started = System.nanoTime();
      Throwable failure = firstStatementFailure(silent.getLocalPort());
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
      assertThat(DatabaseUnavailable.causedBy(failure)).as(failure.toString()).isTrue();
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  private Throwable firstStatementFailure(int port) throws Exception {
    PgConnectOptions server = new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase("clinical")
        .setUser("nobody").setPassword("none");
    Pool pool = FailFastPools.create(new PgPoolCreator.Input() {
      @Override
      public Vertx vertx() {
        return vertx;
      }

      @Override
      public PoolOptions poolOptions() {
        return new PoolOptions().setMaxSize(2);
      }

      @Override
      public List<PgConnectOptions> pgConnectOptionsList() {
        return List.of(server);
      }
    }, LIMITS, options -> {
    });
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    pool.query("SELECT 1").execute()
        .onSuccess(rows -> failure.completeExceptionally(new AssertionError("the statement ran")))
        .onFailure(failure::complete);
    try {
      return failure.get(10, TimeUnit.SECONDS);
    } finally {
      pool.close();
    }
  }
}
