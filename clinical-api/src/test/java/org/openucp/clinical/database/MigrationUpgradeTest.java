package org.openucp.clinical.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalMigrations;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;

/**
 * Migrations upgrade a database that holds data, not only an empty one: a database at an earlier version, with
 * published plans in it, migrates to the current schema with every row kept and every backfill done.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class MigrationUpgradeTest {

  @LocalInfra
  EmbeddedDatabase database;

  @Test
  void shouldUpgradeADatabaseHoldingPublishedVersionsAndKeepThemImmutable() throws SQLException {
    ClinicalMigrations migrations = new ClinicalMigrations(database);
    String name = migrations.newDatabase("upgrade");
    migrations.migrate(name, "11");
    String plan = UUID.randomUUID().toString();
    try (Connection connection = database.connect(name); Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO organisation (ods_code, name, type, updated_at)"
          + " VALUES ('A83008', 'Demo Medical Practice', 'GP_PRACTICE', now())");
      statement.execute("INSERT INTO care_plan (id, nhs_number, draft_revision, latest_version, owning_organisation,"
          + " created_at, created_by) VALUES ('" + plan + "', '9434765919', 1, 1, 'A83008', now(), 'gp')");
      statement.execute("INSERT INTO plan_version (plan_id, version, content, published_at, published_by, role_code,"
          + " organisation) VALUES ('" + plan + "', 1, '{}', now(), 'gp', 'R0260', 'A83008')");
    }

    migrations.migrate(name, "latest");

    try (Connection connection = database.connect(name); Statement statement = connection.createStatement()) {
      try (ResultSet version = statement.executeQuery("SELECT organisation_name FROM plan_version")) {
        assertThat(version.next()).isTrue();
        assertThat(version.getString(1)).isEqualTo("Demo Medical Practice");
      }
      assertThatThrownBy(() -> statement.execute("UPDATE plan_version SET content = '{}'"))
          .hasMessageContaining("immutable");
    }
  }
}
