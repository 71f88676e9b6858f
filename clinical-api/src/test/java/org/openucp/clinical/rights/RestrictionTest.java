package org.openucp.clinical.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.clinical.support.PlanOperations;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/**
 * A patient's restriction of the use of their data (Art 18), and an objection while it is decided: the plan is
 * kept, urgent care gets the answer it gets for no shared plan, every other reader is refused, and lifting needs a
 * notice to the patient first.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class RestrictionTest {

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
  void shouldHideARestrictedPlanFromEveryUrgentCarePathAndAuditEachLookup() {
    String family = "Restricted" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    String patient = api.publishedPlan(aPlan().withPerson("familyName", family));

    request(patient, "RESTRICTION");

    api.as(Personas.PARAMEDIC).header("X-Access-Reason", "999 call")
        .when().get("/urgent-care/patients/" + patient).then().statusCode(404);
    api.as(Personas.CALL_HANDLER_111).queryParam("familyName", family).queryParam("dateOfBirth", "1948-03-12")
        .when().get("/urgent-care/patients").then().statusCode(404);
    api.as(Personas.PARAMEDIC).queryParam("subject", patient).when().get("/urgent-care/document-references")
        .then().statusCode(200).body("total", equalTo(0));
    assertThat(tables.count("SELECT count(*) FROM flag_event WHERE nhs_number = ? AND change = 'REMOVED'", patient))
        .isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM flag_event WHERE nhs_number = ? AND change <> 'REMOVED'", patient))
        .isZero();
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'lookup.by-number'"
        + " AND outcome = 'RESTRICTED' AND http_status = 404 AND reason = '999 call'", patient)).isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM care_plan WHERE nhs_number = ?", patient)).isEqualTo(1);
  }

  @Test
  void shouldRefuseTheCareTeamAndAnswerEveryoneElseAsIfThereWereNoPlan() {
    String patient = api.publishedPlan(aPlan());

    request(patient, "OBJECTION");

    api.as(Personas.GP).when().get("/plans/" + patient + "/published")
        .then().statusCode(403).body("type", equalTo("https://openucp.org/problems/plan-restricted"));
    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/published").then().statusCode(404);
    api.as(Personas.SECOND_PRACTICE_GP).when().get("/plans/" + patient + "/versions/1/pdf").then().statusCode(404);
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'plan.read'"
        + " AND outcome = 'RESTRICTED'", patient)).isEqualTo(2);
  }

  @Test
  void shouldLiftARestrictionOnlyAfterThePatientWasToldAndBringThePlanBack() {
    String patient = api.publishedPlan(aPlan());
    request(patient, "RESTRICTION");

    api.as(Personas.IG_OFFICER).when().delete("/restrictions/" + patient)
        .then().statusCode(409).body("type", equalTo("https://openucp.org/problems/lift-notice-required"));
    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("notice", "We will use it again", "sentAt", "0001-01-01T00:00:00Z"))
        .when().post("/restrictions/" + patient + "/lift-notice")
        .then().statusCode(400).body("errors[0].field", equalTo("sentAt"));
    api.as(Personas.IG_OFFICER).when().delete("/restrictions/" + patient).then().statusCode(409);
    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("notice", "We will use your plan again from Monday, as your GP's correction is recorded."))
        .when().post("/restrictions/" + patient + "/lift-notice").then().statusCode(200);
    api.as(Personas.IG_OFFICER).when().delete("/restrictions/" + patient).then().statusCode(204);

    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient).then().statusCode(200);
    api.as(Personas.PARAMEDIC).queryParam("subject", patient).when().get("/urgent-care/document-references")
        .then().statusCode(200).body("total", equalTo(1));
    api.as(Personas.GP).when().get("/plans/" + patient + "/published").then().statusCode(200);
  }

  @Test
  void shouldOpenAnIncidentAndRestrictAChildsPlanWhenItsConsentIsReportedMissing() {
    String child = api.publishedPlan(aPlan());
    Map<String, Object> report = Map.of("nhsNumber", child, "reportedBy", "The child's father",
        "whatWasReported", "Nobody asked either parent before the plan was made");

    api.as(Personas.GP).contentType(ContentType.JSON).body(report)
        .when().post("/restrictions/child-consent-reports").then().statusCode(403);
    String incident = api.as(Personas.IG_OFFICER).contentType(ContentType.JSON).body(report)
        .when().post("/restrictions/child-consent-reports")
        .then().statusCode(201).body("restriction.nhsNumber", equalTo(child)).extract().path("incidentId");

    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + child).then().statusCode(404);
    api.as(Personas.IG_OFFICER).when().get("/breaches/" + incident)
        .then().statusCode(200).body("category", equalTo("CONFIDENTIALITY"));
    assertThat(tables.count("SELECT count(*) FROM breach_affected_patient WHERE nhs_number = ?", child))
        .isEqualTo(1);
  }

  @Test
  void shouldLetOnlyInformationGovernanceRestrictOrLift() {
    String patient = api.publishedPlan(aPlan());

    for (var someone : List.of(Personas.GP, Personas.PLATFORM_ADMIN)) {
      api.as(someone).contentType(ContentType.JSON).body(Map.of("reason", "asked"))
          .when().put("/restrictions/" + patient).then().statusCode(403);
      api.as(someone).when().delete("/restrictions/" + patient).then().statusCode(403);
    }
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient).then().statusCode(200);
  }

  /**
   * Every operation under a restricted plan, by a GP of its care team: refused as restricted, except the patient's
   * own way out, withdrawing consent (which erases the plan). A new operation fails this until it is one or the other.
   */
  @Test
  void shouldRefuseEveryOperationOnARestrictedPlanButConsentWithdrawal() {
    List<String> operations = PlanOperations.all();
    List<String> failures = new ArrayList<>();
    for (String operation : operations) {
      PlanOperations.Target target = PlanOperations.target(api);
      request(target.patient(), "RESTRICTION");
      Response response = PlanOperations.send(api, Personas.GP, operation, target);
      boolean restricted = response.statusCode() == 403
          && "https://openucp.org/problems/plan-restricted".equals(response.path("type"));
      if (restricted == operation.equals("POST /plans/{nhsNumber}/consent/withdrawal")) {
        failures.add(operation + " answered " + response.statusCode() + " " + response.asString());
      }
    }
    assertThat(operations).hasSizeGreaterThan(15);
    assertThat(failures).isEmpty();
  }

  private void request(String patient, String kind) {
    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", patient, "kind", kind, "receivedVia", "LETTER", "requester", "The patient"))
        .when().post("/rights-requests").then().statusCode(201);
  }
}
