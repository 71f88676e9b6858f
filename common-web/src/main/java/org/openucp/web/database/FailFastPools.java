package org.openucp.web.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Future;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Creates the service's default reactive pool with the {@link DatabaseConfig} limits; a named datasource with a
 * creator of its own calls {@link #create} to get the same limits.
 */
@Singleton
public class FailFastPools implements PgPoolCreator {

  private final DatabaseConfig config;

  public FailFastPools(DatabaseConfig config) {
    this.config = config;
  }

  @Override
  public Pool create(Input input) {
    return create(input, config, server -> {
    });
  }

  /** A pool over the configured servers (taken in turn), each adjusted by {@code server} first, failing fast. */
  public static Pool create(Input input, DatabaseConfig config, Consumer<PgConnectOptions> server) {
    List<PgConnectOptions> servers = input.pgConnectOptionsList();
    servers.forEach(options -> {
      options.setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()));
      options.addProperty("idle_in_transaction_session_timeout",
          Long.toString(config.idleInTransactionTimeout().toMillis()));
      server.accept(options);
    });
    PoolOptions pool = input.poolOptions()
        .setConnectionTimeout(Math.toIntExact(config.acquisitionTimeout().toMillis()))
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
        .setMaxWaitQueueSize(config.maxWaitQueueSize());
    AtomicInteger next = new AtomicInteger();
    Supplier<Future<SqlConnectOptions>> roundRobin =
        () -> Future.succeededFuture(servers.get(Math.floorMod(next.getAndIncrement(), servers.size())));
    return PgBuilder.pool()
        .with(pool)
        .connectingTo(roundRobin)
        .using(input.vertx())
        .build();
  }
}
