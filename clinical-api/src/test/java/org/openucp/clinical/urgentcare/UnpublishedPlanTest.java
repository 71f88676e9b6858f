package org.openucp.clinical.urgentcare;

import static org.hamcrest.Matchers.equalTo;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.NhsNumbers;
import org.openucp.infra.Persona;
import org.openucp.infra.Personas;

/** For roles that read published plans only, a plan never published does not exist, nor do a draft's documents. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class UnpublishedPlanTest {


  @LocalInfra
  LocalIssuer issuer;

  private ClinicalApi api;

  @BeforeEach
  void onboard() {
    Onboarded.demoOrganisations(issuer);
    api = new ClinicalApi(issuer);
  }

  @Test
  void shouldNotTellUrgentCareThatAPlanNeverPublishedExists() {
    String patient = NhsNumbers.fresh();
    api.initiate(Personas.GP, patient, aPlan()).then().statusCode(201);
    String document = api.attach(patient);

    String nobody = NhsNumbers.fresh();

    for (Persona reader : new Persona[] {Personas.PARAMEDIC, Personas.CALL_HANDLER_111}) {
      for (String path : new String[] {"", "/versions", "/published", "/versions/1", "/versions/1/pdf",
          "/versions/1/fhir", "/attachments/" + document}) {
        String withoutPlan = api.as(reader).when().get("/plans/" + nobody + path)
            .then().statusCode(404).extract().path("detail");
        api.as(reader).when().get("/plans/" + patient + path)
            .then().statusCode(404).contentType("application/problem+json")
            .body("detail", equalTo(withoutPlan));
      }
      api.as(reader).when().get("/urgent-care/patients/" + patient).then().statusCode(404);
    }
  }

  @Test
  void shouldServeUrgentCareOnlyTheDocumentsAPublishedVersionRefersTo() {
    String patient = api.publishedPlan(aPlan());
    String document = api.attach(patient);

    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/attachments/" + document).then().statusCode(404);
    long revision = api.revision(patient);
    api.saveDraft(Personas.GP, patient, revision, aPlan().with("adrt", Map.of("exists", true,
        "decision", "Refuses ventilation", "attachmentId", document))).then().statusCode(200);
    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/attachments/" + document).then().statusCode(404);
    api.as(Personas.GP).when().get("/plans/" + patient + "/attachments/" + document).then().statusCode(200);

    api.publish(Personas.GP, patient, revision + 1).then().statusCode(201);
    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/attachments/" + document).then().statusCode(200);
  }

  @Test
  void shouldRefuseAnAdrtThatNamesADocumentOfAnotherPlan() {
    String patient = api.publishedPlan(aPlan());
    String otherPlansDocument = api.attach(api.publishedPlan(aPlan()));

    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().with("adrt", Map.of("exists", true,
            "attachmentId", otherPlansDocument)))
        .then().statusCode(422)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("adrt.attachmentId"));
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan().with("adrt", Map.of("exists", true,
            "attachmentId", "not-an-id")))
        .then().statusCode(422).body("errors[0].field", equalTo("adrt.attachmentId"));
  }
}
