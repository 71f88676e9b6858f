package org.openucp.clinical.nrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.openucp.clinical.support.Plans.aPlan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucp.clinical.support.ClinicalApi;
import org.openucp.clinical.support.ClinicalInfra;
import org.openucp.clinical.support.ClinicalTables;
import org.openucp.clinical.support.Onboarded;
import org.openucp.infra.EmbeddedDatabase;
import org.openucp.infra.LocalInfra;
import org.openucp.infra.LocalIssuer;
import org.openucp.infra.Personas;

/** Every published plan has one NRL-shaped pointer; a new version replaces it; withdrawal removes it. */
@QuarkusTest
@QuarkusTestResource(ClinicalInfra.class)
class NrlPointerTest {

  private static final String FHIR_JSON = "application/fhir+json";

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
  void shouldPointAtThePublishedPlanAsAnNrlDocumentReference() {
    String patient = api.publishedPlan(aPlan());

    pointers(patient)
        .body("resourceType", equalTo("Bundle"))
        .body("total", equalTo(1))
        .body("entry[0].resource.resourceType", equalTo("DocumentReference"))
        .body("entry[0].resource.status", equalTo("current"))
        .body("entry[0].resource.type.coding[0].code", equalTo("861421000000109"))
        .body("entry[0].resource.category[0].coding[0].code", equalTo("734163000"))
        .body("entry[0].resource.subject.identifier.system", equalTo("https://fhir.nhs.uk/Id/nhs-number"))
        .body("entry[0].resource.subject.identifier.value", equalTo(patient))
        .body("entry[0].resource.custodian.identifier.value", equalTo("A83008"))
        .body("entry[0].resource.content[0].attachment.url", endsWith("/plans/" + patient + "/versions/1/pdf"))
        .body("entry[0].resource.content[1].attachment.contentType", equalTo("application/fhir+json"))
        .body("entry[0].resource.content[1].attachment.url", endsWith("/plans/" + patient + "/versions/1/fhir"))
        .body("entry[0].resource.relatesTo", nullValue());
  }

  @Test
  void shouldServeTheFhirPlanThePointerLinksTo() {
    String patient = api.publishedPlan(aPlan().withDnacpr());

    api.as(Personas.PARAMEDIC).when().get("/plans/" + patient + "/versions/1/fhir")
        .then().statusCode(200)
        .body("resourceType", equalTo("Bundle"))
        .body("entry[0].resource.resourceType", equalTo("Composition"))
        .body("entry[1].resource.resourceType", equalTo("Patient"))
        .body("entry[1].resource.identifier[0].system", equalTo("https://fhir.nhs.uk/Id/nhs-number"))
        .body("entry[1].resource.identifier[0].value", equalTo(patient))
        .body("entry[2].resource.resourceType", equalTo("CarePlan"))
        .body("entry[2].resource.category[0].coding[0].code", equalTo("734163000"))
        .body("entry.find { it.resource.resourceType == 'Observation' }.resource.valueCodeableConcept.coding[0].code",
            equalTo("450476008"))
        .body("entry.find { it.resource.resourceType == 'AllergyIntolerance' }.resource.code.text",
            equalTo("Penicillin"))
        .body("entry.find { it.resource.resourceType == 'Provenance' }.resource.agent[0].onBehalfOf.identifier.value",
            equalTo("A83008"));
  }

  @Test
  void shouldSupersedeThePointerWhenANewVersionIsPublished() {
    String patient = api.publishedPlan(aPlan());
    String first = pointers(patient).extract().path("entry[0].resource.id");
    api.saveDraft(Personas.GP, patient, api.revision(patient), aPlan()).then().statusCode(200);
    api.publish(Personas.GP, patient, api.revision(patient)).then().statusCode(201);

    pointers(patient)
        .body("total", equalTo(1))
        .body("entry[0].resource.relatesTo[0].code", equalTo("replaces"))
        .body("entry[0].resource.relatesTo[0].target.reference",
            endsWith("/urgent-care/document-references/" + first))
        .body("entry[0].resource.content[0].attachment.url", endsWith("/versions/2/pdf"));
    String replaced = pointers(patient).extract().path("entry[0].resource.relatesTo[0].target.reference");
    api.as(Personas.URGENT_CARE_SYSTEM).when().get(replaced).then().statusCode(200)
        .body("id", equalTo(first))
        .body("status", equalTo("superseded"))
        .body("content[0].attachment.url", endsWith("/versions/1/pdf"));
  }

  @Test
  void shouldRemoveThePointerWhenConsentIsWithdrawn() {
    String patient = api.publishedPlan(aPlan());
    api.withdraw(Personas.GP, patient).then().statusCode(200);

    pointers(patient).body("total", equalTo(0)).body("entry", hasSize(0));
  }

