package org.openucp.clinical.plan;

import static org.hamcrest.Matchers.equalTo;
import static org.openucp.clinical.support.Plans.aPlan;

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

/** Only a senior responsible clinician records "CPR not recommended"; others may still work on the plan. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class DnacprTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldLetAGpRecordAndPublishADnacprDecision() {
    String patient = api.publishedPlan(aPlan().withDnacpr());

    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/published")
        .then().statusCode(200).body("content.cpr.decision", equalTo("CPR_NOT_RECOMMENDED"));
  }

  @Test
  void shouldRefuseANurseRecordingADnacprDecisionAndKeepTheDraft() {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.COMMUNITY_NURSE, patient, aPlan()).then().statusCode(201);

    api.saveDraft(Personas.COMMUNITY_NURSE, patient, 0, aPlan().withDnacpr())
        .then().statusCode(403)
        .body("type", equalTo("https://openucp.org/problems/dnacpr-not-allowed"));
    api.initiate(Personas.COMMUNITY_NURSE, NhsNumbers.fresh(), aPlan().withDnacpr()).then().statusCode(403);
    api.as(Personas.GP).when().get("/plans/" + patient + "/draft")
        .then().body("content.cpr.decision", equalTo("CPR_RECOMMENDED"));
  }

  @Test
  void shouldRefuseAnAdministratorRecordingADnacprDecision() {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.GP, patient, aPlan()).then().statusCode(201);

    api.saveDraft(Personas.CLINICAL_ADMIN, patient, 0, aPlan().withDnacpr()).then().statusCode(403);
  }

  @Test
  void shouldLetOthersEditAroundADnacprDecisionTheGpRecorded() {
    String patient = api.publishedPlan(aPlan().withDnacpr());
    long revision = api.revision(patient);

    api.saveDraft(Personas.CLINICAL_ADMIN, patient, revision,
        aPlan().withDnacpr().with("whatMattersToMe", "Updated by the practice team")).then().statusCode(200);
    api.publish(Personas.COMMUNITY_NURSE, patient, revision + 1).then().statusCode(201);
  }

  @Test
  void shouldRefuseANursePublishingADnacprDecisionTheyDidNotRecordOnAPublishedPlan() {
    String patient = api.publishedPlan(aPlan());
    long revision = api.revision(patient);
    api.saveDraft(Personas.GP, patient, revision, aPlan().withDnacpr()).then().statusCode(200);

    api.publish(Personas.COMMUNITY_NURSE, patient, revision + 1)
        .then().statusCode(403)
        .body("type", equalTo("https://openucp.org/problems/dnacpr-not-allowed"));
    api.publish(Personas.GP, patient, revision + 1).then().statusCode(201);
  }
}
