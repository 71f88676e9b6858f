package org.openucp.clinical.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Personas;

/**
 * Rectification of a clinical record: a factual correction becomes a new version with its reason, the corrected one
 * kept; a disputed opinion is answered by the patient's own comment, shown with the plan, never by an overwrite.
 */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class RectificationTest {

  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldPublishAFactualCorrectionAsANewVersionKeepingTheOldAndTellUrgentCare() {
    String patient = api.publishedPlan(aPlan());
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().withPerson("dateOfBirth", "1948-03-21"))
        .then().statusCode(200);

    correct(patient, "The date of birth was typed wrongly: the patient showed her passport")
        .then().statusCode(201).body("published.version", equalTo(2))
        .body("published.correctionReason", equalTo("The date of birth was typed wrongly: the patient showed her "
            + "passport"));

    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200)
        .body("identity.dateOfBirth", equalTo("1948-03-21"))
        .body("banner.correction", equalTo("The date of birth was typed wrongly: the patient showed her passport"));
    api.as(Personas.GP).when().get("/plans/" + patient + "/versions/1")
        .then().statusCode(200).body("content.person.dateOfBirth", equalTo("1948-03-12"))
        .body("stamp.correctionReason", nullValue());
  }

  @Test
  void shouldRefuseACorrectionWithoutAReasonOrWithNothingPublishedToCorrect() {
    String patient = api.publishedPlan(aPlan());
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().with("whatMattersToMe", "garden"))
        .then().statusCode(200);
    api.as(Personas.GP).header("If-Match", "\"" + api.revision(patient) + "\"").contentType(ContentType.JSON)
        .body(Map.of()).when().post("/plans/" + patient + "/corrections")
        .then().statusCode(400).body("errors[0].field", equalTo("reason"));

    String draftOnly = NhsNumbers.fresh();
    api.initiate(Personas.GP, draftOnly, aPlan()).then().statusCode(201);
    correct(draftOnly, "wrong").then().statusCode(409)
        .body("type", equalTo("https://openucp.org/problems/nothing-to-correct"));
  }

  @Test
  void shouldShowThePatientsCommentWithThePlanInsteadOfOverwritingIt() throws IOException {
    String patient = api.publishedPlan(aPlan().with("otherTreatmentRecommendations", "Admit for any infection"));
    String request = request(patient, "RECTIFICATION");

    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("text", "I do not agree: I want infections treated at home."))
        .when().post("/rights-requests/" + request + "/patient-comments").then().statusCode(201);

    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200)
        .body("treatment.recommendations", equalTo("Admit for any infection"))
        .body("banner.patientComments", hasSize(1))
        .body("banner.patientComments[0].text", equalTo("I do not agree: I want infections treated at home."));
    api.as(Personas.GP).when().get("/plans/" + patient + "/published")
        .then().statusCode(200)
        .body("patientComments[0].text", equalTo("I do not agree: I want infections treated at home."));
    byte[] pdf = api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/versions/1/pdf")
        .then().statusCode(200).extract().asByteArray();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " "))
          .contains("The patient's comment I do not agree: I want infections treated at home.");
    }
  }

  @Test
  void shouldTakeAPatientsCommentOnlyFromInformationGovernanceForAnOpenRectification() {
    String patient = api.publishedPlan(aPlan());
    String access = request(patient, "ACCESS");
    String rectification = request(patient, "RECTIFICATION");

    api.as(Personas.IG_OFFICER).contentType(ContentType.JSON).body(Map.of("text", "I disagree"))
        .when().post("/rights-requests/" + access + "/patient-comments")
        .then().statusCode(409).body("type", equalTo("https://openucp.org/problems/not-an-open-rectification"));
    api.as(Personas.GP).contentType(ContentType.JSON).body(Map.of("text", "I disagree"))
        .when().post("/rights-requests/" + rectification + "/patient-comments").then().statusCode(403);
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/patients/" + patient)
        .then().statusCode(200).body("banner.patientComments", hasSize(0));
  }

  private io.restassured.response.Response correct(String patient, String reason) {
    return api.as(Personas.GP).header("If-Match", "\"" + api.revision(patient) + "\"").contentType(ContentType.JSON)
        .body(Map.of("reason", reason)).when().post("/plans/" + patient + "/corrections");
  }

  private String request(String patient, String kind) {
    return api.as(Personas.IG_OFFICER).contentType(ContentType.JSON)
        .body(Map.of("nhsNumber", patient, "kind", kind, "receivedVia", "LETTER", "requester", "The patient"))
        .when().post("/rights-requests").then().statusCode(201).extract().path("id");
  }
}
