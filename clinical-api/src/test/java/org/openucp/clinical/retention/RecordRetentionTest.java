package org.openucp.clinical.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.retention.repository.PlanRetentionRepository;
import org.openucp.clinical.retention.repository.PlanRetentionRepository.KeptEvent;
import org.openucp.clinical.retention.service.RetentionAppraisals;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;

/**
 * Retention of the records kept apart from plans (issue 15): the complaint log and the breach register. Like plans,
 * they reach the appraisal list once their minimum period has ended, are destroyed only on an appraisal decided
 * DESTROY, never under a hold, and leave a stub. With real tokens and PostgreSQL; records are made old by writing
 * their dates years back (a breach through the API, which takes past dates; a complaint's closure in the database),
 * never by moving the service's clock.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class RecordRetentionTest {

  private static final ZoneId ENGLAND = ZoneId.of("Europe/London");
  private static final LocalDate TODAY = LocalDate.now(ENGLAND);

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  @Inject
  RetentionAppraisals appraisals;

  @Inject
  PlanRetentionRepository retention;

  private ClinicalApi api;
  private ClinicalTables tables;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    tables = new ClinicalTables(database);
  }

  @Test
  void shouldListAComplaintTenYearsAfterItWasClosedAndNotOneOpenOrClosedSince() throws SQLException {
    String closedElevenYearsAgo = closedComplaint(NhsNumbers.fresh(), TODAY.minusYears(11));
    String closedNineYearsAgo = closedComplaint(null, TODAY.minusYears(9));
    String open = complaint(null);
    tables.execute("UPDATE complaint SET received_at = now() - interval '12 years' WHERE id = '" + open + "'");

    runJob();

    JsonPath due = listed(closedElevenYearsAgo);
    assertThat(due.getString("recordClass")).isEqualTo("COMPLAINT");
    assertThat(due.getString("retentionTrigger")).isEqualTo("CLOSURE");
    assertThat(due.getString("retentionStartedOn")).isEqualTo(TODAY.minusYears(11).toString());
    assertThat(due.getString("minimumEndsOn")).isEqualTo(TODAY.minusYears(1).toString());
    assertThat(due.getString("basis")).contains("Complaint: closed on " + TODAY.minusYears(11));
    assertThat(appraisedRecords()).doesNotContain(closedNineYearsAgo, open);
    Map<String, Object> deadline = deadline(due.getString("id"));
    assertThat((String) deadline.get("summary")).contains("a complaint");
    api.as(Personas.IG_OFFICER).when().get("/complaints/" + closedNineYearsAgo).then().statusCode(200)
        .body("retainUntil", equalTo(TODAY.plusYears(1).toString()));
  }

  @Test
  void shouldListAnIncidentTenYearsAfterItHappenedAndASeriousOneOnlyAfterTwenty() {
    String elevenYearsAgo = incident(yearsAgo(11));
    String nineYearsAgo = incident(yearsAgo(9));
    String seriousElevenYearsAgo = incident(yearsAgo(11));
    markSerious(seriousElevenYearsAgo, true).then().statusCode(200);
    String notifiedElevenYearsAgo = incident(yearsAgo(11));
    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("notify", true, "reason", "A risk to patients' rights", "notifiedAt",
            yearsAgo(11).plusSeconds(7200).toString()))
        .when().post("/breaches/" + notifiedElevenYearsAgo + "/regulator-decision").then().statusCode(200);
    String seriousTwentyOneYearsAgo = incident(yearsAgo(21));
    markSerious(seriousTwentyOneYearsAgo, true).then().statusCode(200);
    String whenNotKnown = incidentKnownOf(yearsAgo(11));

    runJob();

    JsonPath due = listed(elevenYearsAgo);
    assertThat(due.getString("recordClass")).isEqualTo("INCIDENT");
    assertThat(due.getString("retentionTrigger")).isEqualTo("OCCURRENCE");
    assertThat(due.getString("minimumEndsOn")).isEqualTo(dayOf(yearsAgo(11)).plusYears(10).toString());
    assertThat(due.getString("nhsNumber")).as("an incident may name many patients: the register lists them").isNull();
    JsonPath serious = listed(seriousTwentyOneYearsAgo);
    assertThat(serious.getString("recordClass")).isEqualTo("SERIOUS_INCIDENT");
    assertThat(serious.getString("minimumEndsOn")).isEqualTo(dayOf(yearsAgo(21)).plusYears(20).toString());
    assertThat(serious.getString("basis")).contains("marked serious");
    assertThat(listed(whenNotKnown).getString("basis")).contains("day not known", "became aware");
    assertThat(appraisedRecords()).doesNotContain(nineYearsAgo, seriousElevenYearsAgo, notifiedElevenYearsAgo);
    assertThat((String) deadline(due.getString("id")).get("summary")).contains("an incident");
  }

  @Test
  void shouldDestroyAnApprovedComplaintLeavingAStubThePatientsNhsNumberFinds() throws SQLException {
    String patient = NhsNumbers.fresh();
    String id = closedComplaint(patient, TODAY.minusYears(11));
    runJob();
    String appraisal = listed(id).getString("id");
    destroy(appraisal).then().statusCode(409).body("type", containsString("destruction-not-approved"));
    decide(appraisal, Map.of("decision", "DESTROY", "reason", "Closed long ago; no claim")).then().statusCode(200);

    JsonPath stub = destroy(appraisal).then().statusCode(200).extract().jsonPath();

    assertThat(stub.getString("recordClass")).isEqualTo("COMPLAINT");
    assertThat(stub.getString("recordId")).isEqualTo(id);
    assertThat(stub.getString("retentionTrigger")).isEqualTo("CLOSURE");
    assertThat(stub.getString("minimumEndedOn")).isEqualTo(TODAY.minusYears(1).toString());
    assertThat(stub.getString("authority")).contains(appraisal, "DESTROY", Personas.IG_OFFICER.subject());
    assertThat(stub.getString("method")).contains("complaint log");
    assertThat(stub.getString("contents")).contains("1 complaint", "concerning one patient");
    assertThat(stub.getString("nhsNumberHash")).matches("[0-9a-f]{64}");
    assertThat(tables.count("SELECT count(*) FROM complaint WHERE id = ?::uuid", id)).isZero();
    api.as(Personas.IG_OFFICER).when().get("/complaints/" + id).then().statusCode(404);
    assertThat(tables.everyValueIn("destruction_log")).noneMatch(value -> value.contains(patient));
    assertThat(tables.count("SELECT count(*) FROM retention_appraisal WHERE record_id = ?::uuid"
        + " AND nhs_number IS NOT NULL", id)).isZero();
    api.as(Personas.IG_OFFICER).queryParam("nhsNumber", patient).when().get("/retention/destructions")
        .then().statusCode(200).body("items.id", equalTo(List.of(stub.getString("id"))));
    destroy(appraisal).then().statusCode(409).body("type", containsString("already-destroyed"));
  }

  @Test
  void shouldDestroyAnApprovedIncidentWithWhatHangsOffItAndFindItsStubForEachPatientItListed() throws SQLException {
    String first = NhsNumbers.fresh();
    String second = NhsNumbers.fresh();
    String id = incident(yearsAgo(12));
    ig().contentType(ContentType.JSON).body(Map.of("nhsNumbers", List.of(first, second)))
        .when().post("/breaches/" + id + "/affected-patients").then().statusCode(200);
    ig().contentType(ContentType.JSON).body(Map.of("notify", false, "reason", "Unlikely to result in a risk"))
        .when().post("/breaches/" + id + "/regulator-decision").then().statusCode(200);
    ig().contentType(ContentType.JSON).body(Map.of("organisation", Personas.DEMO_PRACTICE,
            "liaisedAt", yearsAgo(12).plusSeconds(7200).toString(), "contact", "Practice manager"))
        .when().post("/breaches/" + id + "/liaisons").then().statusCode(200);
    String keptIncident = incident(yearsAgo(1));
    ig().contentType(ContentType.JSON).body(Map.of("notify", false, "reason", "Unlikely to result in a risk"))
        .when().post("/breaches/" + keptIncident + "/regulator-decision").then().statusCode(200);
    runJob();
    String appraisal = listed(id).getString("id");
    decide(appraisal, Map.of("decision", "DESTROY")).then().statusCode(200);

    JsonPath stub = destroy(appraisal).then().statusCode(200).extract().jsonPath();

    assertThat(stub.getString("recordClass")).isEqualTo("INCIDENT");
    assertThat(stub.getString("recordId")).isEqualTo(id);
    assertThat(stub.getString("retentionTrigger")).isEqualTo("OCCURRENCE");
    assertThat(stub.getString("nhsNumberHash")).isNull();
    assertThat(stub.getString("contents")).contains("2 affected patient(s)", "1 decision(s) on notifying the ICO",
        "1 liaison(s)");
    for (String table : List.of("breach_affected_patient", "breach_affected_record", "breach_liaison",
        "breach_regulator_decision", "breach_audit_search")) {
      assertThat(tables.count("SELECT count(*) FROM " + table + " WHERE breach_id = ?::uuid", id)).as(table).isZero();
    }
    assertThat(tables.count("SELECT count(*) FROM breach WHERE id = ?::uuid", id)).isZero();
    for (String patient : List.of(first, second)) {
      ig().queryParam("nhsNumber", patient).when().get("/retention/destructions").then().statusCode(200)
          .body("items.id", equalTo(List.of(stub.getString("id"))));
    }
    assertThat(tables.everyValueIn("destruction_log_patient")).noneMatch(value -> value.contains(first)
        || value.contains(second));
    // The decisions of an incident still held stay as they were taken, even for the database owner.
    assertThatThrownBy(() -> tables.execute("DELETE FROM breach_regulator_decision WHERE breach_id = '"
        + keptIncident + "'")).isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("UPDATE breach_regulator_decision SET reason = 'rewritten'"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("DELETE FROM destruction_log_patient"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("TRUNCATE destruction_log_patient"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
  }

  @Test
  void shouldRefuseToDestroyAComplaintOrAnIncidentUnderAHoldOnItOrOnAPatientItNames() throws SQLException {
    String patient = NhsNumbers.fresh();
    String ofThePatient = closedComplaint(patient, TODAY.minusYears(11));
    String ofNoPatient = closedComplaint(null, TODAY.minusYears(11));
    String listingThePatient = incident(yearsAgo(11));
    ig().contentType(ContentType.JSON).body(Map.of("nhsNumbers", List.of(patient)))
        .when().post("/breaches/" + listingThePatient + "/affected-patients").then().statusCode(200);
    runJob();
    List<String> approved = List.of(ofThePatient, ofNoPatient, listingThePatient).stream()
        .map(record -> listed(record).getString("id")).toList();
    approved.forEach(appraisal -> decide(appraisal, Map.of("decision", "DESTROY")).then().statusCode(200));
    Response onThePatient = placeHold(Map.of("nhsNumber", patient, "kind", "LEGAL", "reason", "Negligence claim",
        "reference", "Claim 2026/77"));
    onThePatient.then().statusCode(201).body("recordId", equalTo(null));
    Response onTheComplaint = placeHold(Map.of("recordId", ofNoPatient, "kind", "LEGAL",
        "reason", "The complainant is suing", "reference", "Claim 2026/78"));
    onTheComplaint.then().statusCode(201).body("recordKind", equalTo("COMPLAINT")).body("nhsNumber", equalTo(null));

    destroy(approved.get(0)).then().statusCode(409).contentType(startsWith("application/problem+json"))
        .body("type", containsString("records-on-hold")).body("detail", containsString("Claim 2026/77"));
    destroy(approved.get(1)).then().statusCode(409).body("type", containsString("records-on-hold"))
        .body("detail", containsString("COMPLAINT " + ofNoPatient));
    destroy(approved.get(2)).then().statusCode(409).body("type", containsString("records-on-hold"))
        .body("detail", containsString("Claim 2026/77"));
    assertThat(tables.count("SELECT count(*) FROM complaint WHERE id IN (?::uuid, ?::uuid)", ofThePatient,
        ofNoPatient)).isEqualTo(2);
    assertThat(tables.count("SELECT count(*) FROM breach WHERE id = ?::uuid", listingThePatient)).isEqualTo(1);

    lift(onTheComplaint);
    destroy(approved.get(1)).then().statusCode(200).body("recordClass", equalTo("COMPLAINT"));
    lift(onThePatient);
    destroy(approved.get(2)).then().statusCode(200).body("recordClass", equalTo("INCIDENT"));
  }

  @Test
  void shouldRefuseToDestroyAnIncidentMarkedSeriousSinceItsAppraisal() {
    String id = incident(yearsAgo(11));
    runJob();
    String appraisal = listed(id).getString("id");
    assertThat(listed(id).getString("recordClass")).isEqualTo("INCIDENT");
    decide(appraisal, Map.of("decision", "DESTROY")).then().statusCode(200);

    markSerious(id, true).then().statusCode(200)
        .body("seriousIncident.serious", equalTo(true))
        .body("seriousIncident.decidedBy", equalTo(Personas.IG_OFFICER.subject()))
        .body("retention.recordClass", equalTo("SERIOUS_INCIDENT"));

    destroy(appraisal).then().statusCode(409).body("type", containsString("retention-not-ended"))
        .body("detail", containsString(dayOf(yearsAgo(11)).plusYears(20).toString()));
    assertThat(tables.count("SELECT count(*) FROM breach WHERE id = ?::uuid", id)).isEqualTo(1);
  }

  @Test
  void shouldRefuseAHoldOnNeitherOrBothAPatientAndARecordOrOnNoSuchRecordNamingTheFields() {
    String patient = NhsNumbers.fresh();

    placeHold(Map.of("kind", "LEGAL", "reason", "Claim")).then().statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("errors.field", hasItem("nhsNumber")).body("errors.field", hasItem("recordId"));
    placeHold(Map.of("nhsNumber", patient, "recordId", UUID.randomUUID().toString(), "kind", "LEGAL",
        "reason", "Claim")).then().statusCode(422).body("errors.field", hasItem("recordId"));
    placeHold(Map.of("recordId", UUID.randomUUID().toString(), "kind", "LEGAL", "reason", "Claim"))
        .then().statusCode(422).body("errors.field", hasItem("recordId"));
    placeHold(Map.of("recordId", "not-a-uuid", "kind", "LEGAL", "reason", "Claim")).then().statusCode(400);
    api.as(Personas.GP).contentType(ContentType.JSON).body(Map.of("recordId", complaint(null), "kind", "LEGAL",
        "reason", "Mine")).when().post("/retention/holds").then().statusCode(403);
    assertThat(tables.count("SELECT count(*) FROM retention_hold WHERE reason = 'Claim' OR reason = 'Mine'"))
        .isZero();
  }

  @Test
  void shouldKeepTheAuditEventsAboutAPatientWhileAComplaintOrAnIncidentNamesThem() throws SQLException {
    String inAComplaint = NhsNumbers.fresh();
    String inAnIncident = NhsNumbers.fresh();
    String complaint = closedComplaint(inAComplaint, TODAY.minusYears(11));
    String incident = incident(yearsAgo(11));
    ig().contentType(ContentType.JSON).body(Map.of("nhsNumbers", List.of(inAnIncident)))
        .when().post("/breaches/" + incident + "/affected-patients").then().statusCode(200);
    long aboutTheComplainant = firstEventAbout(inAComplaint);
    long aboutTheAffected = firstEventAbout(inAnIncident);

    // However old (the period since each event is taken as over), an event is kept while a record names its patient.
    assertThat(firstKeptFrom(aboutTheComplainant).seq()).isEqualTo(aboutTheComplainant);
    assertThat(firstKeptFrom(aboutTheAffected).seq()).isEqualTo(aboutTheAffected);

    runJob();
    for (String record : List.of(complaint, incident)) {
      String appraisal = listed(record).getString("id");
      decide(appraisal, Map.of("decision", "DESTROY")).then().statusCode(200);
      destroy(appraisal).then().statusCode(200);
    }

    assertThat(keptNoLonger(aboutTheComplainant)).as("kept once the complaint is destroyed").isTrue();
    assertThat(keptNoLonger(aboutTheAffected)).as("kept once the incident is destroyed").isTrue();
  }

  /** Whether the event may go now: the first one to keep is a later one, or none is. */
  private boolean keptNoLonger(long seq) {
    KeptEvent kept = firstKeptFrom(seq);
    return kept == null || kept.seq() > seq;
  }

  /** The first audit event from {@code seq} on that must be kept, were every event older than the minimum. */
  private KeptEvent firstKeptFrom(long seq) {
    Instant everyEventOld = Instant.now().plusSeconds(86_400);
    return retention.firstKeptEvent(retention.database(), seq - 1, everyEventOld, TODAY).await().indefinitely();
  }

  private long firstEventAbout(String patient) {
    return tables.count("SELECT min(seq) FROM audit_event WHERE nhs_number = ? AND outcome = 'SUCCESS'", patient);
  }

  private RequestSpecification ig() {
    return api.as(Personas.IG_OFFICER);
  }

  private Integer runJob() {
    return appraisals.listDue().await().indefinitely();
  }

  /** A complaint recorded now, about the patient if one is given; emits its id. */
  private String complaint(String patient) {
    Map<String, Object> body = new HashMap<>(Map.of("complainant", "Mary Smith, daughter", "contact",
        "020 7946 0000", "summary", "The crew could not find my mother's plan", "organisation", "RRU"));
    if (patient != null) {
      body.put("nhsNumber", patient);
    }
    return ig().contentType(ContentType.JSON).body(body).when().post("/complaints").then().statusCode(201)
        .extract().path("id");
  }

  /** A complaint closed through the API, then written back to having been received and closed on that day. */
  private String closedComplaint(String patient, LocalDate closedOn) throws SQLException {
    String id = complaint(patient);
    String etag = ig().when().get("/complaints/" + id).then().extract().header("ETag");
    ig().header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("outcome", "Apologised"))
        .when().post("/complaints/" + id + "/closure").then().statusCode(200);
    Instant closedAt = closedOn.atTime(11, 0).atZone(ENGLAND).toInstant();
    tables.execute("UPDATE complaint SET received_at = '" + closedAt.minusSeconds(30L * 86_400) + "', closed_at = '"
        + closedAt + "' WHERE id = '" + id + "'");
    return id;
  }

  private static Instant yearsAgo(int years) {
    return LocalDate.now(ZoneOffset.UTC).minusYears(years).atTime(10, 0).toInstant(ZoneOffset.UTC);
  }

  private static LocalDate dayOf(Instant at) {
    return LocalDate.ofInstant(at, ENGLAND);
  }

  /** A breach that happened then, which the operator became aware of an hour later; emits its id. */
  private String incident(Instant occurredAt) {
    return recordBreach(occurredAt, occurredAt.plusSeconds(3600));
  }

  /** A breach whose time is not known, which the operator became aware of then. */
  private String incidentKnownOf(Instant awareAt) {
    return recordBreach(null, awareAt);
  }

  private String recordBreach(Instant occurredAt, Instant awareAt) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("whatHappened", "A printed plan was left on a train " + UUID.randomUUID());
    facts.put("category", "CONFIDENTIALITY");
    if (occurredAt != null) {
      facts.put("occurredAt", occurredAt.toString());
    }
    facts.put("awareAt", awareAt.toString());
    return ig().contentType(ContentType.JSON).body(facts).when().post("/breaches").then().statusCode(201)
        .extract().path("id");
  }

  private Response markSerious(String breach, boolean serious) {
    return ig().contentType(ContentType.JSON)
        .body(Map.of("serious", serious, "reason", "Patients' care wishes read by a stranger"))
        .when().post("/breaches/" + breach + "/seriousness");
  }

  /** Every record with an appraisal, decided or not. */
  private List<String> appraisedRecords() {
    return ig().queryParam("all", true).when().get("/retention/appraisals").then().statusCode(200)
        .extract().jsonPath().getList("items.recordId");
  }

  /** The record's appraisal, as information governance reads it on the list. */
  private JsonPath listed(String recordId) {
    JsonPath all = ig().queryParam("all", true).when().get("/retention/appraisals").then().statusCode(200)
        .extract().jsonPath();
    assertThat(all.getList("items.recordId")).as("records listed").contains(recordId);
    return all.setRootPath("items.find { it.recordId == '" + recordId + "' }");
  }

  private Map<String, Object> deadline(String appraisal) {
    return ig().queryParam("withinHours", 48).when().get("/information-governance/deadlines").then()
        .statusCode(200).extract().jsonPath().getMap("items.find { it.caseId == '" + appraisal + "' }");
  }

  private Response decide(String id, Map<String, Object> decision) {
    String etag = ig().when().get("/retention/appraisals/" + id).then().statusCode(200).extract().header("ETag");
    return ig().header("If-Match", etag).contentType(ContentType.JSON).body(decision)
        .when().post("/retention/appraisals/" + id + "/decision");
  }

  private Response destroy(String id) {
    String etag = ig().when().get("/retention/appraisals/" + id).then().statusCode(200).extract().header("ETag");
    return ig().header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("confirm", true))
        .when().post("/retention/appraisals/" + id + "/destruction");
  }

  private Response placeHold(Map<String, Object> hold) {
    return ig().contentType(ContentType.JSON).body(hold).when().post("/retention/holds");
  }

  private void lift(Response hold) {
    ig().header("If-Match", hold.getHeader("ETag")).contentType(ContentType.JSON)
        .body(Map.of("reason", "Claim settled")).when().post("/retention/holds/" + hold.path("id") + "/lifting")
        .then().statusCode(200);
  }
}
