package org.openucp.clinical.consent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
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
import org.openucp.infra.NhsNumbers;
import org.openucp.clinical.support.Onboarded;
import org.openucp.clinical.support.SubmittedDrafts;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/** Withdrawal of consent deletes the plan and everything about it; only a content-free audit trail remains. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class ConsentWithdrawalTest {

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
  void shouldDeleteThePlanEveryVersionConsentAndSubmittedDraftLeavingOnlyAnAuditTrail() {
    String secret = "Only-in-this-plan " + NhsNumbers.fresh();
    String givenName = "Withdrawn" + Long.toString(System.nanoTime(), 26).replaceAll("[0-9]", "q");
    String patient = api.publishedPlan(aPlan().with("whatMattersToMe", secret).withPerson("givenName", givenName));
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().with("whatMattersToMe", secret + " v2")
            .withPerson("givenName", givenName))
        .then().statusCode(200);
    api.publish(Personas.GP, patient, api.revision(patient)).then().statusCode(201);
    SubmittedDrafts submission = aSubmittedDraft().with("nhsNumber", patient)
        .with("thoughtsAboutFutureCare", secret + " from the portal");
    given().auth().oauth2(issuer.token(Personas.PORTAL_SERVICE)).header("Idempotency-Key", submission.draftId())
        .contentType(ContentType.JSON).body(submission.body())
        .when().post("/intake/submitted-drafts").then().statusCode(201);

    api.withdraw(Personas.GP, patient)
        .then().statusCode(200)
        .body("versionsDeleted", equalTo(2))
        .body("submissionsDeleted", equalTo(1));

    for (String table : new String[] {"care_plan", "plan_version", "consent", "attachment", "submitted_draft",
        "published_plan", "nrl_pointer", "review_task"}) {
      assertThat(tables.everyValueIn(table)).as(table).noneMatch(value -> value.contains(secret))
          .noneMatch(value -> value.equals(patient));
    }
    assertThat(tables.everyValueIn("audit_event")).noneMatch(value -> value.contains(secret));
    assertThat(tables.everyValueIn("flag_event")).noneMatch(value -> value.contains(givenName));
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'consent.withdraw'"
        + " AND outcome = 'SUCCESS'", patient)).isEqualTo(1);
    api.summary(Personas.GP, patient).then().statusCode(404);
    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/published").then().statusCode(404);
  }

  @Test
  void shouldAskForConfirmationAndAReasonBeforeDeletingAnything() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.GP).contentType(ContentType.JSON).body(Map.of("confirm", false, "reason", "asked"))
        .when().post("/plans/" + patient + "/consent/withdrawal")
        .then().statusCode(400).body("errors[0].field", equalTo("confirm"));
    api.as(Personas.GP).contentType(ContentType.JSON).body(Map.of("confirm", true))
        .when().post("/plans/" + patient + "/consent/withdrawal")
        .then().statusCode(400).body("errors[0].field", equalTo("reason"));
    api.summary(Personas.GP, patient).then().statusCode(200);
  }

  @Test
  void shouldKeepTheConsentRecordReadableToAuthors() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.COMMUNITY_NURSE).when().get("/plans/" + patient + "/consent")
        .then().statusCode(200)
        .body("basis", equalTo("EXPLICIT_CONSENT"))
        .body("recordedBy", equalTo("555000000001"));
    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/consent").then().statusCode(403);
  }

  @Test
  void shouldRefuseWithdrawalByRolesThatMayNotWithdraw() {
    String patient = api.publishedPlan(aPlan());

    api.withdraw(Personas.CLINICAL_ADMIN, patient).then().statusCode(403);
    api.withdraw(Personas.PARAMEDIC, patient).then().statusCode(403);
    api.summary(Personas.GP, patient).then().statusCode(200);
  }
}
