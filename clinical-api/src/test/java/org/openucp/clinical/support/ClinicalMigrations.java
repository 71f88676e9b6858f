package org.openucp.clinical.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.openucp.clinical.database.FlywaySessionLock;
import org.openucp.infra.EmbeddedDatabase;

/**
 * The clinical migrations run on a database of a test's own, as a deployment runs them: by the migration role, which
 * owns the database, granting the runtime role what the service needs.
 */
public final class ClinicalMigrations {

  private static final String SERVICE_DATABASE = "clinical";

  private final EmbeddedDatabase database;

  public ClinicalMigrations(EmbeddedDatabase database) {
    this.database = database;
  }

  /** Creates an empty database owned by the clinical migration role and returns its name. */
  public String newDatabase(String prefix) throws SQLException {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection admin = database.connect("postgres"); Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " OWNER " + EmbeddedDatabase.migrationRole(SERVICE_DATABASE));
    }
    return name;
  }

  /** Migrates the named database up to the target version ("latest" for all). */
  public void migrate(String name, String target) {
    migrate(name, target, EmbeddedDatabase.runtimeRole(SERVICE_DATABASE));
  }

  /** As {@link #migrate(String, String)}, granting rows to the given role as the service's runtime role. */
  public void migrate(String name, String target, String runtimeRole) {
    FluentConfiguration configuration = Flyway.configure()
        .dataSource(database.jdbcUrl(name), EmbeddedDatabase.migrationRole(SERVICE_DATABASE), EmbeddedDatabase.PASSWORD)
        .locations("classpath:db/migration")
        .placeholders(Map.of("runtime_role", runtimeRole))
        .target(target);
    new FlywaySessionLock().customize(configuration);
    configuration.load().migrate();
  }
}
