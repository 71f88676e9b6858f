package org.openucp.clinical.withdrawal;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.openucp.clinical.support.Plans.aPlan;
import static org.openucp.clinical.support.SubmittedDrafts.aSubmittedDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.clinical.support.SubmittedDrafts;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;

/**
 * Withdrawal is complete wherever it starts: a notice tells the portal to erase its records (until it acknowledges),
 * the receipt says what was erased without clinical content, and a patient's own withdrawal asks each organisation
 * that worked with them to follow up.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class CompleteWithdrawalTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldLeaveANoticeForThePortalUntilItAcknowledgesErasure() {
    String patient = api.publishedPlan(aPlan());

    api.withdraw(Personas.GP, patient).then().statusCode(200)
        .body("requestedBy", equalTo("STAFF"))
        .body("requestedByOrganisation", equalTo(Personas.DEMO_PRACTICE))
        .body("planErased", equalTo(true))
        .body("consentDeleted", equalTo(true))
        .body("erasedAt", notNullValue());

    String notice = api.as(Personas.PORTAL_SERVICE).queryParam("limit", 500).when().get("/withdrawal-notices")
        .then().statusCode(200).body("items.nhsNumber", hasItem(patient))
        .extract().path("items.find { it.nhsNumber == '" + patient + "' }.id");
    api.as(Personas.PORTAL_SERVICE).when().delete("/withdrawal-notices/" + notice).then().statusCode(204);
    api.as(Personas.PORTAL_SERVICE).when().delete("/withdrawal-notices/" + notice).then().statusCode(204);
    api.as(Personas.PORTAL_SERVICE).queryParam("limit", 500).when().get("/withdrawal-notices")
        .then().statusCode(200).body("items.nhsNumber", not(hasItem(patient)));
  }

  @Test
  void shouldShowWithdrawalNoticesToThePortalServiceOnly() {
    api.as(Personas.GP).when().get("/withdrawal-notices").then().statusCode(403);
    api.as(Personas.URGENT_CARE_SYSTEM).when().get("/withdrawal-notices").then().statusCode(403);
  }

  @Test
  void shouldAskEachCareTeamOrganisationToFollowUpWhenThePatientWithdrawsThemself() {
    String patient = api.publishedPlan(aPlan());
    api.as(Personas.GP).when().put("/plans/" + patient + "/care-team/" + Personas.SECOND_PRACTICE)
        .then().statusCode(200);

    api.asPortalFor(patient).contentType(ContentType.JSON).body(Map.of("confirm", true, "reason", "Not for me"))
        .when().post("/patient-access/" + patient + "/consent-withdrawal")
        .then().statusCode(200).body("requestedBy", equalTo("PATIENT"))
        .body("requestedByOrganisation", nullValue());

    String task = api.as(Personas.GP).when().get("/organisations/" + Personas.DEMO_PRACTICE + "/follow-ups")
        .then().statusCode(200)
        .body("items.find { it.nhsNumber == '" + patient + "' }.reason", equalTo("CONSENT_WITHDRAWN_BY_PATIENT"))
        .extract().path("items.find { it.nhsNumber == '" + patient + "' }.id");
    api.as(Personas.SECOND_PRACTICE_NURSE).when().get("/organisations/" + Personas.SECOND_PRACTICE + "/follow-ups")
        .then().statusCode(200).body("items.nhsNumber", hasItem(patient));
    api.as(Personas.SECOND_PRACTICE_NURSE).when().get("/organisations/" + Personas.DEMO_PRACTICE + "/follow-ups")
        .then().statusCode(403);
    api.as(Personas.PARAMEDIC).when().get("/organisations/" + Personas.DEMO_AMBULANCE_TRUST + "/follow-ups")
        .then().statusCode(403);

    api.as(Personas.GP).when().post("/organisations/" + Personas.DEMO_PRACTICE + "/follow-ups/" + task
        + "/completion").then().statusCode(200).body("completedBy", equalTo(Personas.GP.subject()));
    api.as(Personas.GP).when().get("/organisations/" + Personas.DEMO_PRACTICE + "/follow-ups")
        .then().body("items.id", not(hasItem(task)));
  }

  @Test
  void shouldAskTheChosenOrganisationToFollowUpWhenThePatientWithdrawsBeforeAnyPlan() {
    String patient = NhsNumbers.fresh();
    SubmittedDrafts draft = aSubmittedDraft().with("nhsNumber", patient).with("organisation", Personas.SECOND_PRACTICE);
    api.as(Personas.PORTAL_SERVICE).header("Idempotency-Key", draft.draftId()).contentType(ContentType.JSON)
        .body(draft.body()).when().post("/intake/submitted-drafts").then().statusCode(201);

    api.asPortalFor(patient).contentType(ContentType.JSON).body(Map.of("confirm", true, "reason", "Changed my mind"))
        .when().post("/patient-access/" + patient + "/consent-withdrawal").then().statusCode(200);

    api.as(Personas.SECOND_PRACTICE_GP).when().get("/organisations/" + Personas.SECOND_PRACTICE + "/follow-ups")
        .then().statusCode(200).body("items.nhsNumber", hasItem(patient));
  }

  @Test
  void shouldRefuseADraftSubmittedBeforeThePatientWithdrewAndStoreNothing() {
    String patient = api.publishedPlan(aPlan());
    SubmittedDrafts inFlight = aSubmittedDraft().with("nhsNumber", patient)
        .with("submittedAt", java.time.Instant.now().minusSeconds(60).toString());
    api.withdraw(Personas.GP, patient).then().statusCode(200);

    api.as(Personas.PORTAL_SERVICE).header("Idempotency-Key", inFlight.draftId()).contentType(ContentType.JSON)
        .body(inFlight.body()).when().post("/intake/submitted-drafts")
        .then().statusCode(410).body("type", equalTo("https://openucp.org/problems/consent-withdrawn"));

    SubmittedDrafts afterwards = aSubmittedDraft().with("nhsNumber", patient)
        .with("submittedAt", java.time.Instant.now().plusSeconds(1).toString());
    api.deliver(afterwards);
  }

  @Test
  void shouldRecordAPatientsWithdrawalEvenBeforeTheClinicalStoreHoldsAnythingOfTheirs() {
    String patient = NhsNumbers.fresh();
    SubmittedDrafts inFlight = aSubmittedDraft().with("nhsNumber", patient)
        .with("submittedAt", java.time.Instant.now().minusSeconds(60).toString());

    api.asPortalFor(patient).contentType(ContentType.JSON).body(Map.of("confirm", true, "reason", "Not for me"))
        .when().post("/patient-access/" + patient + "/consent-withdrawal")
        .then().statusCode(200).body("planErased", equalTo(false)).body("submissionsDeleted", equalTo(0));

    api.deliverAttempt(inFlight).then().statusCode(410);
  }

  @Test
  void shouldLetTheOrganisationASubmissionWasSentToWithdrawBeforeAnyPlan() {
    String patient = NhsNumbers.fresh();
    String submission = api.deliver(aSubmittedDraft().with("nhsNumber", patient));

    api.withdraw(Personas.SECOND_PRACTICE_GP, patient).then().statusCode(404);
    api.withdraw(Personas.GP, patient).then().statusCode(200)
        .body("planErased", equalTo(false)).body("submissionsDeleted", equalTo(1));
    api.as(Personas.GP).when().get("/intake/submitted-drafts/" + submission).then().statusCode(404);
  }

  @Test
  void shouldTellThePatientWhereEachSubmissionStands() {
    String patient = api.publishedPlan(aPlan());
    SubmittedDrafts first = aSubmittedDraft().with("nhsNumber", patient);
    SubmittedDrafts second = aSubmittedDraft().with("nhsNumber", patient);
    String claimed = api.deliver(first);
    api.deliver(second);
    api.claim(Personas.GP, claimed).then().statusCode(200);

    api.asPortalFor(patient).when().get("/patient-access/" + patient + "/status")
        .then().statusCode(200)
        .body("published", equalTo(true))
        .body("submissions.draftId", equalTo(List.of(first.draftId(), second.draftId())))
        .body("submissions[0].claimedAt", notNullValue())
        .body("submissions[1].claimedAt", nullValue());
  }

}
