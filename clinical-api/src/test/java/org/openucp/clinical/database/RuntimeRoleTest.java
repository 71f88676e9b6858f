package org.openucp.clinical.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalMigrations;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;

/**
 * The service connects as a runtime role that reads and writes rows and nothing more; the migration role owns the
 * schema. The audit trail's append-only guarantees therefore hold against the service's own credentials: whoever gets
 * hold of them cannot change the schema, drop or disable a trigger, or rewrite, delete or truncate the trail.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class RuntimeRoleTest {

  private static final String RUNTIME = EmbeddedDatabase.runtimeRole("clinical");
  private static final String MIGRATION = EmbeddedDatabase.migrationRole("clinical");
  /** PostgreSQL's insufficient_privilege: refused for want of a privilege or of ownership, before any trigger runs. */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  private ClinicalApi api;
  private ClinicalTables tables;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    tables = new ClinicalTables(database);
  }

  @Test
  void shouldServeAsTheRuntimeRoleOnASchemaTheMigrationRoleOwns() throws SQLException {
    api.publishedPlan(aPlan());

    assertThat(strings("SELECT DISTINCT usename::text FROM pg_stat_activity WHERE datname = 'clinical'"
        + " AND usename <> '" + EmbeddedDatabase.USER + "'")).containsExactly(RUNTIME);
    assertThat(strings("SELECT DISTINCT installed_by FROM flyway_schema_history")).containsExactly(MIGRATION);
    assertThat(strings("SELECT DISTINCT pg_get_userbyid(relowner)::text FROM pg_class"
        + " WHERE relnamespace = 'public'::regnamespace")).containsExactly(MIGRATION);
  }

  @Test
  void shouldRefuseTheRuntimeRoleAnyChangeToTheSchema() throws SQLException {
    assertRefusedToTheRuntimeRole(
        "CREATE TABLE smuggled (id INT)",
        "CREATE SCHEMA smuggled",
        "DROP TABLE care_plan CASCADE",
        "ALTER TABLE care_plan ADD COLUMN smuggled TEXT",
        "ALTER TABLE care_plan DROP COLUMN draft_content",
        "ALTER TABLE care_plan ALTER COLUMN nhs_number TYPE TEXT",
        "ALTER TABLE plan_version RENAME TO plan_version_before",
        "CREATE INDEX smuggled_idx ON care_plan (created_by)",
        "DROP INDEX audit_event_patient_hash_idx",
        "ALTER SEQUENCE audit_event_seq RESTART WITH 1",
        "DROP FUNCTION destroy_audit_events(BIGINT, TIMESTAMPTZ, VARCHAR, VARCHAR, VARCHAR)",
        "CREATE OR REPLACE FUNCTION openucp_name_key(name TEXT) RETURNS TEXT LANGUAGE sql AS 'SELECT name'",
        "ALTER FUNCTION refuse_change() OWNER TO " + RUNTIME,
        "ALTER ROLE " + RUNTIME + " SUPERUSER",
        "GRANT " + MIGRATION + " TO " + RUNTIME);
    assertThat(tables.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'care_plan'"
        + " AND column_name IN ('smuggled', 'draft_content')")).isEqualTo(1);
  }

  @Test
  void shouldRefuseTheRuntimeRoleToDropOrDisableTheAuditTriggers() throws SQLException {
    List<String> guards = strings("SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'O'"
        + " ORDER BY tgname");

    assertRefusedToTheRuntimeRole(
        "DROP TRIGGER audit_event_append_only ON audit_event",
        "DROP TRIGGER audit_event_no_truncate ON audit_event",
        "DROP TRIGGER audit_seal_append_only ON audit_seal",
        "DROP TRIGGER plan_version_immutable ON plan_version",
        "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only",
        "ALTER TABLE audit_seal DISABLE TRIGGER ALL",
        "ALTER TABLE destruction_log DISABLE TRIGGER USER",
        "DROP FUNCTION audit_append_only() CASCADE",
        "CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
        "CREATE TRIGGER rewritten BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_change()",
        // Would skip every ordinary trigger for the session.
        "SET session_replication_role = replica");
    assertThat(strings("SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'O'"
        + " ORDER BY tgname")).isEqualTo(guards)
        .contains("audit_event_append_only", "audit_event_no_truncate", "audit_seal_append_only",
            "audit_seal_no_truncate", "plan_version_immutable", "destruction_log_append_only");
  }

  @Test
  void shouldRefuseTheRuntimeRoleToTruncateDeleteOrUpdateAuditEvents() throws SQLException {
    api.publishedPlan(aPlan());
    long newest = tables.count("SELECT max(seq) FROM audit_event");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> tables.count("SELECT last_seq FROM audit_chain_head") >= newest);
    long events = tables.count("SELECT count(*) FROM audit_event");
    long seals = tables.count("SELECT count(*) FROM audit_seal");

    assertRefusedToTheRuntimeRole(
        "TRUNCATE audit_event",
        "TRUNCATE audit_seal",
        "TRUNCATE audit_checkpoint",
        "TRUNCATE audit_chain_head",
        "TRUNCATE destruction_log",
        "DELETE FROM audit_event",
        "UPDATE audit_event SET reason = 'covered up'",
        "DELETE FROM audit_seal",
        "UPDATE audit_seal SET hash = previous_hash",
        "DELETE FROM audit_chain_head",
        "INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (2, 0, repeat('0', 64))",
        "DELETE FROM audit_checkpoint",
        "INSERT INTO audit_checkpoint (through_seq, genesis_hash, previous_through_seq, events_destroyed,"
            + " seals_destroyed, destroyed_at, destroyed_by, reason, xact) SELECT seq, hash, 0, 1, 1, now(), 'me',"
            + " 'hand-written', pg_current_xact_id() FROM audit_seal ORDER BY seq LIMIT 1",
        "DELETE FROM destruction_log",
        "UPDATE destruction_log SET destroyed_by = 'someone else'",
        "UPDATE plan_version SET content = '{}'");
    assertThat(tables.count("SELECT count(*) FROM audit_event")).isEqualTo(events);
    assertThat(tables.count("SELECT count(*) FROM audit_seal")).isEqualTo(seals);
  }

  @Test
  void shouldGiveTheRuntimeRoleNoUpdateOrDeleteWhereAnAppendOnlyTriggerRefusesThemAndNoTruncateAnywhere()
      throws SQLException {
    List<String> guarded = new ArrayList<>();
    try (Connection connection = database.connect("clinical"); Statement statement = connection.createStatement();
         ResultSet triggers = statement.executeQuery("SELECT c.relname::text, (t.tgtype & 16) <> 0, (t.tgtype & 8) <> 0"
             + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid"
             + " WHERE NOT t.tgisinternal AND p.proname IN ('refuse_change', 'audit_append_only')")) {
      while (triggers.next()) {
        String table = triggers.getString(1);
        guarded.add(table);
        if (triggers.getBoolean(2)) {
          assertThat(privilege(table, "UPDATE")).as("UPDATE on " + table).isFalse();
        }
        if (triggers.getBoolean(3)) {
          assertThat(privilege(table, "DELETE")).as("DELETE on " + table).isFalse();
        }
      }
    }
    assertThat(guarded).contains("audit_event", "audit_seal", "audit_checkpoint", "destruction_log", "plan_version");
    assertThat(strings("SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace"
        + " AND relkind = 'r' AND (has_table_privilege('" + RUNTIME + "', oid, 'TRUNCATE')"
        + " OR has_table_privilege('" + RUNTIME + "', oid, 'TRIGGER')"
        + " OR has_table_privilege('" + RUNTIME + "', oid, 'REFERENCES'))")).isEmpty();
  }

  @Test
  void shouldRefuseToMigrateForAServiceThatWouldConnectAsTheMigrationRole() throws SQLException {
    ClinicalMigrations migrations = new ClinicalMigrations(database);
    String name = migrations.newDatabase("same_role");

    assertThatThrownBy(() -> migrations.migrate(name, "latest", MIGRATION))
        .isInstanceOf(FlywayException.class)
        .hasMessageContaining("must not connect as the migration role");
  }

  private void assertRefusedToTheRuntimeRole(String... statements) throws SQLException {
    try (Connection connection = database.connectAs(RUNTIME, "clinical");
         Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql)
            .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState())
                .as(sql + " → " + refused.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
      }
    }
  }

  private boolean privilege(String table, String privilege) {
    return tables.count("SELECT CASE WHEN has_table_privilege('" + RUNTIME + "', '" + table + "', '" + privilege
        + "') THEN 1 ELSE 0 END") == 1;
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = database.connect("clinical"); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
