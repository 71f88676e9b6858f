package org.openucp.clinical.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.retention.service.RetentionAppraisals;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/**
 * Retention and destruction of plans (issue 15), with real tokens and PostgreSQL. Records are made old in the
 * database (written as stored years ago, or with a death recorded years ago), never by moving the service's clock.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class RetentionTest {

  /** An adult (born 1948) last seen ten years ago: the 8 years have ended. */
  private static final LocalDate TEN_YEARS_AGO = LocalDate.now().minusYears(10);

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  @Inject
  RetentionAppraisals appraisals;

  private ClinicalApi api;
  private ClinicalTables tables;
  private OldRecords old;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
    tables = new ClinicalTables(database);
    old = new OldRecords(database);
  }

  @Test
  void shouldListAPlanWhoseMinimumRetentionHasEndedAndNotOneWhoseHasNot() throws Throwable {
    String lastSeenTenYearsAgo = old.planLastWorkedOn(TEN_YEARS_AGO, "1948-03-12");
    String lastSeenSixYearsAgo = old.planLastWorkedOn(LocalDate.now().minusYears(6), "1948-03-12");
    String childLastSeenTenYearsAgo = old.planLastWorkedOn(TEN_YEARS_AGO, TEN_YEARS_AGO.minusYears(8).toString());
    String diedFourteenYearsAgo = api.publishedPlan(aPlan());
    LocalDate diedOn = LocalDate.now().minusYears(14);
    recordDeath(Personas.GP, diedFourteenYearsAgo, diedOn, null).then().statusCode(200);
    String alive = api.publishedPlan(aPlan());

    runJob();

    JsonPath due = listed(lastSeenTenYearsAgo);
    assertThat(due.getString("recordClass")).isEqualTo("ADULT_PLAN");
    assertThat(due.getString("retentionTrigger")).isEqualTo("LAST_SEEN");
    assertThat(due.getString("retentionStartedOn")).isEqualTo(TEN_YEARS_AGO.toString());
    assertThat(due.getString("minimumEndsOn")).isEqualTo(TEN_YEARS_AGO.plusYears(8).toString());
    assertThat(due.getString("decision")).isNull();
    JsonPath died = listed(diedFourteenYearsAgo);
    assertThat(died.getString("retentionTrigger")).isEqualTo("DEATH");
    assertThat(died.getString("minimumEndsOn")).isEqualTo(diedOn.plusYears(8).toString());
    List<String> listed = ig().when().get("/retention/appraisals").then().statusCode(200)
        .extract().jsonPath().getList("items.nhsNumber");
    assertThat(listed).contains(lastSeenTenYearsAgo, diedFourteenYearsAgo)
        .doesNotContain(lastSeenSixYearsAgo, alive)
        .as("a child's plan is kept until their 25th birthday, though 8 years have passed")
        .doesNotContain(childLastSeenTenYearsAgo);
  }

  @Test
  void shouldListEachRecordOnceHoweverManyTimesOrReplicasRunTheJob() throws Exception {
    List<String> patients = List.of(old.planLastWorkedOn(TEN_YEARS_AGO, "1950-01-01"),
        old.planLastWorkedOn(TEN_YEARS_AGO.minusDays(3), "1951-01-01"));

    ExecutorService replicas = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Integer>> twoReplicas = List.of(this::runJob, this::runJob);
      for (Future<Integer> run : replicas.invokeAll(twoReplicas)) {
        run.get();
      }
    } finally {
      replicas.shutdown();
    }
    runJob();
    runJob();

    for (String patient : patients) {
      assertThat(tables.count("SELECT count(*) FROM retention_appraisal WHERE nhs_number = ?", patient))
          .as("appraisals of " + patient).isEqualTo(1);
    }
    // Even two replicas that both got past the job's lock cannot list a record twice: the database refuses.
    assertThatThrownBy(() -> tables.execute("INSERT INTO retention_appraisal (id, record_class, record_id,"
        + " nhs_number, retention_trigger, retention_started_on, minimum_ends_on, due_on, basis, listed_at, revision)"
        + " SELECT gen_random_uuid(), record_class, record_id, nhs_number, retention_trigger, retention_started_on,"
        + " minimum_ends_on, due_on, basis, now(), 0 FROM retention_appraisal WHERE nhs_number = '"
        + patients.get(0) + "'"))
        .isInstanceOf(SQLException.class).hasMessageContaining("retention_appraisal_open");
  }

  @Test
  void shouldDestroyNothingWithoutAnApprovedAppraisal() throws Throwable {
    String patient = old.planLastWorkedOn(TEN_YEARS_AGO, "1948-03-12");
    runJob();
    String id = listed(patient).getString("id");

    destroy(id).then().statusCode(409).contentType(startsWith("application/problem+json"))
        .body("type", containsString("destruction-not-approved"));
    decide(id, Map.of("decision", "KEEP", "reason", "Inquest expected", "reviewOn",
        LocalDate.now().plusYears(1).toString())).then().statusCode(200);
    destroy(id).then().statusCode(409).body("type", containsString("destruction-not-approved"))
        .body("detail", containsString("KEEP"));

    assertThat(plansOf(patient)).isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM destruction_log WHERE record_id ="
        + " (SELECT record_id::text FROM retention_appraisal WHERE id = ?::uuid)", id)).isZero();
    runJob();
    assertThat(tables.count("SELECT count(*) FROM retention_appraisal WHERE nhs_number = ?", patient))
        .as("kept until its review date: not listed again before it").isEqualTo(1);
  }

  @Test
  void shouldListAKeptRecordAgainOnItsReviewDate() throws Throwable {
    String patient = old.planLastWorkedOn(TEN_YEARS_AGO, "1948-03-12");
    runJob();
    String id = listed(patient).getString("id");
    decide(id, Map.of("decision", "KEEP", "reason", "Complaint open", "reviewOn",
        LocalDate.now().plusMonths(6).toString())).then().statusCode(200);
    LocalDate yesterday = LocalDate.now().minusDays(1);
    tables.execute("UPDATE retention_appraisal SET review_on = '" + yesterday + "' WHERE id = '" + id + "'");

    runJob();

    JsonPath again = ig().when().get("/retention/appraisals").then().statusCode(200).extract().jsonPath()
        .setRootPath("items.find { it.nhsNumber == '" + patient + "' }");
    assertThat(again.getString("id")).isNotEqualTo(id);
    assertThat(again.getString("dueOn")).isEqualTo(yesterday.toString());
    assertThat(again.getString("basis")).contains("kept it until " + yesterday);
  }

  @Test
  void shouldRefuseToDestroyAPlanUnderALegalHold() throws Throwable {
    String patient = old.planLastWorkedOn(TEN_YEARS_AGO, "1948-03-12");
    runJob();
    String id = listed(patient).getString("id");
    decide(id, Map.of("decision", "DESTROY", "reason", "No longer needed")).then().statusCode(200);
    Response hold = placeHold(patient, "LEGAL", null);
    hold.then().statusCode(201);

    destroy(id).then().statusCode(409).contentType(startsWith("application/problem+json"))
        .body("type", containsString("records-on-hold"))
        .body("detail", containsString("LEGAL hold"))
        .body("detail", containsString("Claim 2026/123"));
    assertThat(plansOf(patient)).isEqualTo(1);

    ig().header("If-Match", hold.getHeader("ETag")).contentType(ContentType.JSON)
        .body(Map.of("reason", "Claim settled")).when().post("/retention/holds/" + hold.path("id") + "/lifting")
        .then().statusCode(200).body("liftedBy", equalTo(Personas.IG_OFFICER.subject()));
    destroy(id).then().statusCode(200);
    assertThat(plansOf(patient)).isZero();
  }

  @Test
  void shouldRefuseToDestroyAPlanUnderASeriousIncidentHoldUntilItsEndDate() throws Throwable {
    String patient = old.planLastWorkedOn(TEN_YEARS_AGO, "1948-03-12");
    runJob();
    String id = listed(patient).getString("id");
    decide(id, Map.of("decision", "DESTROY")).then().statusCode(200);
    placeHold(patient, "SERIOUS_INCIDENT", LocalDate.now().toString()).then().statusCode(201);

    destroy(id).then().statusCode(409).body("detail", containsString("SERIOUS_INCIDENT hold"));
    assertThat(plansOf(patient)).isEqualTo(1);
  }

  @Test
  void shouldDestroyAnApprovedPlanLeavingAStubAndTakingItOutOfUrgentCare() throws Throwable {
    String patient = api.publishedPlan(aPlan());
    api.attach(patient);
    recordDeath(Personas.GP, patient, LocalDate.now().minusYears(9), null).then().statusCode(200);
    lookUp(patient).then().statusCode(200);
    runJob();
    JsonPath appraisal = listed(patient);
    String id = appraisal.getString("id");
    String planId = appraisal.getString("recordId");
    decide(id, Map.of("decision", "DESTROY", "reason", "Retention ended; not needed")).then().statusCode(200);

    JsonPath stub = destroy(id).then().statusCode(200).extract().jsonPath();

    assertThat(stub.getString("recordClass")).isEqualTo("ADULT_PLAN");
    assertThat(stub.getString("recordId")).isEqualTo(planId);
    assertThat(stub.getString("appraisalId")).isEqualTo(id);
    assertThat(stub.getString("authority")).contains(id, "DESTROY", Personas.IG_OFFICER.subject(), "not needed");
    assertThat(stub.getString("retentionTrigger")).isEqualTo("DEATH");
    assertThat(stub.getString("method")).contains("Deleted");
    assertThat(stub.getString("contents")).contains("1 published version", "1 attachment");
    assertThat(stub.getString("nhsNumberHash")).matches("[0-9a-f]{64}").doesNotContain(patient);
    assertThat(stub.getString("recordCreatedAt")).isNotNull();
    for (String table : List.of("care_plan", "published_plan", "nrl_pointer", "patient_death", "care_team_member")) {
      assertThat(tables.count("SELECT count(*) FROM " + table + " WHERE " + (table.equals("care_plan") ? "id"
          : "plan_id") + " = ?::uuid", planId)).as(table).isZero();
    }
    assertThat(tables.count("SELECT count(*) FROM plan_version WHERE plan_id = ?::uuid", planId)).isZero();
    assertThat(tables.count("SELECT count(*) FROM attachment WHERE plan_id = ?::uuid", planId)).isZero();
    assertThat(tables.count("SELECT count(*) FROM flag_event WHERE nhs_number = ? AND change = 'REMOVED'",
        patient)).isEqualTo(1);
    lookUp(patient).then().statusCode(404);
    assertThat(tables.everyValueIn("destruction_log")).noneMatch(value -> value.contains(patient));
    assertThat(tables.count("SELECT count(*) FROM retention_appraisal WHERE id = ?::uuid AND nhs_number IS NULL"
        + " AND destroyed_at IS NOT NULL", id)).isEqualTo(1);
    ig().queryParam("nhsNumber", patient).when().get("/retention/destructions").then().statusCode(200)
        .body("items.id", equalTo(List.of(stub.getString("id"))));
    destroy(id).then().statusCode(409).body("type", containsString("already-destroyed"));
  }

  @Test
  void shouldRefuseToDestroyAPlanThatCameBackIntoUseAfterItsAppraisal() throws Throwable {
    String patient = old.planLastWorkedOn(TEN_YEARS_AGO, "1948-03-12");
    runJob();
    String id = listed(patient).getString("id");
    decide(id, Map.of("decision", "DESTROY")).then().statusCode(200);
    api.as(Personas.GP).when().get("/plans/" + patient + "/draft").then().statusCode(200);

    destroy(id).then().statusCode(409).body("type", containsString("retention-not-ended"))
        .body("detail", containsString(LocalDate.now().plusYears(8).toString()));
    assertThat(plansOf(patient)).isEqualTo(1);
  }

  @Test
  void shouldRefuseToUpdateOrDeleteTheDestructionLogEvenForTheDatabaseOwner() throws Throwable {
    String patient = old.planLastWorkedOn(TEN_YEARS_AGO, "1948-03-12");
    runJob();
    String id = listed(patient).getString("id");
    decide(id, Map.of("decision", "DESTROY")).then().statusCode(200);
    destroy(id).then().statusCode(200);

    assertThatThrownBy(() -> tables.execute("UPDATE destruction_log SET authority = 'nobody'"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("DELETE FROM destruction_log"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThatThrownBy(() -> tables.execute("TRUNCATE destruction_log"))
        .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    assertThat(tables.count("SELECT count(*) FROM destruction_log WHERE appraisal_id = ?::uuid", id)).isEqualTo(1);
  }

  @Test
  void shouldShowAppraisalsDueOnTheInformationGovernanceDeadlines() throws Throwable {
    String patient = old.planLastWorkedOn(TEN_YEARS_AGO, "1948-03-12");
    runJob();
    String id = listed(patient).getString("id");

    JsonPath deadlines = ig().queryParam("withinHours", 48).when().get("/information-governance/deadlines")
        .then().statusCode(200).extract().jsonPath();
    Map<String, Object> deadline = deadlines.getMap("items.find { it.caseId == '" + id + "' }");
    assertThat(deadline).containsEntry("kind", "retention.appraisal").containsEntry("overdue", true);
    assertThat((String) deadline.get("summary")).contains("adult's plan", TEN_YEARS_AGO.plusYears(8).toString());
  }

  @Test
  void shouldRecordCorrectAndRetractADeathAsPartOfThePlanByItsCareTeamOnly() {
    String patient = api.publishedPlan(aPlan());
    LocalDate diedOn = LocalDate.now().minusDays(3);

    Response recorded = recordDeath(Personas.GP, patient, diedOn, null);
    recorded.then().statusCode(200).body("diedOn", equalTo(diedOn.toString()))
        .body("source", equalTo("NHS_SPINE")).body("recordedBy", equalTo(Personas.GP.subject()));
    recordDeath(Personas.GP, patient, diedOn.minusDays(1), null).then().statusCode(428);
    recordDeath(Personas.GP, patient, diedOn.minusDays(1), recorded.getHeader("ETag")).then().statusCode(200)
        .body("diedOn", equalTo(diedOn.minusDays(1).toString()));
    recordDeath(Personas.PARAMEDIC, patient, diedOn, null).then().statusCode(403);
    recordDeath(Personas.SECOND_PRACTICE_GP, patient, diedOn, null).then().statusCode(403);
    api.as(Personas.COMMUNITY_NURSE).when().get("/plans/" + patient + "/death").then().statusCode(200)
        .body("diedOn", equalTo(diedOn.minusDays(1).toString()));
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'plan.death.record'"
        + " AND outcome = 'SUCCESS'", patient)).isEqualTo(2);

    String current = api.as(Personas.GP).when().get("/plans/" + patient + "/death").then().statusCode(200)
        .extract().header("ETag");
    api.as(Personas.GP).when().delete("/plans/" + patient + "/death").then().statusCode(428);
    api.as(Personas.GP).header("If-Match", current).when().delete("/plans/" + patient + "/death")
        .then().statusCode(204);
    api.as(Personas.GP).when().get("/plans/" + patient + "/death").then().statusCode(404);
  }

  @Test
  void shouldRefuseADeathInTheFutureOrBeforeBirthNamingTheField() {
    String patient = api.publishedPlan(aPlan());

    recordDeath(Personas.GP, patient, LocalDate.now().plusDays(1), null).then().statusCode(422)
        .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("diedOn"));
    recordDeath(Personas.GP, patient, LocalDate.parse("1948-03-11"), null).then().statusCode(422)
        .body("errors.field", hasItem("diedOn"));
    api.as(Personas.GP).contentType(ContentType.JSON).body(Map.of("diedOn", "2020-01-01", "source", "RUMOUR"))
        .when().put("/plans/" + patient + "/death").then().statusCode(400)
        .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("source"));
    api.as(Personas.GP).contentType(ContentType.JSON).body(Map.of("diedOn", "yesterday", "source", "CORONER"))
        .when().put("/plans/" + patient + "/death").then().statusCode(400).body("errors.field", hasItem("diedOn"));
    api.as(Personas.GP).contentType(ContentType.JSON).body(Map.of("diedOn", "2020-01-01", "source", "OTHER"))
        .when().put("/plans/" + patient + "/death").then().statusCode(422)
        .body("errors.field", hasItem("sourceDetail"));
    api.as(Personas.GP).contentType(ContentType.JSON).body(Map.of("source", "CORONER"))
        .when().put("/plans/" + patient + "/death").then().statusCode(400).body("errors.field", hasItem("diedOn"));
    api.as(Personas.GP).when().put("/plans/" + patient + "/death").then().statusCode(400)
        .contentType(startsWith("application/problem+json"));
    api.as(Personas.SECOND_PRACTICE_GP).when().put("/plans/" + patient + "/death").then().statusCode(403)
        .body("type", containsString("not-in-care-team"));
    assertThat(tables.count("SELECT count(*) FROM patient_death WHERE nhs_number = ?", patient)).isZero();
  }

  @Test
  void shouldRefuseInvalidAppraisalsAndHoldsNamingTheField() throws Throwable {
    String patient = old.planLastWorkedOn(TEN_YEARS_AGO, "1948-03-12");
    runJob();
    String id = listed(patient).getString("id");

    decide(id, Map.of("decision", "BURN")).then().statusCode(400)
        .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("decision"));
    decide(id, Map.of("decision", "KEEP", "reason", "Litigation likely")).then().statusCode(422)
        .body("errors.field", hasItem("reviewOn"));
    decide(id, Map.of("decision", "KEEP", "reason", "Litigation likely", "reviewOn", LocalDate.now().toString()))
        .then().statusCode(422).body("errors.field", hasItem("reviewOn"));
    decide(id, Map.of("decision", "PRESERVE")).then().statusCode(422).body("errors.field", hasItem("reason"));
    decide(id, Map.of("decision", "KEEP", "reason", "x", "reviewOn", "soon")).then().statusCode(400)
        .body("errors.field", hasItem("reviewOn"));
    ig().contentType(ContentType.JSON).body(Map.of("decision", "DESTROY"))
        .when().post("/retention/appraisals/" + id + "/decision").then().statusCode(428);
    ig().header("If-Match", "\"99\"").contentType(ContentType.JSON).body(Map.of("decision", "DESTROY"))
        .when().post("/retention/appraisals/" + id + "/decision").then().statusCode(412);
    ig().header("If-Match", "\"0\"").contentType(ContentType.JSON).body(Map.of())
        .when().post("/retention/appraisals/" + id + "/destruction").then().statusCode(400)
        .body("errors.field", hasItem("confirm"));
    ig().when().get("/retention/appraisals/not-a-uuid").then().statusCode(400);
    placeHold(patient, "LEGAL", LocalDate.now().minusDays(1).toString()).then().statusCode(422)
        .body("errors.field", hasItem("untilOn"));
    ig().contentType(ContentType.JSON).body(Map.of("nhsNumber", "1234567890", "kind", "LEGAL", "reason", "r"))
        .when().post("/retention/holds").then().statusCode(400).body("detail", containsString("nhsNumber"));
    ig().contentType(ContentType.JSON).body(Map.of("nhsNumber", patient, "kind", "LEGAL"))
        .when().post("/retention/holds").then().statusCode(400).body("errors.field", hasItem("reason"));
    decide(id, Map.of("decision", "PRESERVE", "reason", "Of historical interest")).then().statusCode(200);
    decide(id, Map.of("decision", "DESTROY")).then().statusCode(409).body("type", containsString("appraisal-decided"));
  }

  @Test
  void shouldLetOnlyInformationGovernanceAppraiseHoldOrDestroy() throws Throwable {
    String patient = old.planLastWorkedOn(TEN_YEARS_AGO, "1948-03-12");
    runJob();
    String id = listed(patient).getString("id");
    String hold = placeHold(patient, "LEGAL", null).then().statusCode(201).extract().path("id");

    for (Persona persona : List.of(Personas.GP, Personas.COMMUNITY_NURSE, Personas.CLINICAL_ADMIN,
        Personas.PARAMEDIC, Personas.CALL_HANDLER_111, Personas.PLATFORM_ADMIN)) {
      for (Response response : everyRetentionOperation(persona, id, hold, patient)) {
        assertThat(response.statusCode()).as(persona.id() + ": " + response.asString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
      }
    }
    for (Response response : List.of(Personas.PORTAL_SERVICE, Personas.URGENT_CARE_SYSTEM).stream()
        .map(service -> api.as(service).when().get("/retention/appraisals")).toList()) {
      assertThat(response.statusCode()).isEqualTo(403);
    }
    assertThat(plansOf(patient)).isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM retention_appraisal WHERE id = ?::uuid AND decision IS NULL", id))
        .isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM retention_hold WHERE id = ?::uuid AND lifted_at IS NULL", hold))
        .isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE action LIKE 'retention.%' AND outcome = 'DENIED'"
        + " AND actor_id = ?", Personas.GP.subject())).isGreaterThanOrEqualTo(11);
    ig().when().get("/retention/schedule").then().statusCode(200)
        .body("items.find { it.recordClass == 'SERIOUS_INCIDENT' }.minimum", equalTo("P20Y"))
        .body("items.find { it.recordClass == 'ADULT_PLAN' }.minimum", equalTo("P8Y"));
  }

  private List<Response> everyRetentionOperation(Persona persona, String appraisal, String hold, String patient) {
    List<Response> responses = new ArrayList<>();
    responses.add(api.as(persona).when().get("/retention/schedule"));
    responses.add(api.as(persona).when().get("/retention/appraisals"));
    responses.add(api.as(persona).when().get("/retention/appraisals/" + appraisal));
    responses.add(api.as(persona).header("If-Match", "\"0\"").contentType(ContentType.JSON)
        .body(Map.of("decision", "DESTROY")).when().post("/retention/appraisals/" + appraisal + "/decision"));
    responses.add(api.as(persona).header("If-Match", "\"0\"").contentType(ContentType.JSON)
        .body(Map.of("confirm", true)).when().post("/retention/appraisals/" + appraisal + "/destruction"));
    responses.add(api.as(persona).when().get("/retention/holds"));
    responses.add(api.as(persona).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", patient, "kind", "LEGAL", "reason", "Mine")).when().post("/retention/holds"));
    responses.add(api.as(persona).header("If-Match", "\"0\"").contentType(ContentType.JSON)
        .body(Map.of("reason", "Not needed")).when().post("/retention/holds/" + hold + "/lifting"));
    responses.add(api.as(persona).when().get("/retention/destructions"));
    responses.add(api.as(persona).when().get("/retention/audit-trail"));
    responses.add(api.as(persona).contentType(ContentType.JSON)
        .body(Map.of("throughSeq", 1, "reason", "Old", "confirm", true))
        .when().post("/retention/audit-trail/destruction"));
    return responses;
  }

  private RequestSpecification ig() {
    return api.as(Personas.IG_OFFICER);
  }

  /** One run of the appraisal job, as a replica's scheduler would run it. */
  private Integer runJob() {
    return appraisals.listDue().await().indefinitely();
  }

  /** The patient's appraisal on the list, as information governance reads it. */
  private JsonPath listed(String patient) {
    JsonPath all = ig().queryParam("all", true).when().get("/retention/appraisals").then().statusCode(200)
        .extract().jsonPath();
    assertThat(all.getList("items.nhsNumber")).as("appraisals listed").contains(patient);
    return all.setRootPath("items.find { it.nhsNumber == '" + patient + "' }");
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

  private Response placeHold(String patient, String kind, String untilOn) {
    Map<String, Object> hold = new HashMap<>(Map.of("nhsNumber", patient, "kind", kind,
        "reason", "Clinical negligence claim", "reference", "Claim 2026/123"));
    if (untilOn != null) {
      hold.put("untilOn", untilOn);
    }
    return ig().contentType(ContentType.JSON).body(hold).when().post("/retention/holds");
  }

  private Response recordDeath(Persona persona, String patient, LocalDate diedOn, String ifMatch) {
    RequestSpecification request = api.as(persona).contentType(ContentType.JSON)
        .body(Map.of("diedOn", diedOn.toString(), "source", "NHS_SPINE", "sourceDetail", "PDS shows deceased"));
    if (ifMatch != null) {
      request = request.header("If-Match", ifMatch);
    }
    return request.when().put("/plans/" + patient + "/death");
  }

  private Response lookUp(String patient) {
    return api.as(Personas.PARAMEDIC).header("X-Access-Reason", "999: collapsed at home")
        .when().get("/urgent-care/patients/" + patient);
  }

  private long plansOf(String patient) {
    return tables.count("SELECT count(*) FROM care_plan WHERE nhs_number = ?", patient);
  }
}
