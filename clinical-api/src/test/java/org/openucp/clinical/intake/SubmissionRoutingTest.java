package org.openucp.clinical.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
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

/** A patient's submission goes to the one organisation they chose; only its staff list, read, claim or forward it. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class SubmissionRoutingTest {

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
  void shouldKeepASubmissionFromStaffOfOtherOrganisations() {
    String submission = api.deliver(aSubmittedDraft().with("nhsNumber", NhsNumbers.fresh()));

    assertThat(api.inbox(Personas.SECOND_PRACTICE_GP, true)).doesNotContain(submission);
    api.as(Personas.SECOND_PRACTICE_GP).when().get("/intake/submitted-drafts/" + submission)
        .then().statusCode(403).body("type", equalTo("https://openucp.org/problems/not-addressed-to-you"));
    api.claim(Personas.SECOND_PRACTICE_GP, submission).then().statusCode(403);
    api.as(Personas.SECOND_PRACTICE_GP).contentType(ContentType.JSON)
        .body(Map.of("organisation", Personas.SECOND_PRACTICE, "reason", "Ours now"))
        .when().post("/intake/submitted-drafts/" + submission + "/forwarding")
        .then().statusCode(403);

    assertThat(api.inbox(Personas.GP, false)).contains(submission);
    api.as(Personas.GP).when().get("/intake/submitted-drafts/" + submission)
        .then().statusCode(200).body("organisation", equalTo(Personas.DEMO_PRACTICE));
  }

  @Test
  void shouldForwardASubmissionToAnotherPracticeAndAuditIt() {
    String patient = NhsNumbers.fresh();
    String submission = api.deliver(aSubmittedDraft().with("nhsNumber", patient));

    api.as(Personas.GP).contentType(ContentType.JSON)
        .body(Map.of("organisation", Personas.SECOND_PRACTICE, "reason", "Registered there since March"))
        .when().post("/intake/submitted-drafts/" + submission + "/forwarding")
        .then().statusCode(200).body("organisation", equalTo(Personas.SECOND_PRACTICE));

    assertThat(api.inbox(Personas.GP, true)).doesNotContain(submission);
    assertThat(api.inbox(Personas.SECOND_PRACTICE_GP, false)).contains(submission);
    api.claim(Personas.SECOND_PRACTICE_GP, submission).then().statusCode(200);
    api.summary(Personas.SECOND_PRACTICE_GP, patient).then().statusCode(200)
        .body("owningOrganisation", equalTo(Personas.SECOND_PRACTICE));
    assertThat(new ClinicalTables(database).count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND "
        + "action = 'intake.forward' AND outcome = 'SUCCESS' AND reason = ?", patient, "Registered there since March"))
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseToForwardToAnOrganisationThatDoesNotReceiveSubmissions() {
    String submission = api.deliver(aSubmittedDraft().with("nhsNumber", NhsNumbers.fresh()));

    api.as(Personas.GP).contentType(ContentType.JSON)
        .body(Map.of("organisation", Personas.DEMO_AMBULANCE_TRUST, "reason", "Wrong place"))
        .when().post("/intake/submitted-drafts/" + submission + "/forwarding")
        .then().statusCode(422).body("errors[0].field", equalTo("organisation"));
  }

  @Test
  void shouldListTheOrganisationsThatReceiveSubmissionsForThePortal() {
    api.as(Personas.PORTAL_SERVICE).when().get("/intake/recipients")
        .then().statusCode(200)
        .body("items.odsCode", hasItems(Personas.DEMO_PRACTICE, Personas.SECOND_PRACTICE))
        .body("items.odsCode", not(hasItem(Personas.DEMO_AMBULANCE_TRUST)))
        .body("items.odsCode", not(hasItem(Personas.DEMO_111_PROVIDER)));
    api.as(Personas.URGENT_CARE_SYSTEM).when().get("/intake/recipients").then().statusCode(403);
  }

  @Test
  void shouldRefuseADeliveryToAnOrganisationThatDoesNotReceiveSubmissions() {
    api.deliverAttempt(aSubmittedDraft().with("nhsNumber", NhsNumbers.fresh())
            .with("organisation", Personas.DEMO_AMBULANCE_TRUST))
        .then().statusCode(422).body("type", equalTo("https://openucp.org/problems/not-a-recipient"));
    api.deliverAttempt(aSubmittedDraft().with("nhsNumber", NhsNumbers.fresh()).with("organisation", "ZZZ99"))
        .then().statusCode(422);
  }

  @Test
  void shouldRefuseADeliveryThatNamesNoOrganisation() {
    SubmittedDrafts draft = aSubmittedDraft().with("nhsNumber", NhsNumbers.fresh()).without("organisation");

    api.as(Personas.PORTAL_SERVICE).header("Idempotency-Key", draft.draftId())
        .contentType(ContentType.JSON).body(draft.body())
        .when().post("/intake/submitted-drafts")
        .then().statusCode(400).body("errors.field", hasItem("organisation"));
  }
}
