package org.openucp.portal.database;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway serialises migrations with a session advisory lock instead of its default, a lock held in a transaction
 * open for the whole run. CREATE INDEX CONCURRENTLY (see docs/migrations.md) waits for every transaction open when it
 * starts to end, Flyway's own included, so under the default lock such a migration never finishes.
 */
@Singleton
public class FlywaySessionLock implements FlywayConfigurationCustomizer {

  /** Flyway's PostgreSQL setting ({@code FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK} outside Quarkus). */
  static final String TRANSACTIONAL_LOCK = "flyway.postgresql.transactional.lock";

  @Override
  public void customize(FluentConfiguration configuration) {
    configuration.configuration(Map.of(TRANSACTIONAL_LOCK, "false"));
  }
}
