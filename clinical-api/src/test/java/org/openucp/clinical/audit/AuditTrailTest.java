package org.openucp.clinical.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.AuditTrailTables;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/** Every access to patient data leaves one append-only, hash-chained audit event, whatever its outcome. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class AuditTrailTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  private ClinicalApi api;
  private ClinicalTables tables;
  private AuditTrailTables trail;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    tables = new ClinicalTables(database);
    trail = new AuditTrailTables(tables);
  }

  @Test
  void shouldRecordAReadWithWhoWhatWhenAndTheStatedReason() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.PARAMEDIC).header("X-Access-Reason", "999 call: breathless at home")
        .when().get("/plans/" + patient + "/published").then().statusCode(200);

    JsonPath event = newestEvent(patient);
    assertThat(event.getString("action")).isEqualTo("plan.read");
    assertThat(event.getString("outcome")).isEqualTo("SUCCESS");
    assertThat(event.getString("actorId")).isEqualTo("555000000004");
    assertThat(event.getString("roleCode")).isEqualTo("R1070");
    assertThat(event.getString("organisation")).isEqualTo("RRU");
    assertThat(event.getInt("planVersion")).isEqualTo(1);
    assertThat(event.getString("planId")).isNotBlank();
    assertThat(event.getString("reason")).isEqualTo("999 call: breathless at home");
    assertThat(Instant.parse(event.getString("occurredAt"))).isAfter(Instant.now().minusSeconds(60));
  }

  @Test
  void shouldRecordDeniedAttempts() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/draft").then().statusCode(403);

    JsonPath event = newestEvent(patient);
    assertThat(event.getString("action")).isEqualTo("plan.draft.read");
    assertThat(event.getString("outcome")).isEqualTo("DENIED");
    assertThat(event.getInt("httpStatus")).isEqualTo(403);
    assertThat(event.getString("actorId")).isEqualTo("555000000004");
  }

  @Test
  void shouldRecordAttemptsWithoutAValidToken() {
    String patient = api.publishedPlan(aPlan());

    given().when().get("/plans/" + patient + "/published").then().statusCode(401);

    JsonPath event = newestEvent(patient);
    assertThat(event.getString("outcome")).isEqualTo("DENIED");
    assertThat(event.getInt("httpStatus")).isEqualTo(401);
    assertThat(event.getString("actorId")).isNull();
  }

  @Test
  void shouldRecordFailedAttempts() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.GP).when().get("/plans/" + patient + "/versions/9").then().statusCode(404);

    JsonPath event = newestEvent(patient);
    assertThat(event.getString("outcome")).isEqualTo("FAILED");
    assertThat(event.getInt("httpStatus")).isEqualTo(404);
  }

  @Test
  void shouldRefuseToUpdateDeleteOrTruncateAuditEventsOrTheirSealsEvenForTheDatabaseOwner() {
    api.publishedPlan(aPlan());

    assertThatThrownBy(() -> tables.execute("UPDATE audit_event SET reason = 'covered up'"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("DELETE FROM audit_event"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("TRUNCATE audit_event"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    trail.awaitSealed(tables.count("SELECT max(seq) FROM audit_event"));
    assertThatThrownBy(() -> tables.execute("UPDATE audit_seal SET hash = previous_hash"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("DELETE FROM audit_seal"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("TRUNCATE audit_seal"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
  }

  @Test
  void shouldFindTheFirstBlockWithAnAlteredEvent() throws SQLException {
    String patient = api.publishedPlan(aPlan());
    long altered = tables.count("SELECT min(seq) FROM audit_event WHERE nhs_number = ?", patient);
    trail.awaitSealed(altered);
    verification().body("intact", equalTo(true)).body("firstBrokenSeq", nullValue());
    long blockStart = trail.firstEventOfBlockHolding(altered);
    long blockEnd = tables.count("SELECT min(seq) FROM audit_seal WHERE seq >= ?", altered);

    trail.withTriggersOff("UPDATE audit_event SET actor_id = 'someone-else' WHERE seq = " + altered);
    try {
      verification().body("intact", equalTo(false))
          .body("firstBrokenSeq", equalTo((int) blockStart))
          .body("problem", equalTo("events " + blockStart + " to " + blockEnd
              + " do not match their seal (one was altered)"));
    } finally {
      trail.withTriggersOff("UPDATE audit_event SET actor_id = '555000000001' WHERE seq = " + altered);
    }
    verification().body("intact", equalTo(true));
  }

  @Test
  void shouldFindAnEventRemovedFromInsideABlock() throws SQLException {
    long last = trail.writeSettledEvents("test.removed-inside", 10);
    trail.awaitSealed(last);
    long removed = tables.count("SELECT seq FROM audit_event WHERE action = 'test.removed-inside' ORDER BY seq"
        + " OFFSET 4 LIMIT 1");
    long blockStart = trail.firstEventOfBlockHolding(removed);
    long blockEnd = tables.count("SELECT min(seq) FROM audit_seal WHERE seq >= ?", removed);
    long sealed = tables.count("SELECT event_count FROM audit_seal WHERE seq = ?", blockEnd);

    whileRemoved(removed, () -> verification().body("intact", equalTo(false))
        .body("firstBrokenSeq", equalTo((int) blockStart))
        .body("problem", equalTo("events " + blockStart + " to " + blockEnd + " are " + (sealed - 1) + " where "
            + sealed + " were sealed (an event was removed or inserted)")));
    verification().body("intact", equalTo(true));
  }

  @Test
  void shouldFindTheEventThatEndedABlockRemovedFromTheChain() throws SQLException {
    trail.awaitSealed(trail.writeSettledEvents("test.removed-end", 3));
    long removed = tables.count("SELECT max(seq) FROM audit_seal");
    long blockStart = trail.firstEventOfBlockHolding(removed);
    trail.awaitSealed(trail.writeSettledEvents("test.after-removed-end", 3));

    whileRemoved(removed, () -> verification().body("intact", equalTo(false))
        .body("firstBrokenSeq", equalTo((int) blockStart))
        .body("problem", equalTo(
            "does not link to the seal before it (an event or a seal was removed, or blocks were reordered)")));
    verification().body("intact", equalTo(true));
  }

  @Test
  void shouldSearchByPatientUserOrganisationAndTimePageByPage() {
    String patient = api.publishedPlan(aPlan());
    String from = Instant.now().minusSeconds(120).toString();

    audit().queryParam("nhsNumber", patient).queryParam("userId", "555000000001")
        .queryParam("organisation", "a83008").queryParam("from", from)
        .when().get("/audit/events").then().statusCode(200)
        .body("items.action", equalTo(java.util.List.of("plan.publish", "plan.summary", "plan.initiate")));
    audit().queryParam("nhsNumber", patient).queryParam("userId", "555000000001").queryParam("size", 1)
        .queryParam("page", 1)
        .when().get("/audit/events").then().statusCode(200)
        .body("items", hasSize(1)).body("items[0].action", equalTo("plan.summary"));
    audit().queryParam("nhsNumber", patient).queryParam("to", from)
        .when().get("/audit/events").then().statusCode(200).body("items", hasSize(0));
  }

  @Test
  void shouldLetOnlyAdministratorsReadTheTrail() {
    api.as(Personas.GP).when().get("/audit/events").then().statusCode(403);
    api.as(Personas.GP).when().get("/audit/chain/verification").then().statusCode(403);
  }

  @Test
  void shouldSealEveryEventIntoTheChainShortlyAfterItIsWritten() {
    String patient = api.publishedPlan(aPlan());
    long newest = tables.count("SELECT max(seq) FROM audit_event WHERE nhs_number = ?", patient);

    trail.awaitSealed(newest);

    long sealedUpTo = tables.count("SELECT last_seq FROM audit_chain_head");
    assertThat(tables.count("SELECT sum(event_count) FROM audit_seal"))
        .isEqualTo(tables.count("SELECT count(*) FROM audit_event WHERE seq <= ?", sealedUpTo));
    verification().body("intact", equalTo(true));
  }

  @Test
  void shouldSealEventsWrittenTogetherWithOneSeal() throws SQLException {
    long last = trail.writeSettledEvents("test.block", 10);
    long first = tables.count("SELECT min(seq) FROM audit_event WHERE action = 'test.block'");

    trail.awaitSealed(last);

    assertThat(tables.count("SELECT count(*) FROM audit_seal WHERE seq BETWEEN ? AND ?", first, last)).isEqualTo(1);
    assertThat(tables.count("SELECT event_count FROM audit_seal WHERE seq = ?", last)).isGreaterThanOrEqualTo(10);
    verification().body("intact", equalTo(true));
  }

  private void whileRemoved(long seq, Runnable check) throws SQLException {
    tables.execute("DROP TABLE IF EXISTS audit_saved",
        "CREATE TABLE audit_saved AS SELECT * FROM audit_event WHERE seq = " + seq);
    trail.withTriggersOff("DELETE FROM audit_event WHERE seq = " + seq);
    try {
      check.run();
    } finally {
      trail.withTriggersOff("INSERT INTO audit_event SELECT * FROM audit_saved");
      tables.execute("DROP TABLE audit_saved");
    }
  }

  private JsonPath newestEvent(String patient) {
    return audit().queryParam("nhsNumber", patient).queryParam("size", 1)
        .when().get("/audit/events").then().statusCode(200).extract().jsonPath().setRootPath("items[0]");
  }

  private io.restassured.response.ValidatableResponse verification() {
    return audit().when().get("/audit/chain/verification").then().statusCode(200);
  }

  private io.restassured.specification.RequestSpecification audit() {
    return api.as(Personas.PLATFORM_ADMIN);
  }
}
