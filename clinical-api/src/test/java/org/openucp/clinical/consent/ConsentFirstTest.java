package org.openucp.clinical.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.openucp.clinical.support.Plans.aPlan;
import static org.openucp.clinical.support.SubmittedDrafts.aSubmittedDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.clinical.support.SubmittedDrafts;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;

/** No clinical content is stored before a consent basis is recorded: initiation records it in the same request. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class ConsentFirstTest {

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
  void shouldRefuseToInitiateAPlanWithoutConsentAndStoreNothing() {
    String patient = NhsNumbers.fresh();

    api.as(Personas.GP).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", patient, "content", aPlan().content()))
        .when().post("/plans")
        .then().statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("consent"));

    assertThat(tables.count("SELECT count(*) FROM care_plan WHERE nhs_number = ?", patient)).isZero();
  }

  @Test
  void shouldRecordTheConsentGivenWithTheInitiation() {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.COMMUNITY_NURSE, patient, aPlan(), "LPA_HOLDER").then().statusCode(201);

    api.as(Personas.GP).when().get("/plans/" + patient + "/consent")
        .then().statusCode(200)
        .body("basis", equalTo("LPA_HOLDER"))
        .body("recordedBy", equalTo("555000000002"))
        .body("notes", equalTo("Discussed with the patient at home"));
  }

  @Test
  void shouldLetOnlyRolesThatMayRecordConsentInitiate() {
    String patient = NhsNumbers.fresh();

    api.initiate(Personas.CLINICAL_ADMIN, patient, aPlan()).then().statusCode(403)
        .body("type", equalTo("https://openucp.org/problems/permission-denied"));
    assertThat(tables.count("SELECT count(*) FROM care_plan WHERE nhs_number = ?", patient)).isZero();
  }

  @Test
  void shouldNotStartAPlanFromASubmissionWithoutConsent() {
    String patient = NhsNumbers.fresh();
    SubmittedDrafts draft = aSubmittedDraft().with("nhsNumber", patient);
    String submission = api.as(Personas.PORTAL_SERVICE).header("Idempotency-Key", draft.draftId())
        .contentType(ContentType.JSON).body(draft.body())
        .when().post("/intake/submitted-drafts")
        .then().statusCode(201).extract().path("submissionId");

    api.as(Personas.GP).contentType(ContentType.JSON).body("{}")
        .when().post("/intake/submitted-drafts/" + submission + "/claim")
        .then().statusCode(422).body("errors[0].field", equalTo("consent.basis"));
    assertThat(tables.count("SELECT count(*) FROM care_plan WHERE nhs_number = ?", patient)).isZero();

    api.claim(Personas.GP, submission).then().statusCode(200);
    api.as(Personas.GP).when().get("/plans/" + patient + "/consent").then().statusCode(200)
        .body("basis", equalTo("EXPLICIT_CONSENT"));
  }
}
