package org.openucp.portal.database;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;
import org.openucp.portal.support.PortalInfra;

/**
 * The portal connects as a runtime role that reads and writes rows and nothing more; the migration role owns the
 * schema. Whoever gets hold of the portal's credentials cannot change the schema or empty a table in one stroke.
 */
@QuarkusTest
@QuarkusTestResource(PortalInfra.class)
class RuntimeRoleTest {

  private static final String RUNTIME = EmbeddedDatabase.runtimeRole("portal");
  private static final String MIGRATION = EmbeddedDatabase.migrationRole("portal");
  /** PostgreSQL's insufficient_privilege: refused for want of a privilege or of ownership. */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  @Test
  void shouldServeAsTheRuntimeRoleOnASchemaTheMigrationRoleOwns() throws SQLException {
    given().auth().oauth2(issuer.token(Personas.PATIENT)).when().get("/drafts").then().statusCode(200);

    assertThat(strings("SELECT DISTINCT usename::text FROM pg_stat_activity WHERE datname = 'portal'"
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
        "DROP TABLE draft CASCADE",
        "ALTER TABLE draft ADD COLUMN smuggled TEXT",
        "ALTER TABLE draft DROP COLUMN email",
        "ALTER TABLE draft ALTER COLUMN nhs_number TYPE TEXT",
        "ALTER TABLE proxy_invitation RENAME TO proxy_invitation_before",
        "CREATE INDEX smuggled_idx ON draft (email)",
        "DROP INDEX draft_outbox_due_idx",
        "CREATE TRIGGER smuggled BEFORE UPDATE ON proxy_invitation FOR EACH ROW"
            + " EXECUTE FUNCTION suppress_redundant_updates_trigger()",
        "ALTER ROLE " + RUNTIME + " SUPERUSER",
        "GRANT " + MIGRATION + " TO " + RUNTIME);
  }

  @Test
  void shouldRefuseTheRuntimeRoleToTruncateAnyTable() throws SQLException {
    List<String> tables = strings("SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace"
        + " AND relkind = 'r' AND relname <> 'flyway_schema_history' ORDER BY relname");

    assertThat(tables).contains("draft", "draft_outbox", "proxy_invitation", "proxy_attempt", "submission_receipt");
    assertRefusedToTheRuntimeRole(tables.stream().map(table -> "TRUNCATE " + table).toArray(String[]::new));
    assertRefusedToTheRuntimeRole("DELETE FROM flyway_schema_history", "SELECT * FROM flyway_schema_history");
  }

  private void assertRefusedToTheRuntimeRole(String... statements) throws SQLException {
    try (Connection connection = database.connectAs(RUNTIME, "portal");
         Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql)
            .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState())
                .as(sql + " → " + refused.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
      }
    }
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = database.connect("portal"); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