  @Test
  void shouldLetUrgentCareStaffReadPointersButNotUnonboardedCallers() {
    String patient = api.publishedPlan(aPlan());

    api.as(Personas.PARAMEDIC).queryParam("subject", patient).when().get("/urgent-care/document-references")
        .then().statusCode(200).body("total", equalTo(1));
    api.as(Personas.PORTAL_SERVICE).queryParam("subject", patient).when().get("/urgent-care/document-references")
        .then().statusCode(403);
  }

  @Test
  void shouldServeThePointerAtItsFullUrlAndThePlanAtItsAttachmentUrlsAsGiven() {
    String patient = api.publishedPlan(aPlan().withDnacpr());
    Map<String, Object> entry = pointers(patient).extract().path("entry[0]");
    String fullUrl = (String) entry.get("fullUrl");
    assertThat(fullUrl).startsWith(RestAssured.baseURI + ":" + RestAssured.port + "/");

    Response read = api.as(Personas.URGENT_CARE_SYSTEM).when().get(fullUrl);

    assertThat(read.statusCode()).as(read.asString()).isEqualTo(200);
    assertThat(read.contentType()).startsWith(FHIR_JSON);
    assertThat(read.jsonPath().getMap("")).isEqualTo(entry.get("resource"));
    api.as(Personas.PARAMEDIC).when().get(fullUrl).then().statusCode(200)
        .body("resourceType", equalTo("DocumentReference"));

    String bundleUrl = read.path("content.find { it.attachment.contentType == 'application/fhir+json' }"
        + ".attachment.url");
    api.as(Personas.PARAMEDIC).when().get(bundleUrl)
        .then().statusCode(200).contentType(FHIR_JSON)
        .body("resourceType", equalTo("Bundle"))
        .body("entry[1].resource.identifier[0].value", equalTo(patient))
        .body("entry.find { it.resource.code?.text == 'CPR recommendation' }.resource.valueCodeableConcept"
            + ".coding[0].code", equalTo("450476008"));
    String pdfUrl = read.path("content.find { it.attachment.contentType == 'application/pdf' }.attachment.url");
    api.as(Personas.PARAMEDIC).when().get(pdfUrl).then().statusCode(200).contentType("application/pdf");
  }

  @Test
  void shouldAuditReadingOnePointerAsAccessToThatPatientsPlan() {
    String patient = api.publishedPlan(aPlan());
    String fullUrl = pointers(patient).extract().path("entry[0].fullUrl");

    api.as(Personas.PARAMEDIC).header("X-Access-Reason", "999 call").when().get(fullUrl).then().statusCode(200);

    assertThat(tables.count("SELECT count(*) FROM audit_event WHERE nhs_number = ? AND action = 'nrl.read'"
        + " AND outcome = 'SUCCESS' AND actor_id = ? AND reason = '999 call' AND plan_version = 1", patient,
        Personas.PARAMEDIC.subject())).isEqualTo(1);
  }

  @Test
  void shouldRefuseOnePointerToThoseWhoMayNotSearchAndKnowNoPointerThatDoesNotExist() {
    String patient = api.publishedPlan(aPlan());
    String fullUrl = pointers(patient).extract().path("entry[0].fullUrl");

    api.as(Personas.PORTAL_SERVICE).when().get(fullUrl).then().statusCode(403);
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/document-references/" + UUID.randomUUID())
        .then().statusCode(404);
    api.as(Personas.PARAMEDIC).when().get("/urgent-care/document-references/not-a-uuid").then().statusCode(400);
    api.withdraw(Personas.GP, patient).then().statusCode(200);
    api.as(Personas.URGENT_CARE_SYSTEM).when().get(fullUrl).then().statusCode(404);
  }

  @Test
  void shouldServePointersAsFhirJsonUnlessPlainJsonIsAskedFor() {
    String patient = api.publishedPlan(aPlan());
    String fullUrl = pointers(patient).extract().path("entry[0].fullUrl");

    for (String accept : new String[] {"*/*", FHIR_JSON}) {
      api.as(Personas.URGENT_CARE_SYSTEM).accept(accept).queryParam("subject", patient)
          .when().get("/urgent-care/document-references").then().statusCode(200).contentType(FHIR_JSON);
      api.as(Personas.URGENT_CARE_SYSTEM).accept(accept).when().get(fullUrl)
          .then().statusCode(200).contentType(FHIR_JSON);
    }
    api.as(Personas.URGENT_CARE_SYSTEM).accept("application/json").queryParam("subject", patient)
        .when().get("/urgent-care/document-references").then().statusCode(200).contentType("application/json");
    api.as(Personas.URGENT_CARE_SYSTEM).accept("application/json").when().get(fullUrl)
        .then().statusCode(200).contentType("application/json");
  }

  private ValidatableResponse pointers(String patient) {
    return api.as(Personas.URGENT_CARE_SYSTEM).queryParam("subject", patient)
        .when().get("/urgent-care/document-references").then().statusCode(200);
  }
}
