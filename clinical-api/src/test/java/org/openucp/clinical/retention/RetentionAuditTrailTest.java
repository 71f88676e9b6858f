package org.openucp.clinical.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openucp.clinical.audit.repository.AuditRepository;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/**
 * The one sanctioned destruction of audit events. The trail can only be destroyed from its start, so this class runs
 * on a database of its own (its own test profile restarts the service on a fresh one), whose oldest events it writes
 * itself, years old, before anything else happens: the service's clock is never moved.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
@TestProfile(RetentionAuditTrailTest.OwnDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionAuditTrailTest {

  /** A profile of its own, so that Quarkus starts this class's service and database afresh. */
  public static class OwnDatabase implements QuarkusTestProfile {
  }

  /** The oldest blocks of the trail, written before anything else: [first seq, last seq] each. */
  private static long[] noLongerNeeded;
  private static long[] aboutAPatientOnHold;
  private static long[] aboutAPatientWithAPlan;
  private static String patientOnHold;

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  private ClinicalApi api;
  private ClinicalTables tables;

  @BeforeEach
  void writeTheOldestEventsFirst() {
    api = new ClinicalApi(issuer);
    tables = new ClinicalTables(database);
    if (noLongerNeeded != null) {
      return;
    }
    assertThat(tables.count("SELECT count(*) FROM audit_event")).as("a database of this class's own").isZero();
    String withoutRecords = NhsNumbers.fresh();
    patientOnHold = NhsNumbers.fresh();
    String withAPlan = new OldRecords(database).planLastWorkedOn(LocalDate.now().minusYears(12), "1948-03-12");
    noLongerNeeded = oldBlock(6, "2012-01-01", withoutRecords, 4);
    aboutAPatientOnHold = oldBlock(3, "2013-01-01", patientOnHold, 3);
    aboutAPatientWithAPlan = oldBlock(2, "2014-01-01", withAPlan, 2);
  }

  @Test
  @Order(1)
  void shouldDestroyOldAuditEventsOnlyThroughTheSanctionedPathAndKeepTheChainVerifiable() throws SQLException {
    Response hold = ig().contentType(ContentType.JSON).body(Map.of("nhsNumber", patientOnHold, "kind", "LEGAL",
        "reason", "Access to the record is disputed", "reference", "Claim 2026/9")).when().post("/retention/holds");
    hold.then().statusCode(201);
    long first = noLongerNeeded[1];

    ig().when().get("/retention/audit-trail").then().statusCode(200)
        .body("destroyableThroughSeq", equalTo((int) first))
        .body("firstKeptSeq", equalTo((int) aboutAPatientOnHold[0]))
        .body("keptBecause", containsString("hold"));
    destroyThrough(aboutAPatientOnHold[1]).then().statusCode(409)
        .contentType(startsWith("application/problem+json")).body("type", containsString("records-on-hold"));
    destroyThrough(first - 1).then().statusCode(422).body("errors.field", hasItem("throughSeq"));
    assertThatThrownBy(() -> tables.execute("DELETE FROM audit_event WHERE seq = 1"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("SET openucp.audit_destruction = '1'",
        "DELETE FROM audit_event WHERE seq = 1")).isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    String sealedHash = text("SELECT hash FROM audit_seal WHERE seq = " + first);

    destroyThrough(first).then().statusCode(200)
        .body("throughSeq", equalTo((int) first))
        .body("eventsDestroyed", equalTo(6))
        .body("genesisHash", equalTo(sealedHash))
        .body("destroyedBy", equalTo(Personas.IG_OFFICER.subject()));

    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE seq <= ?", first)).isZero();
    assertThat(tables.count("SELECT count(*) FROM audit_seal WHERE seq <= ?", first)).isZero();
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE seq > ?", first)).isPositive();
    assertThat(tables.count("SELECT count(*) FROM destruction_log WHERE record_class = 'AUDIT_TRAIL'"
        + " AND record_id = ?", "audit events 1 to " + first)).isEqualTo(1);
    verification().body("intact", equalTo(true)).body("verifiedAfterSeq", equalTo((int) first))
        .body("genesisHash", equalTo(sealedHash));
    assertThatThrownBy(() -> tables.execute("DELETE FROM audit_event"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("DELETE FROM audit_seal"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("TRUNCATE audit_event"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("SET openucp.audit_destruction = '1'", "DELETE FROM audit_event"))
        .as("the checkpoint of an earlier transaction allows nothing").isInstanceOf(SQLException.class)
        .hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("UPDATE audit_checkpoint SET genesis_hash = repeat('0', 64)"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("DELETE FROM audit_checkpoint"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");

    liftHold(hold);
    destroyThrough(aboutAPatientOnHold[1]).then().statusCode(200).body("previousThroughSeq", equalTo((int) first));
    verification().body("intact", equalTo(true))
        .body("verifiedAfterSeq", equalTo((int) aboutAPatientOnHold[1]));
    destroyThrough(aboutAPatientWithAPlan[1]).then().statusCode(409)
        .body("type", containsString("audit-events-still-needed"))
        .body("detail", containsString("still held"));
    destroyThrough(aboutAPatientOnHold[1]).then().statusCode(422).body("errors.field", hasItem("throughSeq"));
  }

  @Test
  @Order(2)
  void shouldRefuseAHandWrittenCheckpointThatDoesNotMatchTheChain() {
    long next = aboutAPatientWithAPlan[1];
    assertThatThrownBy(() -> tables.execute("INSERT INTO audit_checkpoint (through_seq, genesis_hash,"
        + " previous_through_seq, events_destroyed, seals_destroyed, destroyed_at, destroyed_by, reason, xact)"
        + " SELECT " + next + ", repeat('a', 64), max(through_seq), 0, 0, now(), 'someone', 'cover-up',"
        + " pg_current_xact_id() FROM audit_checkpoint"))
        .isInstanceOf(SQLException.class).hasMessageContaining("audit checkpoint refused");
  }

  @Test
  @Order(3)
  void shouldRefuseToDestroyAuditEventsWhileTheChainDoesNotVerify() throws SQLException {
    long altered = aboutAPatientWithAPlan[0];
    String reason = text("SELECT coalesce(reason, '') FROM audit_event WHERE seq = " + altered);
    withTriggersOff("UPDATE audit_event SET reason = 'covered up' WHERE seq = " + altered);
    try {
      destroyThrough(aboutAPatientWithAPlan[1]).then().statusCode(409)
          .body("type", containsString("audit-chain-broken"));
    } finally {
      withTriggersOff("UPDATE audit_event SET reason = " + (reason.isEmpty() ? "NULL" : "'" + reason + "'")
          + " WHERE seq = " + altered);
    }
    verification().body("intact", equalTo(true));
  }

  @Test
  @Order(4)
  void shouldLetOnlyInformationGovernanceDestroyAuditEvents() {
    for (Persona persona : List.of(Personas.GP, Personas.PARAMEDIC, Personas.PLATFORM_ADMIN)) {
      api.as(persona).when().get("/retention/audit-trail").then().statusCode(403)
          .contentType(startsWith("application/problem+json"));
      api.as(persona).contentType(ContentType.JSON)
          .body(Map.of("throughSeq", aboutAPatientWithAPlan[1], "reason", "Old", "confirm", true))
          .when().post("/retention/audit-trail/destruction").then().statusCode(403);
    }
    ig().contentType(ContentType.JSON).body(Map.of("throughSeq", "first", "reason", "Old", "confirm", true))
        .when().post("/retention/audit-trail/destruction").then().statusCode(400)
        .body("errors.field", hasItem("throughSeq"));
    ig().contentType(ContentType.JSON).body(Map.of("throughSeq", aboutAPatientWithAPlan[1], "confirm", true))
        .when().post("/retention/audit-trail/destruction").then().statusCode(400)
        .body("errors.field", hasItem("reason"));
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE seq <= ?", aboutAPatientWithAPlan[1]))
        .isEqualTo(2);
  }

  /** Writes old events in one statement, then waits until they are sealed as one block; emits its first and last. */
  private long[] oldBlock(int count, String day, String patient, int aboutThePatient) {
    try {
      tables.execute("INSERT INTO audit_event (" + AuditRepository.APPENDED_COLUMNS + ")"
          + " SELECT timestamptz '" + day + " 09:00:00+00' + n * interval '1 hour', '555000000001', 'Dr Old',"
          + " 'R0260', 'A83008', CASE WHEN n <= " + aboutThePatient + " THEN '" + patient + "' END, NULL, NULL,"
          + " 'plan.read', 'SUCCESS', 200, NULL FROM generate_series(1, " + count + ") n");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    long last = tables.count("SELECT max(seq) FROM audit_event");
    await().atMost(Duration.ofSeconds(30))
        .until(() -> tables.count("SELECT last_seq FROM audit_chain_head") >= last);
    assertThat(tables.count("SELECT count(*) FROM audit_seal WHERE seq = ?", last)).isEqualTo(1);
    return new long[] {last - count + 1, last};
  }

  private Response destroyThrough(long seq) {
    Map<String, Object> body = new HashMap<>(Map.of("throughSeq", seq, "confirm", true,
        "reason", "Retention of every record these events cover has ended"));
    return ig().contentType(ContentType.JSON).body(body).when().post("/retention/audit-trail/destruction");
  }

  private void liftHold(Response hold) {
    ig().header("If-Match", hold.getHeader("ETag")).contentType(ContentType.JSON)
        .body(Map.of("reason", "Dispute resolved")).when().post("/retention/holds/" + hold.path("id") + "/lifting")
        .then().statusCode(200);
  }

  private io.restassured.response.ValidatableResponse verification() {
    return ig().when().get("/audit/chain/verification").then().statusCode(200);
  }

  private RequestSpecification ig() {
    return api.as(Personas.IG_OFFICER);
  }

  private String text(String sql) {
    try (Connection connection = database.connect("clinical");
         PreparedStatement query = connection.prepareStatement(sql);
         ResultSet result = query.executeQuery()) {
      result.next();
      return result.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void withTriggersOff(String sql) throws SQLException {
    tables.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only", sql,
        "ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
  }
}
