package org.openucp.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openucp.stack.ServiceProcess.freePort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucp.infra.DemoOnboarding;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;
import org.openucp.infra.ServiceConfig;

/**
 * A release's migrations run once, not by every pod: the packaged service, run as a Kubernetes Job with
 * {@code QUARKUS_INIT_AND_EXIT=true} and the migration role's credentials, migrates and exits; the service's pods run
 * with {@code QUARKUS_FLYWAY_ACTIVE=false} and the runtime role's credentials only, and never migrate (README,
 * Deploying). A pod left to migrate with the runtime role fails at start instead.
 */
class MigrationJobIT {

  private static final Duration JOB = Duration.ofMinutes(2);
  private static final Duration STARTUP = Duration.ofMinutes(2);

  private static EmbeddedDatabase database;
  private static LocalIssuer issuer;

  @BeforeAll
  static void startDatabaseAndIssuer() {
    database = EmbeddedDatabase.start(0, List.of("clinical", "portal"));
    issuer = LocalIssuer.start(0, Personas.ALL);
  }

  @AfterAll
  static void stop() {
    if (issuer != null) {
      issuer.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void shouldMigrateTheClinicalDatabaseInAJobThatExitsAndServeFromPodsThatDoNotMigrate() throws Exception {
    Map<String, String> settings = ServiceConfig.clinical(database, issuer);

    long migrated = migrateInAJob("clinical", StackLayout.find().clinicalJar(), settings);
    refuseToStartAPodLeftToMigrate("clinical", StackLayout.find().clinicalJar(), settings);
    try (ServiceProcess pod = startAPod("clinical", StackLayout.find().clinicalJar(), settings)) {
      DemoOnboarding.onboard(pod.apiUrl(), issuer, Personas.STAFF);
      given().auth().oauth2(issuer.token(Personas.GP)).when().get(pod.apiUrl() + "/intake/submitted-drafts")
          .then().statusCode(200);
    }
    assertThat(migrationsRecorded("clinical")).as("the pods migrated nothing").isEqualTo(migrated);
  }

  @Test
  void shouldMigrateThePortalDatabaseInAJobThatExitsAndServeFromPodsThatDoNotMigrate() throws Exception {
    Map<String, String> settings = ServiceConfig.portal(database, issuer, "http://localhost:" + freePort());

    long migrated = migrateInAJob("portal", StackLayout.find().portalJar(), settings);
    refuseToStartAPodLeftToMigrate("portal", StackLayout.find().portalJar(), settings);
    try (ServiceProcess pod = startAPod("portal", StackLayout.find().portalJar(), settings)) {
      given().auth().oauth2(issuer.token(Personas.PATIENT)).when().get(pod.apiUrl() + "/drafts")
          .then().statusCode(200);
    }
    assertThat(migrationsRecorded("portal")).as("the pods migrated nothing").isEqualTo(migrated);
  }

  /**
   * The Job: the service's settings, the migration role's credentials, and QUARKUS_INIT_AND_EXIT; returns how many
   * migrations it recorded.
   */
  private long migrateInAJob(String name, Path jar, Map<String, String> settings)
      throws SQLException, IOException {
    Map<String, String> job = new HashMap<>(settings);
    job.put("quarkus.init-and-exit", "true");
    ServiceProcess process = ServiceProcess.start(name + "-migration-job", jar, freePort(), job,
        StackLayout.find().logDirectory());

    assertThat(process.awaitExit(JOB)).as("the job's exit code; see " + process.log()).isZero();
    assertThat(Files.readString(process.log())).as("the job never serves").doesNotContain("Listening on");
    long migrated = migrationsRecorded(name);
    assertThat(migrated).isPositive();
    assertThat(single(name, "SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
    assertThat(single(name, "SELECT count(DISTINCT installed_by) FROM flyway_schema_history"
        + " WHERE installed_by <> '" + EmbeddedDatabase.migrationRole(name) + "'")).isZero();
    assertThat(single(name, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"
        + " AND relkind = 'r' AND relname <> 'flyway_schema_history'"
        + " AND NOT has_table_privilege('" + EmbeddedDatabase.runtimeRole(name) + "', oid, 'SELECT')"))
        .as("tables the runtime role was not granted").isZero();
    return migrated;
  }

  /** A pod given only the runtime role and left to migrate: it may not, so it does not start. */
  private void refuseToStartAPodLeftToMigrate(String name, Path jar, Map<String, String> settings) {
    Map<String, String> pod = runtimeOnly(settings);
    ServiceProcess process = ServiceProcess.start(name + "-pod-left-to-migrate", jar, freePort(), pod,
        StackLayout.find().logDirectory());

    assertThat(process.awaitExit(STARTUP)).as("exit code of a pod left to migrate; see " + process.log())
        .isNotZero();
  }

  /** A pod as the Deployment runs it: the runtime role's credentials only, and QUARKUS_FLYWAY_ACTIVE=false. */
  private ServiceProcess startAPod(String name, Path jar, Map<String, String> settings) {
    Map<String, String> pod = runtimeOnly(settings);
    pod.put("quarkus.flyway.active", "false");
    ServiceProcess process = ServiceProcess.start(name + "-pod", jar, freePort(), pod,
        StackLayout.find().logDirectory());
    process.awaitReady(STARTUP);
    return process;
  }

  private static Map<String, String> runtimeOnly(Map<String, String> settings) {
    Map<String, String> pod = new HashMap<>(settings);
    pod.remove("quarkus.flyway.username");
    pod.remove("quarkus.flyway.password");
    return pod;
  }

  private static long migrationsRecorded(String name) throws SQLException {
    return single(name, "SELECT count(*) FROM flyway_schema_history");
  }

  private static long single(String name, String sql) throws SQLException {
    try (Connection connection = database.connect(name); Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }
}
