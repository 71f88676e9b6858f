package org.openucp.portal.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.openucp.infra.AtOnce;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.portal.support.PortalInfra;

/**
 * Instances that migrate at start (run-local.sh, the system tests, a deployment without the migration job) may start
 * together. Flyway serialises the migrations but runs the afterMigrate callback, which sets the runtime role's grants
 * again, outside its lock; PostgreSQL refuses concurrent grants on one object ("tuple concurrently updated"), and that
 * stopped the second of two portals started together.
 */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class ConcurrentStartMigrationTest {

  private static final String MIGRATION = EmbeddedDatabase.migrationRole("portal");

  @Inject
  Flyway flyway;

  @LocalInfra
  EmbeddedDatabase database;

  @Test
  void shouldLetInstancesStartingTogetherEachSetTheRuntimeRolesGrants() throws SQLException {
    String name = "together_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection admin = database.connect("postgres"); Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " OWNER " + MIGRATION);
    }
    FluentConfiguration configuration = Flyway.configure(Thread.currentThread().getContextClassLoader())
        .configuration(flyway.getConfiguration())
        .dataSource(database.jdbcUrl(name), MIGRATION, EmbeddedDatabase.PASSWORD);
    configuration.load().migrate();

    AtOnce.run(4, 5, () -> configuration.load().migrate());

    try (Connection connection = database.connect(name); Statement statement = connection.createStatement();
         ResultSet granted = statement.executeQuery("SELECT has_table_privilege('"
             + EmbeddedDatabase.runtimeRole("portal") + "', 'draft', 'SELECT')")) {
      granted.next();
      assertThat(granted.getBoolean(1)).as("the runtime role may read drafts").isTrue();
    }
  }
}
