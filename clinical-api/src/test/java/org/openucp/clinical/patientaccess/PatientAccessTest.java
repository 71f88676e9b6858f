package org.openucp.clinical.patientaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.openucp.clinical.support.Plans.aPlan;
import static org.openucp.clinical.support.SubmittedDrafts.aSubmittedDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
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

/** The portal, acting for a patient or proxy, reads only the published plan, and each view is theirs in the audit. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class PatientAccessTest {

  @LocalInfra
  LocalIssuer issuer;

  @LocalInfra
  EmbeddedDatabase database;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldShowThePatientThePublishedPlanNeverTheDraftAndAuditItAsTheirs() {
    String patient = api.publishedPlan(aPlan().with("whatMattersToMe", "published words"));
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().with("whatMattersToMe", "draft words"))
        .then().statusCode(200);

    portal("PATIENT", "nhslogin-" + patient).when().get("/patient-access/" + patient + "/plan")
        .then().statusCode(200)
        .body("version", equalTo(1))
        .body("content.whatMattersToMe", equalTo("published words"));

    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND "
        + "action = 'patient.view' AND role_code = 'PATIENT' AND actor_id = ?", patient, "patient:nhslogin-" + patient))
        .isEqualTo(1);
  }

  @Test
  void shouldListWhoFromWhichOrganisationAccessedThePlan() {
    String patient = api.publishedPlan(aPlan());
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient).then().statusCode(200);

    portal("PROXY", "nhslogin-proxy").when().get("/patient-access/" + patient + "/access-log")
        .then().statusCode(200)
        .body("organisation", hasItem("RRU"))
        .body("find { it.organisation == 'RRU' }.role", equalTo("R1070"));
  }

  @Test
  void shouldTellWhetherAPlanIsPublished() {
    String patient = api.publishedPlan(aPlan());

    portal("PATIENT", "x").when().get("/patient-access/" + patient + "/status")
        .then().statusCode(200).body("published", equalTo(true)).body("version", equalTo(1));
    portal("PATIENT", "x").when().get("/patient-access/" + NhsNumbers.fresh() + "/status")
        .then().statusCode(200).body("published", equalTo(false));
  }

  @Test
  void shouldLetThePatientWithdrawConsentThroughThePortal() {
    String patient = api.publishedPlan(aPlan());

    portal("PATIENT", "nhslogin-" + patient).contentType(ContentType.JSON)
        .body(Map.of("confirm", true, "reason", "I changed my mind"))
        .when().post("/patient-access/" + patient + "/consent-withdrawal")
        .then().statusCode(200).body("versionsDeleted", equalTo(1));

    api.summary(Personas.GP, patient).then().statusCode(404);
  }

  @Test
  void shouldEraseASubmissionWhenThePatientWithdrawsBeforeAnyPlanWithAReceiptWithoutContent() {
    String patient = NhsNumbers.fresh();
    SubmittedDrafts draft = aSubmittedDraft().with("nhsNumber", patient)
        .with("thoughtsAboutFutureCare", "Secret wish " + patient);
    api.as(Personas.PORTAL_SERVICE).header("Idempotency-Key", draft.draftId()).contentType(ContentType.JSON)
        .body(draft.body()).when().post("/intake/submitted-drafts").then().statusCode(201);

    String receipt = portal("PATIENT", "nhslogin-" + patient).contentType(ContentType.JSON)
        .body(Map.of("confirm", true, "reason", "I do not want a plan"))
        .when().post("/patient-access/" + patient + "/consent-withdrawal")
        .then().statusCode(200)
        .body("planErased", equalTo(false))
        .body("submissionsDeleted", equalTo(1))
        .body("requestedBy", equalTo("PATIENT"))
        .body("erasedAt", notNullValue())
        .extract().asString();

    assertThat(receipt).doesNotContain("Secret wish");
    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM submitted_draft WHERE nhs_number = ?",
        patient)).isZero();
    api.as(Personas.GP).queryParam("size", 200).when().get("/intake/submitted-drafts")
        .then().body("draft.nhsNumber", not(hasItem(patient)));
  }

  @Test
  void shouldRefuseStaffAndOtherServices() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.GP).header("X-Viewer-Kind", "PATIENT").header("X-Viewer", "x")
        .when().get("/patient-access/" + patient + "/plan").then().statusCode(403);
    api.as(Personas.URGENT_CARE_SYSTEM).header("X-Viewer-Kind", "PATIENT").header("X-Viewer", "x")
        .when().get("/patient-access/" + patient + "/plan").then().statusCode(403);
  }

  private RequestSpecification portal(String kind, String viewer) {
    return api.as(Personas.PORTAL_SERVICE).header("X-Viewer-Kind", kind).header("X-Viewer", viewer);
  }
}
