package org.openucp.clinical.organisation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.infra.NhsNumbers;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/**
 * Only organisations with a sharing agreement in force and a current toolkit status of Standards Met, and only their
 * trained staff on the roster, get in.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class OnboardingTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  /** The advisory lock that holds an organisation's update at its commit, in the test that needs it. */
  private static final long COMMIT_GATE = 4_242_001L;

  private ClinicalApi api;
  private String ods;
  private Persona gp;

  @BeforeEach
  void aNewPractice() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    ods = "T" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    String uid = "5551" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    gp = Persona.staff("gp-" + ods, "GP at a new practice", "Dr New", uid, "R0260", "GP", ods, "AAL3_ANY");
  }

  @Test
  void shouldCheckStaffOtherThanAdministratorsAtTheOperatorLikeEveryoneElse() {
    Persona operatorsGp = Persona.staff("gp-at-operator", "GP at the operator", "Dr Operator", "555100000001",
        "R0260", "GP", Personas.OPERATOR_ORGANISATION, "AAL3_ANY");

    readAPlan(operatorsGp).statusCode(403)
        .body("type", equalTo("https://openucp.org/problems/organisation-not-onboarded"));
    api.as(Personas.PLATFORM_ADMIN).when().get("/organisations").then().statusCode(200);
  }

  @Test
  void shouldTurnAwayStaffOfAnOrganisationThatHasNotJoined() {
    readAPlan(gp).statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://openucp.org/problems/organisation-not-onboarded"))
        .body("detail", equalTo("Your organisation " + ods + " has not joined this service"));
  }

  @Test
  void shouldWalkAnOrganisationThroughOnboardingUntilItsTrainedStaffGetIn() {
    register();
    readAPlan(gp).statusCode(403).body("detail", containsString("no information sharing agreement in force"));

    agreement(LocalDate.now().minusDays(1), null, null).statusCode(200).body("agreementInForce", equalTo(true));
    readAPlan(gp).statusCode(403).body("type", containsString("data-security-standards-not-met"))
        .body("detail", containsString("no Data Security and Protection Toolkit status recorded"));

    dspt("STANDARDS_MET", LocalDate.now().minusMonths(2)).statusCode(200).body("dsptInForce", equalTo(true));
    readAPlan(gp).statusCode(403).body("type", containsString("not-on-roster"));

    rosterCsv("userId,name,jobRole,trainingCompletedOn\n" + gp.subject() + ",Dr New,R0260,\n").statusCode(200);
    readAPlan(gp).statusCode(403).body("type", containsString("training-not-completed"));

    rosterCsv("userId,name,jobRole,trainingCompletedOn\n" + gp.subject() + ",Dr New,R0260,"
        + LocalDate.now().minusDays(3) + "\n").statusCode(200).body("items", hasSize(1));
    readAPlan(gp).statusCode(404);
  }

  @Test
  void shouldTurnAwayStaffOnceTheAgreementIsSuspendedOrHasExpired() {
    onboardWithGp();
    readAPlan(gp).statusCode(404);

    agreement(LocalDate.now().minusYears(1), null, LocalDate.now()).statusCode(200);
    readAPlan(gp).statusCode(403).body("detail", containsString("suspended"));

    agreement(LocalDate.now().minusYears(2), LocalDate.now().minusDays(1), null).statusCode(200);
    readAPlan(gp).statusCode(403).body("detail", containsString("expired"));
  }

  @Test
  void shouldTurnAwayATokenAlreadyAcceptedOnceTheAgreementIsSuspended() {
    onboardWithGp();
    String token = issuer.token(gp);
    readAPlan(token).statusCode(404);

    agreement(LocalDate.now().minusYears(1), null, LocalDate.now()).statusCode(200);
    readAPlan(token).statusCode(403).body("detail", containsString("suspended"));
  }

  @Test
  void shouldNotRememberAnAgreementCheckedWhileItsSuspensionWasCommitting() throws Exception {
    onboardWithGp();
    String token = issuer.token(gp);
    try (Connection gate = database.connect("clinical"); Statement sql = gate.createStatement()) {
      sql.execute("""
          CREATE OR REPLACE FUNCTION test_commit_gate() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN PERFORM pg_advisory_xact_lock(%d); RETURN NULL; END $$""".formatted(COMMIT_GATE));
      sql.execute("CREATE CONSTRAINT TRIGGER commit_gate_" + ods + " AFTER UPDATE ON organisation"
          + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.ods_code = '" + ods + "')"
          + " EXECUTE FUNCTION test_commit_gate()");
      try {
        sql.execute("SELECT pg_advisory_lock(" + COMMIT_GATE + ")");
        CompletableFuture<Integer> suspension = CompletableFuture.supplyAsync(
            () -> agreement(LocalDate.now().minusYears(1), null, LocalDate.now()).extract().statusCode());
        awaitABackendWaitingFor(sql, "advisory");

        readAPlan(token).statusCode(404);
        sql.execute("SELECT pg_advisory_unlock(" + COMMIT_GATE + ")");

        assertThat(suspension.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        readAPlan(token).statusCode(403).body("detail", containsString("suspended"));
      } finally {
        sql.execute("SELECT pg_advisory_unlock_all()");
        sql.execute("DROP TRIGGER commit_gate_" + ods + " ON organisation");
      }
    }
  }

  @Test
  void shouldNotRememberACheckThatReadTheAgreementBeforeItsSuspensionCommitted() throws Exception {
    onboardWithGp();
    String token = issuer.token(gp);
    CompletableFuture<Integer> checkedBefore;
    try (Connection holder = database.connect("clinical"); Statement sql = holder.createStatement()) {
      holder.setAutoCommit(false);
      // The check reads the organisation, then waits here for the roster while the suspension commits.
      sql.execute("LOCK TABLE roster_entry IN ACCESS EXCLUSIVE MODE");
      checkedBefore = CompletableFuture.supplyAsync(() -> readAPlan(token).extract().statusCode());
      try (Connection watcher = database.connect("clinical"); Statement watch = watcher.createStatement()) {
        awaitABackendWaitingFor(watch, "relation");
      }
      agreement(LocalDate.now().minusYears(1), null, LocalDate.now()).statusCode(200);
      holder.commit();
    }

    assertThat(checkedBefore.get(30, TimeUnit.SECONDS)).isEqualTo(404);
    readAPlan(token).statusCode(403).body("detail", containsString("suspended"));
  }

  @Test
  void shouldOnlyLetThePlatformAdministratorOnboard() {
    api.as(Personas.GP).contentType(ContentType.JSON).body(Map.of("name", "X", "type", "GP_PRACTICE"))
        .when().put("/organisations/" + ods)
        .then().statusCode(403).body("type", containsString("permission-denied"));
    Persona managerElsewhere = Persona.staff("manager", "Senior manager at a practice", "M", "555000000099",
        "R8005", "Senior Manager", Personas.DEMO_PRACTICE, "AAL3_ANY");
    api.as(managerElsewhere).when().get("/organisations").then().statusCode(403);
    api.as(Personas.PLATFORM_ADMIN).when().get("/organisations").then().statusCode(200);
  }

  @Test
  void shouldRejectAnUnreadableRosterAndKeepTheOldOne() {
    onboardWithGp();

    rosterCsv("userId,name,jobRole,trainingCompletedOn\nu1,A,R0260,yesterday\nu2,B\n")
        .statusCode(400)
        .body("errors.field", equalTo(List.of("row 2, trainingCompletedOn", "row 3")));
    api.as(Personas.PLATFORM_ADMIN).contentType(ContentType.JSON)
        .body(List.of(Map.of("userId", "u3", "name", "C", "jobRole", "nurse")))
        .when().put("/organisations/" + ods + "/roster")
        .then().statusCode(400).body("errors[0].field", equalTo("[0].jobRole"));
    readAPlan(gp).statusCode(404);
  }

  @Test
  void shouldAuditEveryOnboardingOperation() {
    onboardWithGp();

    long audited = new ClinicalTables(database).count("SELECT count(*) FROM audit_event WHERE actor_id = ?"
        + " AND action IN ('organisation.save', 'organisation.agreement', 'organisation.dspt', 'organisation.roster')"
        + " AND occurred_at > now() - interval '1 minute'", Personas.PLATFORM_ADMIN.subject());
    assertThat(audited).isGreaterThanOrEqualTo(4);
  }

  private void onboardWithGp() {
    register();
    agreement(LocalDate.now().minusYears(1), null, null).statusCode(200);
    dspt("STANDARDS_MET", LocalDate.now().minusMonths(2)).statusCode(200);
    rosterCsv("userId,name,jobRole,trainingCompletedOn\n" + gp.subject() + ",Dr New,R0260,"
        + LocalDate.now().minusMonths(2) + "\n").statusCode(200);
  }

  private ValidatableResponse dspt(String status, LocalDate publishedOn) {
    return api.as(Personas.PLATFORM_ADMIN).contentType(ContentType.JSON)
        .body(Map.of("status", status, "publishedOn", publishedOn.toString()))
        .when().put("/organisations/" + ods + "/dspt").then();
  }

  private void register() {
    api.as(Personas.PLATFORM_ADMIN).contentType(ContentType.JSON)
        .body(Map.of("name", "New Practice " + ods, "type", "GP_PRACTICE"))
        .when().put("/organisations/" + ods)
        .then().statusCode(200).body("agreementInForce", equalTo(false));
  }

  /** Waits until some database session is blocked on a lock of this kind (a request the test has held up). */
  private static void awaitABackendWaitingFor(Statement sql, String lockType) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (ResultSet waiting = sql.executeQuery("SELECT count(*) FROM pg_stat_activity"
          + " WHERE wait_event_type = 'Lock' AND wait_event = '" + lockType + "'")) {
        waiting.next();
        if (waiting.getInt(1) > 0) {
          return;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("No request reached the held " + lockType + " lock");
  }

  private ValidatableResponse agreement(LocalDate signed, LocalDate expires, LocalDate suspended) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("signedOn", signed.toString(),
        "caldicottGuardian", "Dr Guardian"));
    if (expires != null) {
      body.put("expiresOn", expires.toString());
    }
    if (suspended != null) {
      body.put("suspendedOn", suspended.toString());
    }
    return api.as(Personas.PLATFORM_ADMIN).contentType(ContentType.JSON).body(body)
        .when().put("/organisations/" + ods + "/sharing-agreement").then();
  }

  private ValidatableResponse rosterCsv(String csv) {
    return api.as(Personas.PLATFORM_ADMIN).contentType("text/csv").body(csv)
        .when().put("/organisations/" + ods + "/roster").then();
  }

  private ValidatableResponse readAPlan(Persona persona) {
    return api.summary(persona, NhsNumbers.fresh()).then();
  }

  private ValidatableResponse readAPlan(String token) {
    return given().auth().oauth2(token)
        .when().get("/plans/" + NhsNumbers.fresh()).then();
  }
}
