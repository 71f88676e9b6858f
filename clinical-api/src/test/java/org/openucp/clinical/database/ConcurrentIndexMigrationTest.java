package org.openucp.clinical.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalMigrations;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;

/**
 * An index on a table in use is built with CREATE INDEX CONCURRENTLY, in a migration of its own (docs/migrations.md).
 * PostgreSQL waits for every transaction open when the build starts to end; Flyway's default lock is such a
 * transaction, held for the whole run, so under it the migration would wait for ever.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class ConcurrentIndexMigrationTest {

  @Inject
  Flyway flyway;

  @LocalInfra
  EmbeddedDatabase database;

  @Test
  void shouldFinishAMigrationThatBuildsAnIndexConcurrentlyWithTheServicesFlywaySettings() throws SQLException {
    String name = new ClinicalMigrations(database).newDatabase("concurrently");
    FluentConfiguration configuration = Flyway.configure(Thread.currentThread().getContextClassLoader())
        .configuration(flyway.getConfiguration())
        .resourceProvider(null)
        .dataSource(database.jdbcUrl(name), EmbeddedDatabase.migrationRole("clinical"), EmbeddedDatabase.PASSWORD)
        .locations("classpath:db/concurrently");

    MigrateResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> configuration.load().migrate());

    assertThat(result.migrationsExecuted).isEqualTo(2);
    try (Connection connection = database.connect(name); Statement statement = connection.createStatement();
         ResultSet index = statement.executeQuery("SELECT indisvalid FROM pg_index"
             + " WHERE indexrelid = to_regclass('busy_label_idx')")) {
      assertThat(index.next()).as("the index exists").isTrue();
      assertThat(index.getBoolean(1)).as("the index is valid").isTrue();
    }
  }
}
