package org.openucp.clinical.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalMigrations;
import org.openucp.infra.AtOnce;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;

/**
 * Instances that migrate at start may start together; the afterMigrate callback that sets the runtime role's grants
 * runs outside Flyway's lock, and PostgreSQL refuses concurrent grants on one object ("tuple concurrently updated").
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class ConcurrentStartMigrationTest {

  @LocalInfra
  EmbeddedDatabase database;

  @Test
  void shouldLetInstancesStartingTogetherEachSetTheRuntimeRolesGrants() throws SQLException {
    ClinicalMigrations migrations = new ClinicalMigrations(database);
    String name = migrations.newDatabase("together");
    migrations.migrate(name, "latest");

    AtOnce.run(4, 5, () -> migrations.migrate(name, "latest"));

    try (Connection connection = database.connect(name); Statement statement = connection.createStatement();
         ResultSet granted = statement.executeQuery("SELECT has_table_privilege('"
             + EmbeddedDatabase.runtimeRole("clinical") + "', 'published_plan', 'SELECT')")) {
      granted.next();
      assertThat(granted.getBoolean(1)).as("the runtime role may read published plans").isTrue();
    }
  }
}
