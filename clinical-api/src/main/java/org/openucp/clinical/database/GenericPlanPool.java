package org.openucp.clinical.database;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;
import org.openucp.web.database.DatabaseConfig;
import org.openucp.web.database.FailFastPools;

/**
 * The crisis lookups' connections ({@link #LOOKUPS}) ask PostgreSQL to plan each prepared statement once. By default
 * PostgreSQL re-plans a prepared statement on every execution while its plan for the actual parameters looks
 * cheaper than the generic one, which is always the case for the batched lookup's array parameters: planning then
 * cost more than running the statement. Only the lookup runs on these connections: a generic plan is made once, for
 * the table as it was then, and one made while the audit trail was nearly empty had the sealer read and sort the
 * whole table for every batch. The service's other connections plan every execution for its parameters. Like every
 * pool of the service, this one fails fast while the database cannot be reached ({@link DatabaseConfig}).
 */
@Singleton
@ReactiveDataSource(GenericPlanPool.LOOKUPS)
public class GenericPlanPool implements PgPoolCreator {

  /** The datasource of the crisis lookups by NHS number. */
  public static final String LOOKUPS = "lookups";

  private final DatabaseConfig config;

  public GenericPlanPool(DatabaseConfig config) {
    this.config = config;
  }

  @Override
  public Pool create(Input input) {
    return FailFastPools.create(input, config,
        server -> server.addProperty("plan_cache_mode", "force_generic_plan"));
  }
}
