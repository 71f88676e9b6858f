package org.openucp.clinical.database;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Future;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The crisis lookups' connections ({@link #LOOKUPS}) ask PostgreSQL to plan each prepared statement once. By default
 * PostgreSQL re-plans a prepared statement on every execution while its plan for the actual parameters looks
 * cheaper than the generic one, which is always the case for the batched lookup's array parameters: planning then
 * cost more than running the statement. Only the lookup runs on these connections: a generic plan is made once, for
 * the table as it was then, and one made while the audit trail was nearly empty had the sealer read and sort the
 * whole table for every batch. The service's other connections plan every execution for its parameters.
 */
@Singleton
@ReactiveDataSource(GenericPlanPool.LOOKUPS)
public class GenericPlanPool implements PgPoolCreator {

  /** The datasource of the crisis lookups by NHS number. */
  public static final String LOOKUPS = "lookups";

  @Override
  public Pool create(Input input) {
    List<PgConnectOptions> servers = input.pgConnectOptionsList();
    servers.forEach(server -> server.addProperty("plan_cache_mode", "force_generic_plan"));
    AtomicInteger next = new AtomicInteger();
    Supplier<Future<SqlConnectOptions>> roundRobin =
        () -> Future.succeededFuture(servers.get(Math.floorMod(next.getAndIncrement(), servers.size())));
    return PgBuilder.pool()
        .with(input.poolOptions())
        .connectingTo(roundRobin)
        .using(input.vertx())
        .build();
  }
}
