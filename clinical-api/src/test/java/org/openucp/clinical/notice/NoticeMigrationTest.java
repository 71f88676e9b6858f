package org.openucp.clinical.notice;

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
 * Consent recorded before privacy notices were versioned was given under version 1, which the migration seeds with
 * the purposes the service has held plans for; published notices cannot be changed afterwards.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class NoticeMigrationTest {

  @LocalInfra
  EmbeddedDatabase database;

  @Test
  void shouldBackfillEveryEarlierConsentToVersionOneAndKeepNoticesImmutable() throws SQLException {
    ClinicalMigrations migrations = new ClinicalMigrations(database);
    String name = migrations.newDatabase("notices");
    migrations.migrate(name, "16");
    String plan = UUID.randomUUID().toString();
    try (Connection connection = database.connect(name); Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO care_plan (id, nhs_number, draft_revision, latest_version, owning_organisation,"
          + " created_at, created_by) VALUES ('" + plan + "', '9434765919', 1, 0, 'A83008', now(), 'gp')");
      statement.execute("INSERT INTO consent (plan_id, basis, recorded_by, recorded_at) VALUES ('" + plan
          + "', 'EXPLICIT_CONSENT', 'gp', now() - interval '400 days')");
    }

    migrations.migrate(name, "latest");

    try (Connection connection = database.connect(name); Statement statement = connection.createStatement()) {
      try (ResultSet consent = statement.executeQuery("SELECT n.version, c.reconsent_notice_id, n.effective_from <= "
          + "c.recorded_at FROM consent c JOIN privacy_notice n ON n.id = c.privacy_notice_id")) {
        assertThat(consent.next()).isTrue();
        assertThat(consent.getString(1)).isEqualTo("1");
        assertThat(consent.getObject(2)).as("nothing to give again").isNull();
        assertThat(consent.getBoolean(3)).as("version 1 applied from the first consent on").isTrue();
      }
      try (ResultSet purposes = statement.executeQuery("SELECT count(*) FROM privacy_notice_purpose")) {
        purposes.next();
        assertThat(purposes.getInt(1)).isEqualTo(6);
      }
      assertThatThrownBy(() -> statement.execute("UPDATE privacy_notice SET text = 'changed'"))
          .hasMessageContaining("immutable");
      assertThatThrownBy(() -> statement.execute("DELETE FROM privacy_notice_purpose"))
          .hasMessageContaining("immutable");
    }
  }
}
