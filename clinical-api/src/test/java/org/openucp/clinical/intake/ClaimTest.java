package org.openucp.clinical.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.openucp.clinical.support.Plans.aPlan;
import static org.openucp.clinical.support.SubmittedDrafts.aSubmittedDraft;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.infra.NhsNumbers;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/** A clinician takes a patient's own submitted draft into their plan, once. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class ClaimTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldInitiateAPlanFromASubmissionAndTakeItOutOfTheInbox() {
    String patient = NhsNumbers.fresh();
    String submission = api.deliver(aSubmittedDraft().with("nhsNumber", patient));

    api.claim(Personas.GP, submission)
        .then().statusCode(200)
        .body("planId", notNullValue())
        .body("claimedBy", equalTo("555000000001"));

    api.as(Personas.GP).when().get("/plans/" + patient + "/draft")
        .then().statusCode(200)
        .body("content.person.postcode", equalTo("SW3 6JJ"))
        .body("content.preferences.preferredPlaceOfCare", equalTo("HOME"))
        .body("content.functionalLevel", equalTo("LIMITED_SELF_CARE"))
        .body("content.whatMattersToMe", equalTo("I would like to stay at home with my cat."))
        .body("content.keySupporters[0].name", equalTo("Mary Smith"));
    assertThat(api.inbox(Personas.GP, false)).doesNotContain(submission);
    assertThat(api.inbox(Personas.GP, true)).contains(submission);
  }

  @Test
  void shouldRefuseASecondClaimNamingThePlan() {
    String submission = api.deliver(aSubmittedDraft().with("nhsNumber", NhsNumbers.fresh()));
    api.claim(Personas.GP, submission).then().statusCode(200);

    api.claim(Personas.COMMUNITY_NURSE, submission)
        .then().statusCode(409)
        .body("title", equalTo("Already taken into a plan"));
  }

  @Test
  void shouldAddToAPublishedPlanWithoutOverwritingWhatCliniciansWrote() {
    String patient = api.publishedPlan(aPlan().with("whatMattersToMe", "Clinician's summary"));
    String submission = api.deliver(aSubmittedDraft().with("nhsNumber", patient)
        .with("preferredPlaceOfCare", "HOSPICE"));

    api.claim(Personas.CLINICAL_ADMIN, submission)
        .then().statusCode(200);

    api.as(Personas.GP).when().get("/plans/" + patient + "/draft")
        .then().statusCode(200)
        .body("content.preferences.preferredPlaceOfCare", equalTo("HOME"))
        .body("content.whatMattersToMe", equalTo(
            "Clinician's summary\n\nIn the patient's own words: I would like to stay at home with my cat."));
    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/published")
        .then().body("content.whatMattersToMe", equalTo("Clinician's summary"));
  }

  @Test
  void shouldNotLetUrgentCareSeeOrClaimSubmissions() {
    String submission = api.deliver(aSubmittedDraft().with("nhsNumber", NhsNumbers.fresh()));

    api.as(Personas.PARAMEDIC).when().get("/intake/submitted-drafts").then().statusCode(403);
    api.claim(Personas.CALL_HANDLER_111, submission)
        .then().statusCode(403);
  }
}
