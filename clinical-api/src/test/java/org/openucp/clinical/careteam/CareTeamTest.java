package org.openucp.clinical.careteam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * A plan's drafts, edits, publication, consent, attachments and withdrawal belong to its care team: staff of other
 * organisations read the published plan only. The team changes, and ownership moves, only explicitly and audited.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class CareTeamTest {


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
  void shouldRefuseAnotherOrganisationsStaffEveryCareTeamOperationButTheirPublishedPlanRead() {
    String patient = publishedWithDraft();
    long revision = api.revision(patient);

    assertNotInCareTeam(api.as(Personas.SECOND_PRACTICE_GP).when().get("/plans/" + patient + "/draft"));
    assertNotInCareTeam(api.saveDraft(Personas.SECOND_PRACTICE_GP, patient, revision, aPlan()));
    assertNotInCareTeam(api.as(Personas.SECOND_PRACTICE_GP).when().post("/plans/" + patient + "/revision"));
    assertNotInCareTeam(api.publish(Personas.SECOND_PRACTICE_GP, patient, revision));
    assertNotInCareTeam(api.recordConsent(Personas.SECOND_PRACTICE_GP, patient, "BEST_INTERESTS_DECISION"));
    assertNotInCareTeam(api.as(Personas.SECOND_PRACTICE_GP).when().get("/plans/" + patient + "/consent"));
    assertNotInCareTeam(api.withdraw(Personas.SECOND_PRACTICE_GP, patient));
    assertNotInCareTeam(api.as(Personas.SECOND_PRACTICE_GP).contentType("application/pdf").body(ClinicalApi.PDF)
        .when().post("/plans/" + patient + "/attachments"));
    assertNotInCareTeam(api.as(Personas.SECOND_PRACTICE_GP).when().get("/plans/" + patient + "/care-team"));
    assertNotInCareTeam(api.as(Personas.SECOND_PRACTICE_GP).when()
        .put("/plans/" + patient + "/care-team/" + Personas.SECOND_PRACTICE));

    api.summary(Personas.SECOND_PRACTICE_GP, patient).then().statusCode(200).body("hasDraft", nullValue());
    api.as(Personas.SECOND_PRACTICE_GP).when().get("/plans/" + patient + "/published")
        .then().statusCode(200).body("content.whatMattersToMe", equalTo("Being at home with my cat."));
    api.as(Personas.GP).when().get("/plans/" + patient + "/draft")
        .then().statusCode(200).body("content.whatMattersToMe", equalTo("draft"));
    api.summary(Personas.GP, patient).then().statusCode(200);
  }

  @Test
  void shouldServeAnotherOrganisationOnlyTheDocumentsThePublishedPlanRefersTo() {
    String patient = api.publishedPlan(aPlan());
    String draftsDocument = api.attach(patient);
    String publishedDocument = api.attach(patient);
    long revision = api.revision(patient);
    api.saveDraft(Personas.GP, patient, revision, aPlan().with("adrt", Map.of("exists", true,
        "attachmentId", publishedDocument))).then().statusCode(200);
    api.publish(Personas.GP, patient, revision + 1).then().statusCode(201);

    api.as(Personas.SECOND_PRACTICE_GP).when().get("/plans/" + patient + "/attachments/" + draftsDocument)
        .then().statusCode(404);
    api.as(Personas.SECOND_PRACTICE_GP).when().get("/plans/" + patient + "/attachments/" + publishedDocument)
        .then().statusCode(200);
    api.as(Personas.GP).when().get("/plans/" + patient + "/attachments/" + draftsDocument).then().statusCode(200);
  }

  @Test
  void shouldNotShowTheCareTeamToRolesThatReadPublishedPlansOnly() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/care-team")
        .then().statusCode(403).body("type", equalTo("https://openucp.org/problems/permission-denied"));
  }

  @Test
  void shouldTellAnotherOrganisationsAuthorThatAPlanNeverPublishedIsNotTheirs() {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.GP, patient, aPlan()).then().statusCode(201);

    assertNotInCareTeam(api.summary(Personas.SECOND_PRACTICE_NURSE, patient));
    assertNotInCareTeam(api.as(Personas.SECOND_PRACTICE_NURSE).when().get("/plans/" + patient + "/versions"));
  }

  @Test
  void shouldLetAnAddedOrganisationWorkOnThePlanUntilItIsRemoved() {
    String patient = publishedWithDraft();

    api.as(Personas.GP).when().put("/plans/" + patient + "/care-team/" + Personas.SECOND_PRACTICE)
        .then().statusCode(200)
        .body("owningOrganisation", equalTo(Personas.DEMO_PRACTICE))
        .body("members.odsCode", hasItem(Personas.SECOND_PRACTICE));
    api.as(Personas.SECOND_PRACTICE_NURSE).when().get("/plans/" + patient + "/draft").then().statusCode(200);
    api.saveDraft(Personas.SECOND_PRACTICE_NURSE, patient, api.revision(patient),
        aPlan().with("whatMattersToMe", "added by the second practice")).then().statusCode(200);

    api.as(Personas.GP).when().delete("/plans/" + patient + "/care-team/" + Personas.SECOND_PRACTICE)
        .then().statusCode(200).body("members.odsCode", not(hasItem(Personas.SECOND_PRACTICE)));
    assertNotInCareTeam(api.as(Personas.SECOND_PRACTICE_NURSE).when().get("/plans/" + patient + "/draft"));
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action IN "
        + "('care-team.add', 'care-team.remove') AND outcome = 'SUCCESS' AND reason LIKE ?", patient,
        "%" + Personas.SECOND_PRACTICE + "%")).isEqualTo(2);
  }

  @Test
  void shouldKeepTheOwnerInTheCareTeamAndRefuseOrganisationsThatHaveNotJoined() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.GP).when().delete("/plans/" + patient + "/care-team/" + Personas.DEMO_PRACTICE)
        .then().statusCode(409).contentType("application/problem+json");
    api.as(Personas.GP).when().put("/plans/" + patient + "/care-team/ZZZ99")
        .then().statusCode(422).body("errors[0].field", equalTo("organisation"));
  }

  @Test
  void shouldTransferOwnershipWhenThePatientMovesPracticeAndAuditIt() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.GP).contentType(ContentType.JSON)
        .body(Map.of("organisation", Personas.SECOND_PRACTICE, "reason", "Registered with a new practice"))
        .when().put("/plans/" + patient + "/owner")
        .then().statusCode(200)
        .body("owningOrganisation", equalTo(Personas.SECOND_PRACTICE))
        .body("members.odsCode", hasItem(Personas.SECOND_PRACTICE));

    api.summary(Personas.SECOND_PRACTICE_GP, patient).then().statusCode(200)
        .body("owningOrganisation", equalTo(Personas.SECOND_PRACTICE));
    api.as(Personas.GP).when().delete("/plans/" + patient + "/care-team/" + Personas.DEMO_PRACTICE)
        .then().statusCode(200);
    assertNotInCareTeam(api.as(Personas.GP).when().post("/plans/" + patient + "/revision"));
    api.as(Personas.SECOND_PRACTICE_GP).when().post("/plans/" + patient + "/revision").then().statusCode(201);
    assertThat(tables.count("SELECT count(*) FROM published_plan WHERE nhs_number = ? AND owning_organisation = ?",
        patient, Personas.SECOND_PRACTICE)).isEqualTo(1);
    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'care-team.transfer'"
        + " AND outcome = 'SUCCESS' AND reason LIKE ?", patient, "%A83008 -> B82005%new practice%")).isEqualTo(1);
  }

  @Test
  void shouldRefuseOwnershipTransferByStaffOutsideTheCareTeam() {
    String patient = api.publishedPlan(aPlan());

    assertNotInCareTeam(api.as(Personas.SECOND_PRACTICE_GP).contentType(ContentType.JSON)
        .body(Map.of("organisation", Personas.SECOND_PRACTICE, "reason", "Taking it"))
        .when().put("/plans/" + patient + "/owner"));
    api.summary(Personas.GP, patient).then().body("owningOrganisation", equalTo(Personas.DEMO_PRACTICE));
  }

  private String publishedWithDraft() {
    String patient = api.publishedPlan(aPlan());
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().with("whatMattersToMe", "draft"))
        .then().statusCode(200);
    return patient;
  }

  private static void assertNotInCareTeam(Response response) {
    response.then().statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://openucp.org/problems/not-in-care-team"))
        .body("detail", containsString("is not in this plan's care team"));
  }
}
